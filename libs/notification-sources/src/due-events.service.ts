import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditParametersService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import { JobQueue } from '../../jobs/src/index.js';
import { addDays } from '../../mandates/src/index.js';
import { type NewEvent, Notifier, NotificationsRepository } from '../../notifications/src/index.js';
import { DueEventsRepository } from './due-events.repository.js';
import { type SocietyFacts, answerDeadlines, distributionDeadlines, noticesEffectiveSoon, packageDeadlines, transparencyDeadlines } from './due.js';
import { DUE_EVENTS_JOB, type DueEventsJobPayload } from './due-events.job.js';
import { DISTRIBUTION_RULE, NOTICE_WARNING_DAYS, TRANSPARENCY_RULE } from './policy.js';

/**
 * The daily job: on each day (the Clock's today) it computes the events due —
 * deadlines approaching and missed (quarterly packages, distribution under Art. 13(1),
 * the transparency report under Art. 22(1), answers to mandate requests), money overdue
 * to rights holders, notices taking effect soon — and raises them. Each event's key
 * names its deadline, so a second run raises nothing new and each recipient is told once.
 */
@Injectable()
export class DueEventsService {
  private readonly logger = new Logger('DueEvents');

  constructor(
    private readonly db: DataSource,
    private readonly facts: DueEventsRepository,
    private readonly runs: NotificationsRepository,
    private readonly params: AuditParametersService,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly queue: JobQueue,
  ) {}

  /** The events due on `today` (nothing raised). */
  async compute(today: string): Promise<NewEvent[]> {
    const [societies, committed, unpaid, ending, waiting] = await Promise.all([
      this.facts.societies(),
      this.facts.committed(),
      this.facts.unpaid(),
      this.facts.ending(today, addDays(today, NOTICE_WARNING_DAYS)),
      this.facts.waitingRequests(),
    ]);
    const byJurisdiction = new Map<string, Awaited<ReturnType<AuditParametersService['effective']>>>();
    const all = new Map<string, SocietyFacts>();
    for (const s of societies) {
      if (!byJurisdiction.has(s.country)) byJurisdiction.set(s.country, await this.params.effective(s.country));
      const params = byJurisdiction.get(s.country)!;
      const distribution = params.get(DISTRIBUTION_RULE.id)?.[DISTRIBUTION_RULE.months];
      const transparency = params.get(TRANSPARENCY_RULE.id);
      const transparencyMonths = transparency?.[TRANSPARENCY_RULE.months];
      const requiredTypes = transparency?.[TRANSPARENCY_RULE.types];
      all.set(s.id, {
        id: s.id,
        name: s.name,
        fyEnd: { month: s.fyEndMonth, day: s.fyEndDay },
        distributionMonths: typeof distribution === 'number' ? distribution : DISTRIBUTION_RULE.fallback,
        transparencyMonths: typeof transparencyMonths === 'number' ? transparencyMonths : TRANSPARENCY_RULE.fallbackMonths,
        requiredTypes: Array.isArray(requiredTypes) ? (requiredTypes as readonly string[]) : TRANSPARENCY_RULE.fallbackTypes,
        firstPeriod: s.firstPeriod,
        committed: new Set(committed.filter((c) => c.societyId === s.id).map((c) => `${c.type} ${c.period}`)),
      });
    }
    const events: NewEvent[] = [];
    for (const society of all.values()) {
      events.push(...packageDeadlines(society, today), ...transparencyDeadlines(society, today), ...distributionDeadlines(society, unpaid, today));
    }
    events.push(...noticesEffectiveSoon(ending, today), ...answerDeadlines(all, waiting, today));
    return events;
  }

  /** Runs the job for `day`: raises every event due (those raised before are skipped by their keys). Returns how many were new. */
  async run(day: string): Promise<number> {
    await this.runs.startDueRun(day);
    try {
      const events = await this.compute(day);
      let raised = 0;
      for (const e of events) {
        const r = await this.notifier.raise(this.db, e);
        if (r) {
          raised++;
          await this.notifier.dispatch(r);
        }
      }
      await this.runs.finishDueRun(day, raised);
      this.logger.log(`due events of ${day}: ${events.length} due, ${raised} new`);
      return raised;
    } catch (error) {
      await this.runs.forgetUnfinishedRun(day).catch(() => undefined);
      throw error;
    }
  }

  /** Queues today's run unless it has started (the workers' poll calls this). */
  async scheduleToday(): Promise<boolean> {
    const day = this.clock.today();
    if (await this.runs.dueRunStarted(day)) return false;
    await this.queue.enqueue(DUE_EVENTS_JOB, { day } satisfies DueEventsJobPayload, { jobId: `due-events-${day}`, attempts: 2 });
    return true;
  }
}
