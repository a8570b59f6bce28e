import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/**
 * The PostgreSQL channel on which a submission that has finished (committed, rejected or
 * failed) is announced, its id as the payload. The statement that records the outcome
 * sends it (SubmissionsRepository), so the notice is delivered when that outcome is
 * committed, to every process, whichever process ran the ingest.
 */
export const SUBMISSION_FINISHED_CHANNEL = 'ledger_submission_finished';

/** SQL that announces the submission ids of `relation` (a CTE with an `id` column) as finished. */
export const notifyFinishedSql = (relation: string) => `SELECT pg_notify('${SUBMISSION_FINISHED_CHANNEL}', id::text) FROM ${relation}`;

/**
 * Lets a request wait for a submission to finish instead of asking again and again
 * (`GET /v1/submissions/{id}?wait=`): one LISTEN connection per process, opened at the
 * first wait, wakes the requests waiting for the id announced. A caller registers before
 * it reads the status (so a notice between the read and the wait is not missed) and
 * reads again after each wake-up or at the latest after `recheckMs` (so a notice lost
 * with a dropped connection only delays its answer). Nothing here is the source of
 * truth: the submission row is.
 */
@Injectable()
export class SubmissionEvents implements OnModuleDestroy {
  private readonly logger = new Logger('SubmissionEvents');
  private readonly waiting = new Map<string, Set<() => void>>();
  private listener: Promise<pg.Client> | null = null;
  private closed = false;

  constructor(private readonly db: DataSource) {}

  /**
   * Registers interest in `id`; `wait(ms)` resolves at the next announcement of it (true)
   * or after `ms` (false). `cancel()` when done.
   */
  watch(id: string): { wait(ms: number): Promise<boolean>; cancel(): void } {
    let wake: () => void = () => undefined;
    let woken = false;
    const handler = () => {
      woken = true;
      wake();
    };
    let set = this.waiting.get(id);
    if (!set) this.waiting.set(id, (set = new Set()));
    set.add(handler);
    const listening = this.listen().catch((e: Error) => {
      this.logger.warn(`cannot listen for finished submissions (requests re-read instead): ${e.message}`);
    });
    return {
      wait: async (ms: number) => {
        await listening;
        if (woken) {
          woken = false;
          return true;
        }
        return new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => {
            wake = () => undefined;
            resolve(false);
          }, ms);
          wake = () => {
            clearTimeout(timer);
            wake = () => undefined;
            woken = false;
            resolve(true);
          };
        });
      },
      cancel: () => {
        set.delete(handler);
        if (set.size === 0 && this.waiting.get(id) === set) this.waiting.delete(id);
        wake();
      },
    };
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = null;
    if (listener) await listener.then((c) => c.end()).catch(() => undefined);
  }

  /** The LISTEN connection, opened once (again after it failed). */
  private listen(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('closing'));
    this.listener ??= (async () => {
      const client = new pg.Client(connectionOf(this.db));
      client.on('notification', (n) => {
        if (n.channel !== SUBMISSION_FINISHED_CHANNEL || !n.payload) return;
        for (const handler of [...(this.waiting.get(n.payload) ?? [])]) handler();
      });
      client.on('error', (e) => {
        this.logger.warn(`the connection listening for finished submissions failed: ${e.message}`);
        this.listener = null;
        client.end().catch(() => undefined);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${SUBMISSION_FINISHED_CHANNEL}`);
      } catch (error) {
        this.listener = null;
        await client.end().catch(() => undefined);
        throw error;
      }
      return client;
    })();
    return this.listener;
  }
}

/** The DataSource's connection settings, for a connection of its own. */
function connectionOf(db: DataSource): pg.ClientConfig {
  const o = db.options as { url?: string; host?: string; port?: number; username?: string; password?: string; database?: string; applicationName?: string };
  const application_name = `${o.applicationName ?? 'collective-ledger'}-listen`;
  if (o.url) return { connectionString: o.url, application_name };
  return { host: o.host, port: o.port, user: o.username, password: o.password, database: o.database, application_name };
}
