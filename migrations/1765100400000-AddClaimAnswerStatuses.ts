import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims to payment (issue 17): a claim is `open` until the society answers it — it
 * accepts it (`accepted`), refuses it stating its reason (`refused`), or records the line
 * of a later package that pays it (`paid`) — the statuses of CONTRACT.md "Workflows".
 * `rejected`, the word the first claims table reserved (never written by any code), is
 * the contract's `refused`.
 */
export class AddClaimAnswerStatuses1765100400000 implements MigrationInterface {
  name = 'AddClaimAnswerStatuses1765100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims DROP CONSTRAINT claims_status_check`);
    await q.query(`UPDATE claims SET status = 'refused' WHERE status = 'rejected'`);
    await q.query(`ALTER TABLE claims ADD CONSTRAINT claims_status_check CHECK (status IN ('open', 'accepted', 'refused', 'paid'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims DROP CONSTRAINT claims_status_check`);
    await q.query(`UPDATE claims SET status = 'rejected' WHERE status = 'refused'`);
    await q.query(`UPDATE claims SET status = 'accepted' WHERE status = 'paid'`);
    await q.query(`ALTER TABLE claims ADD CONSTRAINT claims_status_check CHECK (status IN ('open', 'accepted', 'rejected'))`);
  }
}
