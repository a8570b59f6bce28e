import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The package types submissions.type admits now, read from its CHECK constraint. */
async function types(q: QueryRunner): Promise<string[]> {
  const rows: { def: string }[] = await q.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'submissions'::regclass AND conname = 'submissions_type_check'`,
  );
  return [...(rows[0]?.def ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

async function setTypes(q: QueryRunner, list: readonly string[]): Promise<void> {
  await q.query(`ALTER TABLE submissions DROP CONSTRAINT submissions_type_check`);
  await q.query(`ALTER TABLE submissions ADD CONSTRAINT submissions_type_check CHECK (type IN (${list.map((t) => `'${t}'`).join(', ')}))`);
}

/**
 * Submissions may be `type=cwr` packages (CISAC CWR works registrations, issue 16 item 1).
 * The constraint is rebuilt from the types it admits, plus `cwr`, so migrations of other
 * package types (each adding its own the same way) compose in any order.
 */
export class AllowCwrSubmissions1765101200300 implements MigrationInterface {
  name = 'AllowCwrSubmissions1765101200300';

  async up(q: QueryRunner): Promise<void> {
    const now = await types(q);
    if (!now.includes('cwr')) await setTypes(q, [...now, 'cwr']);
  }

  async down(q: QueryRunner): Promise<void> {
    await setTypes(q, (await types(q)).filter((t) => t !== 'cwr'));
  }
}
