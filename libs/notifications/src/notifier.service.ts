import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobQueue } from '../../jobs/src/index.js';
import { EVENT_TYPES, type NewEvent, recipientsOf } from './events.js';
import { type FanOutJobPayload, NOTIFY_FANOUT_JOB } from './notifications.jobs.js';
import { NotificationsRepository, type Sql } from './notifications.repository.js';

/** An event recorded by `raise`, to hand to `dispatch` once the transaction it was raised in has committed. */
export interface RaisedEvent {
  societyId: string;
  eventId: string;
}

/**
 * Where the domain raises events (a package committed, a mandate requested, …). An
 * event is a row written in the caller's transaction (so it exists exactly when the
 * fact it tells does), unique by its key: raising a fact twice records it once. Its
 * fan-out (inbox rows, deliveries) runs as a job: `dispatch` queues it after the
 * commit, and the workers' poll picks up any event whose dispatch never came (a crash
 * between the commit and the queue).
 */
@Injectable()
export class Notifier {
  private readonly logger = new Logger('Notifier');

  constructor(
    private readonly db: DataSource,
    private readonly repo: NotificationsRepository,
    private readonly queue: JobQueue,
  ) {}

  /** Records the event in `sql`'s transaction; null when its key was raised before. */
  async raise(sql: Sql, event: NewEvent): Promise<RaisedEvent | null> {
    if (!(EVENT_TYPES as readonly string[]).includes(event.type)) throw new Error(`unknown notification event ${event.type}`);
    const id = await this.repo.insertEvent(sql, { societyId: event.societyId, type: event.type, key: event.key, at: event.at ?? null, data: event.data, recipients: recipientsOf(event) });
    return id === null ? null : { societyId: event.societyId, eventId: id };
  }

  /** Queues the fan-out of events raised in a transaction that has now committed. Never throws: the poll is the fallback. */
  async dispatch(...raised: (RaisedEvent | null | undefined)[]): Promise<void> {
    for (const r of raised) {
      if (!r) continue;
      await this.queue
        .enqueue(NOTIFY_FANOUT_JOB, { societyId: r.societyId, eventId: r.eventId } satisfies FanOutJobPayload, { jobId: `fanout-${r.eventId}`, attempts: 1, tenant: r.societyId })
        .catch((e: Error) => this.logger.warn(`fan-out of event ${r.eventId} not queued (the poll will): ${e.message}`));
    }
  }

  /** Raises an event on its own (no surrounding transaction) and dispatches it. */
  async publish(event: NewEvent): Promise<RaisedEvent | null> {
    const raised = await this.raise(this.db, event);
    await this.dispatch(raised);
    return raised;
  }
}
