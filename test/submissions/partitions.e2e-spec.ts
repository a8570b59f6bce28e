import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { leafHashSql, leafJsonSql, PACKAGE_TYPES, PACKAGES } from '../../libs/submissions/src/index.js';
import { partitionSelectSql } from '../../libs/submissions/src/ingest/ingest-sql.js';
import { parentColumns, societyPartition, submissionPartition } from '../../libs/submissions/src/storage/line-partitions.js';
import { PartitionDistributionLines1764300007000 } from '../../migrations/1764300007000-PartitionDistributionLines.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const SOCIETY = '00000000-0000-4000-8000-000000000001';
const SUBMISSION = '00000000-0000-4000-8000-000000000002';

describe('distribution lines: one partition per committed package', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
  });
  afterAll(async () => t?.close());

  const partitionsOf = async (societyId: string) =>
    (
      await t.dataSource.query(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1) ORDER BY 1`,
        [societyPartition('distribution_lines', societyId)],
      )
    ).map((r: { relname: string }) => r.relname) as string[];

  it('writes a package as its own partition, with every index of the parent, and refuses rewriting it', async () => {
    const csv = [DIST_HEADER, distLine({ line_id: 'L-1' }), distLine({ line_id: 'L-2', rights_holder_ipi: '', status: 'unidentified', paid_on: '' })].join('\n') + '\n';
    const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', csv);
    expect(final.status).toBe('committed');
    const partition = submissionPartition('distribution_lines', final.id);
    expect(await partitionsOf(cast.societyA.id)).toContain(partition.slice('lines.'.length));

    // Same indexes as the parent (primary key included), all attached to the parent's.
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM pg_index WHERE indrelid = 'distribution_lines'::regclass)::int AS parent,
              (SELECT count(*) FROM pg_index WHERE indrelid = $1::regclass)::int AS part,
              (SELECT count(*) FROM pg_index x JOIN pg_inherits i ON i.inhrelid = x.indexrelid WHERE x.indrelid = $1::regclass)::int AS attached`,
      [partition],
    );
    expect(counts.part).toBe(counts.parent);
    expect(counts.attached).toBe(counts.parent);
    // The foreign key to submissions holds on the partition too.
    const [fk] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' AND confrelid = 'submissions'::regclass`,
      [partition],
    );
    expect(fk.n).toBe(1);

    expect((await t.dataSource.query(`SELECT line_id FROM distribution_lines WHERE submission_id = $1 ORDER BY line_no`, [final.id])).map((r: { line_id: string }) => r.line_id)).toEqual(['L-1', 'L-2']);
    for (const sql of [
      `UPDATE ${partition} SET net = net + 1`,
      `DELETE FROM ${partition}`,
      `TRUNCATE ${partition}`,
      `TRUNCATE ${societyPartition('distribution_lines', cast.societyA.id)}`,
      `TRUNCATE distribution_lines`,
    ]) {
      // (PostgreSQL may refuse a TRUNCATE earlier, for the claims' foreign key into the lines.)
      await expect(t.dataSource.query(sql)).rejects.toThrow(/is refused: the ledger is append-only|cannot truncate a table referenced in a foreign key/);
    }
  });

  it('leaves no partition behind for a rejected package, and gives a resubmission a partition of its own', async () => {
    const before = await partitionsOf(cast.societyB.id);
    const bad = [DIST_HEADER, distLine({ line_id: 'L-1', net: '1.00' })].join('\n') + '\n';
    const rejected = await submitAndWait(admin(), cast.societyB.id, 'distribution-lines', '2025Q1', bad);
    expect(rejected.final.status).toBe('rejected');
    expect(await partitionsOf(cast.societyB.id)).toEqual(before);

    const first = await submitAndWait(admin(), cast.societyB.id, 'distribution-lines', '2025Q1', [DIST_HEADER, distLine({ line_id: 'A-1' })].join('\n') + '\n');
    const second = await submitAndWait(admin(), cast.societyB.id, 'distribution-lines', '2025Q1', [DIST_HEADER, distLine({ line_id: 'B-1' })].join('\n') + '\n');
    expect(second.final.status).toBe('committed');
    expect(await partitionsOf(cast.societyB.id)).toEqual(
      [...before, submissionPartition('distribution_lines', first.final.id), submissionPartition('distribution_lines', second.final.id)].map((p) => p.replace('lines.', '')).sort(),
    );
    // Both stay readable.
    const lines = await t.dataSource.query(`SELECT line_id FROM distribution_lines WHERE society_id = $1 ORDER BY line_id`, [cast.societyB.id]);
    expect(lines.map((r: { line_id: string }) => r.line_id)).toEqual(['A-1', 'B-1']);
  });

  it('moves existing lines: the migration puts every line back into one table and into partitions again, and verify still passes', async () => {
    const snapshot = () =>
      t.dataSource.query(`SELECT society_id, submission_id, line_no, line_id, net::text, encode(leaf_hash, 'hex') AS h FROM distribution_lines ORDER BY 1, 2, 3`);
    const kind = async () => (await t.dataSource.query(`SELECT relkind::text AS k FROM pg_class WHERE oid = 'distribution_lines'::regclass`))[0].k as string;
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(2);
    expect(await kind()).toBe('p');
    const migration = new PartitionDistributionLines1764300007000();
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      await runner.commitTransaction();
      expect(await kind()).toBe('r');
      expect(await snapshot()).toEqual(before);
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await kind()).toBe('p');
    expect(await snapshot()).toEqual(before);
    for (const societyId of [cast.societyA.id, cast.societyB.id]) {
      const res = await admin().post(`/v1/societies/${societyId}/verify`, {});
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(true);
    }
  });

  function admin(): Http {
    return new Http(t.baseUrl, t.adminToken);
  }

  /**
   * The bulk commit hashes each line from its staged text; proofs and verify hash the
   * stored columns. For every package type, over its template rows and edge cases of
   * every column kind, the two must give the same bytes.
   */
  it.each(PACKAGE_TYPES)('the leaf hashed from the staged text equals the leaf of the stored columns (%s)', async (type) => {
    const p = PACKAGES[type];
    const edge: Record<string, string[]> = {};
    for (const c of p.columns) {
      const kind = c.problem('x', { period: '2025Q1', year: 2025, first: '2025-01-01', last: '2025-03-31' } as never).join(' ');
      if (/ledger_amount_problem/.test(kind)) edge[c.name] = ['007.50', '0', '0.00000001', '123456789012345678.12345678', '10.10000000'];
      else if (/YYYY-MM-DD/.test(kind)) edge[c.name] = ['0001-01-01', '2024-02-29'];
      else if (/is not a year/.test(kind)) edge[c.name] = ['0999'];
      else if (/ISWC/.test(kind)) edge[c.name] = ['T0345246801', 'T-034.524.680-1'];
      else if (/longer than/.test(kind)) edge[c.name] = ['Ørjan "Æ" \\ 東京 \t tab, comma', 'x'];
    }
    const rows = [...p.examples];
    for (const [name, values] of Object.entries(edge)) {
      const at = p.columns.findIndex((c) => c.name === name);
      for (const v of values) rows.push(p.examples[0].map((cell, i) => (i === at ? v : cell)));
    }
    const names = p.columns.map((c) => c.name);
    const staged = `(SELECT * FROM (VALUES ${rows.map((r, i) => `(${i + 2}, ${r.map(lit).join(', ')})`).join(', ')}) AS v(line_no, ${names.join(', ')}))`;
    const select = partitionSelectSql(type, staged, SOCIETY, SUBMISSION)(await parentColumns(t.dataSource, p.table));
    const compared: { line_no: number; same: boolean; json: string }[] = await t.dataSource.query(
      `SELECT x.line_no, x.leaf_hash = ${leafHashSql(type, 'x')} AS same, ${leafJsonSql(type, 'x')} AS json FROM (${select}) x ORDER BY x.line_no`,
    );
    expect(compared).toHaveLength(rows.length);
    expect(compared.filter((c) => !c.same)).toEqual([]);
    if (edge.gross) expect(compared.map((c) => JSON.parse(c.json).gross)).toEqual(expect.arrayContaining(['7.5', '0', '0.00000001', '123456789012345678.12345678', '10.1']));
  });
});
