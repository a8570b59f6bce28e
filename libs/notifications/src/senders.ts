import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/src/index.js';
import { type EventType, titleOf } from './events.js';
import { SIGNATURE_HEADER, signBody } from './signature.js';

/** What one attempt came to: delivered, or why not (with the HTTP status when there was one). */
export type SendOutcome = { ok: true; status: number | null } | { ok: false; status: number | null; error: string };

/** The JSON body of a delivery, exactly the bytes that are signed: `{id, event, at, data}`. */
export function deliveryBody(e: { eventId: string; type: EventType; at: string; data: Record<string, unknown> }): string {
  return JSON.stringify({ id: e.eventId, event: e.type, at: e.at, data: e.data });
}

/**
 * Posts a delivery to a webhook: the JSON body signed with the webhook's secret
 * (X-Ledger-Signature: sha256=<hex HMAC-SHA256>), the event and delivery ids in headers
 * so a receiver can drop a repeat. A 2xx answer within NOTIFY_TIMEOUT_MS delivers it;
 * anything else (a redirect too: it is not followed) is a failed attempt.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: AppConfig) {}

  async send(url: string, secret: string, body: string, headers: { event: string; delivery: string }): Promise<SendOutcome> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.NOTIFY_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'collective-ledger-webhooks',
          [SIGNATURE_HEADER]: signBody(secret, body),
          'X-Ledger-Event': headers.event,
          'X-Ledger-Delivery': headers.delivery,
        },
        body,
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
      return { ok: false, status: res.status, error: `the webhook answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const why = e.name === 'TimeoutError' ? `no answer within ${this.config.NOTIFY_TIMEOUT_MS} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { ok: false, status: null, error: `could not reach the webhook: ${why}` };
    }
  }
}

/** The text of a notification e-mail: the title, when, and the event's data. */
export function emailText(e: { eventId: string; type: EventType; at: string; data: Record<string, unknown> }): { subject: string; text: string } {
  const title = titleOf(e.type, e.data);
  return {
    subject: `[Collective Ledger] ${title}`,
    text: [title, '', `Event: ${e.type}`, `At: ${e.at}`, `Id: ${e.eventId}`, '', JSON.stringify(e.data, null, 2), ''].join('\n'),
  };
}

/** Sends notification e-mails through SMTP_URL (nodemailer); without it, none. */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly logger = new Logger('MailSender');
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.SMTP_URL !== undefined;
  }

  async send(to: string, e: { eventId: string; type: EventType; at: string; data: Record<string, unknown> }, deliveryId: string): Promise<SendOutcome> {
    if (!this.config.SMTP_URL) return { ok: false, status: null, error: 'SMTP_URL is not set' };
    const timeout = this.config.NOTIFY_TIMEOUT_MS;
    this.transport ??= nodemailer.createTransport({ url: this.config.SMTP_URL, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
    const { subject, text } = emailText(e);
    try {
      await this.transport.sendMail({ from: this.config.SMTP_FROM, to, subject, text, headers: { 'X-Ledger-Event': e.type, 'X-Ledger-Delivery': deliveryId } });
      return { ok: true, status: null };
    } catch (error) {
      const err = error as Error & { responseCode?: number };
      this.logger.warn(`e-mail ${deliveryId} not sent: ${err.message}`);
      return { ok: false, status: err.responseCode ?? null, error: `the SMTP server refused or could not be reached: ${err.message}` };
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
