import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `dsr` becomes a package type a submission may have (issue 16 item 2: DDEX DSR flat files
 * as licence income). The CHECK on submissions.type is rebuilt from the values it already
 * allows, plus 'dsr', so it keeps whatever other types earlier migrations added.
 */
export class AllowDsrSubmissions1765101300000 implements MigrationInterface {
  name = 'AllowDsrSubmissions1765101300000';

  async up(q: QueryRunner): Promise<void> {
    await setAllowed(q, (types) => [...new Set([...types, 'dsr'])]);
  }

  async down(q: QueryRunner): Promise<void> {
    await setAllowed(q, (types) => types.filter((t) => t !== 'dsr'));
  }
}

/** Rewrites the CHECK on submissions.type (found by its definition) with `change` applied to the values it allows. */
async function setAllowed(q: QueryRunner, change: (types: string[]) => string[]): Promise<void> {
  const checks: { name: string; def: string }[] = await q.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = 'submissions'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) ~ '\\mtype\\M' AND pg_get_constraintdef(oid) ~ '''income'''`,
  );
  if (checks.length === 0) return; // no CHECK on the type any more: nothing to widen
  if (checks.length > 1) throw new Error(`expected one CHECK on submissions.type, found ${checks.length}`);
  const { name, def } = checks[0]!;
  const types = change([...def.matchAll(/'([^']+)'/g)].map((m) => m[1]!));
  await q.query(`ALTER TABLE submissions DROP CONSTRAINT "${name}"`);
  await q.query(`ALTER TABLE submissions ADD CONSTRAINT "${name}" CHECK (type IN (${types.map((t) => `'${t}'`).join(', ')}))`);
}
