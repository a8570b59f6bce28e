import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { retryDelayMs } from './backoff.js';
import { EVENT_TYPES, ROLE_WIDE_ID, recipientsOf, titleOf } from './events.js';
import { explainEmail, explainEvents, explainSecret, explainWebhookUrl } from './input.js';
import { deliveryBody, emailText } from './senders.js';
import { signBody, verifySignature } from './signature.js';

describe('signature', () => {
  it('is sha256=<hex HMAC-SHA256 of the body with the secret>, and a receiver verifies exactly that', () => {
    const body = '{"id":"e","event":"audit.finished","at":"2026-01-01T00:00:00.000Z","data":{}}';
    const expected = `sha256=${createHmac('sha256', 'the-secret-0123456').update(body).digest('hex')}`;
    expect(signBody('the-secret-0123456', body)).toBe(expected);
    expect(verifySignature('the-secret-0123456', body, expected)).toBe(true);
    expect(verifySignature('the-secret-0123457', body, expected)).toBe(false);
    expect(verifySignature('the-secret-0123456', `${body} `, expected)).toBe(false);
    expect(verifySignature('the-secret-0123456', body, expected.replace('sha256=', 'sha1='))).toBe(false);
    expect(verifySignature('the-secret-0123456', body, undefined)).toBe(false);
  });
});

describe('retry backoff', () => {
  it('doubles from the base after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20, 30_000)).toBe(6 * 3600_000);
    expect(retryDelayMs(3, 100, 250)).toBe(250);
    expect(() => retryDelayMs(0, 100)).toThrow(/failures/);
  });
});

describe('recipients', () => {
  it('tells the parties once each, and the supervisors of an audit finished or a deadline missed', () => {
    const s = '11111111-1111-4111-8111-111111111111';
    const h = '22222222-2222-4222-8222-222222222222';
    expect(recipientsOf({ type: 'money.overdue', to: { rightsHolders: [h, h] } })).toEqual([{ kind: 'rights-holder', id: h }]);
    expect(recipientsOf({ type: 'deadline.missed', to: { societies: [s] } })).toEqual([
      { kind: 'society', id: s },
      { kind: 'regulator', id: ROLE_WIDE_ID },
      { kind: 'admin', id: ROLE_WIDE_ID },
    ]);
    expect(recipientsOf({ type: 'deadline.approaching', to: { societies: [s] } })).toEqual([{ kind: 'society', id: s }]);
  });

  it('gives every event type a title from its data', () => {
    for (const type of EVENT_TYPES) expect(titleOf(type, {}).length).toBeGreaterThan(5);
    expect(titleOf('money.overdue', { deadline: '2026-09-30', amounts: [{ currency: 'EUR', amount: '101.5' }, { currency: 'SEK', amount: '3' }] })).toBe('Money overdue since 2026-09-30: 101.5 EUR, 3 SEK');
    expect(titleOf('deadline.missed', { deadline: { kind: 'quarterly-package', packageType: 'income', period: '2026Q1', due: '2026-04-30' } })).toBe('Deadline missed: income package for 2026Q1 (due 2026-04-30)');
    expect(titleOf('line.changed', { changedLines: 2, period: '2025Q1' })).toBe('2 line(s) changed by a correction of 2025Q1');
  });
});

describe('what a principal registers', () => {
  it('takes http and https URLs only, without credentials or fragments', () => {
    expect(explainWebhookUrl('https://example.org/hook?x=1')).toBeNull();
    expect(explainWebhookUrl('http://127.0.0.1:8080/')).toBeNull();
    expect(explainWebhookUrl('ftp://example.org/')).toMatch(/http or https/);
    expect(explainWebhookUrl('javascript:alert(1)')).toMatch(/http or https/);
    expect(explainWebhookUrl('/relative')).toMatch(/absolute/);
    expect(explainWebhookUrl('https://u:p@example.org/')).toMatch(/user name or password/);
    expect(explainWebhookUrl('https://example.org/#x')).toMatch(/fragment/);
    expect(explainWebhookUrl(`https://example.org/${'a'.repeat(2000)}`)).toMatch(/2000/);
    expect(explainWebhookUrl(42)).not.toBeNull();
  });

  it('takes secrets of 16 to 256 characters without control characters', () => {
    expect(explainSecret('x'.repeat(16))).toBeNull();
    expect(explainSecret('x'.repeat(256))).toBeNull();
    expect(explainSecret('x'.repeat(15))).toMatch(/16 to 256/);
    expect(explainSecret('x'.repeat(257))).toMatch(/16 to 256/);
    expect(explainSecret(`${'x'.repeat(16)}\n`)).toMatch(/control/);
    expect(explainSecret(1234567890123456)).toMatch(/string/);
  });

  it('takes a non-empty list of known events, each once', () => {
    expect(explainEvents(['audit.finished', 'money.overdue'])).toBeNull();
    expect(explainEvents([])).toMatch(/non-empty/);
    expect(explainEvents('audit.finished')).toMatch(/non-empty/);
    expect(explainEvents(['audit.finished', 'audit.done'])).toMatch(/"audit.done"/);
    expect(explainEvents(['audit.finished', 'audit.finished'])).toMatch(/twice/);
  });

  it('takes e-mail addresses local@domain', () => {
    expect(explainEmail('ops@society.example')).toBeNull();
    expect(explainEmail('ops@localhost')).toBeNull();
    expect(explainEmail('ops')).not.toBeNull();
    expect(explainEmail('a b@example.org')).not.toBeNull();
    expect(explainEmail('ops@exa mple.org')).not.toBeNull();
    expect(explainEmail('"x"@example.org')).not.toBeNull();
  });
});

describe('what is sent', () => {
  const e = { eventId: 'e1', type: 'audit.finished' as const, at: '2026-01-01T00:00:00.000Z', data: { financialYear: 2025, failed: 2, rules: 22, status: 'done' } };
  it('a webhook body {id, event, at, data}', () => {
    expect(JSON.parse(deliveryBody(e))).toEqual({ id: 'e1', event: 'audit.finished', at: '2026-01-01T00:00:00.000Z', data: e.data });
  });
  it('an e-mail with the title as subject and the data in the text', () => {
    const mail = emailText(e);
    expect(mail.subject).toBe('[Collective Ledger] Audit of FY 2025 finished: 2 of 22 rules failed');
    expect(mail.text).toContain('Event: audit.finished');
    expect(mail.text).toContain('"financialYear": 2025');
  });
});
