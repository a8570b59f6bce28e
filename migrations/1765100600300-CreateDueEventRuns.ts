import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily due-events job's runs (issue 17 item 5): one row per day it ran for (the
 * Clock's today), so the job is started once a day whichever worker notices first, and
 * a day it missed (the ledger was down) is run when it comes back. The events it raises
 * carry their own idempotency keys: a second run of a day raises nothing new.
 */
export class CreateDueEventRuns1765100600300 implements MigrationInterface {
  name = 'CreateDueEventRuns1765100600300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE due_event_runs (
        day         date PRIMARY KEY,
        started_at  timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        raised      integer
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE due_event_runs`);
  }
}
