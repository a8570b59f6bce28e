import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/src/index.js';
import type { Authentication } from './credential.js';

/** The channel the api_tokens trigger announces every token change on (its id, or '*' for all). */
export const TOKEN_CHANNEL = 'ledger_api_tokens';
/** The channel each process answers on, `<instance> <id>`, once it dropped a changed token. */
export const TOKEN_ACK_CHANNEL = 'ledger_api_tokens_ack';
/** The application_name prefix of the listening connections: the processes a revocation waits for. */
export const LISTENER_APPLICATION = 'collective-ledger-tokens:';

/** How long a revoking request waits at most for every listening process to answer. */
const ACK_TIMEOUT_MS = 2_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

type Authenticated = Extract<Authentication, { outcome: 'authenticated' }>;

interface Entry {
  authentication: Authenticated;
  tokenId: string;
  /** Epoch ms after which the entry is not used: the cache's life or the token's expiry, the earlier. */
  until: number;
}

/** What the token notifications come through: PostgreSQL's LISTEN, or a test's fake. */
export interface TokenListener {
  /** This process's name among the listeners. */
  readonly instance: string;
  /** Resolves when listening; rejects when the connection could not be made. */
  start(handlers: { changed(id: string): void; acknowledged(instance: string, id: string): void; lost(error: Error): void }): Promise<void>;
  /** Tells the other processes this one dropped token `id` (fire and forget). */
  acknowledge(id: string): void;
  /** The instances listening now (this one included). */
  peers(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Injection token of a TokenListener other than PostgreSQL's (tests). */
export const TOKEN_LISTENER = Symbol('TOKEN_LISTENER');

/**
 * LISTEN on a connection of its own (a pooled connection is handed to others), named
 * `collective-ledger-tokens:<instance>` so that pg_stat_activity lists the listening processes.
 */
export class PostgresTokenListener implements TokenListener {
  readonly instance = randomUUID();
  private client: pg.Client | null = null;
  /** The connection's queries one after the other (pg runs one at a time). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly url: string) {}

  async start(handlers: { changed(id: string): void; acknowledged(instance: string, id: string): void; lost(error: Error): void }): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: `${LISTENER_APPLICATION}${this.instance}`, keepAlive: true });
    let lost = false;
    const lose = (error: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      handlers.lost(error);
    };
    client.on('error', lose);
    client.on('end', () => lose(new Error('the token listener connection ended')));
    client.on('notification', (message) => {
      const payload = message.payload ?? '*';
      if (message.channel === TOKEN_CHANNEL) handlers.changed(payload);
      else if (message.channel === TOKEN_ACK_CHANNEL) {
        const [instance, id] = payload.split(' ');
        if (instance && id) handlers.acknowledged(instance, id);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${TOKEN_CHANNEL}; LISTEN ${TOKEN_ACK_CHANNEL}`);
    } catch (error) {
      lost = true; // reported by the rejection, not again by 'end'
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  acknowledge(id: string): void {
    this.query(`SELECT pg_notify($1, $2)`, [TOKEN_ACK_CHANNEL, `${this.instance} ${id}`]).catch(() => undefined);
  }

  async peers(): Promise<string[]> {
    const rows = await this.query<{ name: string }>(
      `SELECT substr(application_name, length($1) + 1) AS name FROM pg_stat_activity WHERE datname = current_database() AND starts_with(application_name, $1)`,
      [LISTENER_APPLICATION],
    );
    return rows.map((r) => r.name);
  }

  private query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
    const client = this.client;
    if (!client) return Promise.resolve([]);
    const run = this.queue.then(() => client.query<T>(text, values)).then((r) => r.rows);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/**
 * Token lookups an API process reuses for a short, bounded time (TOKEN_CACHE_TTL_MS, never
 * past the token's expiry, at most TOKEN_CACHE_MAX_ENTRIES, the least recently used going
 * first), so a request with a known token needs no database round trip to authenticate.
 *
 * Revocation takes effect at once in every process: a trigger on api_tokens announces
 * each change at commit (pg_notify on TOKEN_CHANNEL); every process LISTENs, drops the
 * token and answers on TOKEN_ACK_CHANNEL; the revoking request is answered once every
 * process that was listening when it began has answered (expectChange), or after a bound
 * (a process killed without its connection closing yet). The cache is only used while
 * this process listens: before its listener is up, after its connection is lost (until
 * it is back, everything dropped) and with TOKEN_CACHE_TTL_MS=0 every request looks its
 * token up. A lookup that began before a notification arrived is not kept (its row may
 * predate the change).
 */
@Injectable()
export class TokenCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('TokenCache');
  private readonly entries = new Map<string, Entry>();
  private readonly ids = new Map<string, Set<string>>();
  /** Per token id: the revocations waiting for answers, each with the instances yet to answer. */
  private readonly waiting = new Map<string, Set<{ pending: Set<string>; done(): void }>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly listener: TokenListener | null;
  private listening = false;
  private starting: Promise<void> | null = null;
  private retryAt = 0;
  private retryMs = RETRY_MIN_MS;
  private closed = false;
  /** Bumped at every notification and connection change: lookups begun in an older epoch are not kept. */
  private epochValue = 0;

  constructor(db: DataSource, config: AppConfig, @Optional() @Inject(TOKEN_LISTENER) listener?: TokenListener) {
    this.ttlMs = config.TOKEN_CACHE_TTL_MS;
    this.maxEntries = config.TOKEN_CACHE_MAX_ENTRIES;
    const url = (db?.options as { url?: string } | undefined)?.url;
    this.listener = this.ttlMs > 0 ? (listener ?? (url ? new PostgresTokenListener(url) : null)) : null;
  }

  /** The epoch a lookup starts in (pass it to put). */
  get epoch(): number {
    return this.epochValue;
  }

  /** Whether lookups are reused now (listening, and a life above 0). */
  get active(): boolean {
    return this.listening && this.ttlMs > 0;
  }

  /** Starts listening with the process (a failure is logged: tokens are then looked up, and listening tried again on use). */
  async onModuleInit(): Promise<void> {
    this.listen();
    await this.starting;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.starting;
    this.lose();
    await this.listener?.stop();
    for (const set of this.waiting.values()) for (const w of [...set]) w.done();
  }

  /** The reusable authentication of a token (by its hash), if any. */
  get(hash: string, now = Date.now()): Authenticated | undefined {
    if (!this.active) {
      this.listen();
      return undefined;
    }
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.remove(hash);
      return undefined;
    }
    this.entries.delete(hash); // most recently used last
    this.entries.set(hash, entry);
    return entry.authentication;
  }

  /** Keeps a lookup made in `epoch` (unless something changed since), until its life or the token's expiry. */
  put(hash: string, authentication: Authenticated, expiresAtMs: number | null, epoch: number, now = Date.now()): void {
    if (!this.active || epoch !== this.epochValue || authentication.principal.tokenId === null) return;
    const until = Math.min(now + this.ttlMs, expiresAtMs ?? Number.POSITIVE_INFINITY);
    if (until <= now) return;
    this.remove(hash);
    while (this.entries.size >= this.maxEntries) this.remove(this.entries.keys().next().value as string);
    const tokenId = authentication.principal.tokenId;
    this.entries.set(hash, { authentication, tokenId, until });
    let hashes = this.ids.get(tokenId);
    if (!hashes) this.ids.set(tokenId, (hashes = new Set()));
    hashes.add(hash);
  }

  /** Drops token `id` here (or all with '*'). */
  forget(id: string): void {
    this.epochValue++;
    if (id === '*') {
      this.entries.clear();
      this.ids.clear();
    } else {
      for (const hash of this.ids.get(id) ?? []) this.entries.delete(hash);
      this.ids.delete(id);
    }
  }

  /**
   * Call before changing token `id`: `heard` resolves once every process listening now
   * (this one included) has dropped it after the change was announced, or after a bound;
   * at once when nobody listens. `cancel` when the change did not happen.
   */
  async expectChange(id: string): Promise<{ heard: Promise<void>; cancel(): void }> {
    const peers = this.listener && this.listening ? await this.listener.peers().catch(() => []) : [];
    if (peers.length === 0) return { heard: Promise.resolve(), cancel: () => undefined };
    let resolve!: () => void;
    const heard = new Promise<void>((r) => (resolve = r));
    const waiter = { pending: new Set(peers), done: () => undefined as void };
    const timer = setTimeout(() => {
      this.logger.warn(`token ${id}: no word within ${ACK_TIMEOUT_MS} ms from ${[...waiter.pending].join(', ')} (a process gone without closing its connection?)`);
      waiter.done();
    }, ACK_TIMEOUT_MS);
    timer.unref();
    waiter.done = () => {
      clearTimeout(timer);
      const set = this.waiting.get(id);
      set?.delete(waiter);
      if (set?.size === 0) this.waiting.delete(id);
      resolve();
    };
    let set = this.waiting.get(id);
    if (!set) this.waiting.set(id, (set = new Set()));
    set.add(waiter);
    return { heard, cancel: waiter.done };
  }

  /** Starts listening unless it is, is starting, or waits to retry. */
  private listen(): void {
    if (!this.listener || this.closed || this.listening || this.starting || Date.now() < this.retryAt) return;
    const listener = this.listener;
    this.starting = listener
      .start({
        changed: (id) => {
          this.forget(id);
          listener.acknowledge(id);
        },
        acknowledged: (instance, id) => this.acknowledged(instance, id),
        lost: (error) => {
          if (this.closed) return;
          this.logger.warn(`token listener lost (${error.message}): looking every token up until it is back`);
          this.lose();
          void listener.stop();
          this.backOff();
        },
      })
      .then(
        () => {
          if (this.closed) return;
          this.forget('*');
          this.listening = true;
          this.retryMs = RETRY_MIN_MS;
        },
        (error: Error) => {
          this.logger.warn(`cannot listen for token changes (${error.message}): looking every token up`);
          this.backOff();
        },
      )
      .finally(() => (this.starting = null));
  }

  private acknowledged(instance: string, id: string): void {
    for (const key of id === '*' ? [...this.waiting.keys()] : [id]) {
      for (const waiter of [...(this.waiting.get(key) ?? [])]) {
        waiter.pending.delete(instance);
        if (waiter.pending.size === 0) waiter.done();
      }
    }
  }

  private backOff(): void {
    this.retryAt = Date.now() + this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  /** Not listening any more: nothing kept can be trusted. */
  private lose(): void {
    this.listening = false;
    this.forget('*');
  }

  private remove(hash: string): void {
    const entry = this.entries.get(hash);
    if (!entry) return;
    this.entries.delete(hash);
    const hashes = this.ids.get(entry.tokenId);
    hashes?.delete(hash);
    if (hashes?.size === 0) this.ids.delete(entry.tokenId);
  }
}
