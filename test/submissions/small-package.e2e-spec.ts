import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIpi } from '../../libs/identifiers/src/index.js';
import { type JournalSum, LedgerService } from '../../libs/ledger/src/index.js';
import { formatAmount, parseDecimal } from '../../libs/money/src/index.js';
import { SMALL_PACKAGE_BYTES } from '../../libs/submissions/src/ingest/ingest.service.js';
import { submissionPartition } from '../../libs/submissions/src/storage/line-partitions.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * A small package (a clerk's everyday one) is staged in its connection's temporary table
 * and its lines written by INSERT into a table made and indexed while empty on another
 * connection, the mandate status derived inside that INSERT, the journal summed by the
 * posting statement; a large one is staged in a table of its own and its lines built in
 * bulk, the journal summed before the commit. Both must give the same thing: the same lines (typed columns, holder,
 * leaf hash, derived mandate status and mandates named), and a partition of the same
 * shape (indexes, constraints, triggers).
 */
describe('quarterly submissions: small and large packages give the same lines and partitions', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  const SMALL = 300;
  const LARGE = 4_000;
  const mandated = makeIpi('777000001');
  const elsewhere = makeIpi('777000002');
  const partly = makeIpi('777000003');

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    // A register with something to find: a holder mandated at A (performing, worldwide),
    // one with an exclusive mandate at B (mechanical), one mandated at A only from mid-quarter.
    const holders: { id: string; ipi: string }[] = await t.dataSource.query(
      `INSERT INTO rights_holders (name, ipi, kind) SELECT 'Holder ' || ipi, ipi, 'composer' FROM unnest($1::text[]) AS u(ipi) RETURNING id, ipi`,
      [[mandated, elsewhere, partly]],
    );
    const id = (ipi: string) => holders.find((h) => h.ipi === ipi)!.id;
    for (const [societyId, holder, category, from, exclusive] of [
      [cast.societyA.id, id(mandated), 'performing', '2020-01-01', true],
      [cast.societyB.id, id(elsewhere), 'mechanical', '2020-01-01', true],
      [cast.societyA.id, id(partly), 'performing', '2025-02-15', false],
    ] as const) {
      await t.dataSource.query(
        `WITH m AS (INSERT INTO mandates (society_id, rights_holder_id, created_at) VALUES ($1, $2, now()) RETURNING society_id, id, rights_holder_id)
         INSERT INTO mandate_versions (society_id, mandate_id, version, rights_holder_id, category, work_type, territories, excluded_territories, valid_from, valid_to,
           basis, exclusive, consent_recorded_at, consent_recorded_by, change, recorded_at, recorded_by)
         SELECT society_id, id, 1, rights_holder_id, $3, 'musical', '{WORLD}', '{}', $4::date, NULL, 'contractual', $5, now(), 'test', 'created', now() - interval '1 minute', 'test'
         FROM m`,
        [societyId, holder, category, from, exclusive],
      );
    }
  });
  afterAll(async () => t?.close());

  /** Line i of a 2025Q1 package: holders mandated, entrusted elsewhere, partly mandated, unknown (registered by the ingest) and none. */
  function line(i: number): string {
    const ipis = [mandated, elsewhere, partly, makeIpi(String(778_000_000 + (i % 50)).padStart(9, '0')), ''];
    const ipi = ipis[i % ipis.length];
    return distLine({
      line_id: `L-${i}`,
      rights_holder_ipi: ipi,
      rights_holder_name: ipi ? `Holder ${ipi}` : `Unknown (cue sheet ${i})`,
      category: ['performing', 'mechanical'][i % 2],
      territory: ['RU', 'WORLD', 'SE'][i % 3],
      gross: `${1000 + i}.00`,
      management_fee: '150.00',
      other_deductions: '20.00',
      net: `${830 + i}.00`,
      status: ipi ? 'paid' : 'unidentified',
      paid_on: ipi ? '2025-03-30' : '',
      mandate_basis: i % 7 === 0 ? 'non-contractual' : 'contractual',
    });
  }
  const csv = (rows: number) => [DIST_HEADER, ...Array.from({ length: rows }, (_, i) => line(i))].join('\n') + '\n';

  it('commits the same lines and the same partition either way', async () => {
    const small = csv(SMALL);
    const large = csv(LARGE);
    expect(Buffer.byteLength(small)).toBeLessThan(SMALL_PACKAGE_BYTES);
    expect(Buffer.byteLength(large)).toBeGreaterThanOrEqual(SMALL_PACKAGE_BYTES);
    const first = (await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', small)).final;
    expect(first).toMatchObject({ status: 'committed', rows: SMALL });
    // The same quarter again, larger (over SMALL_PACKAGE_BYTES): a correction that supersedes the first; both stay in the log.
    const second = (await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', large, 180_000)).final;
    expect(second).toMatchObject({ status: 'committed', rows: LARGE, supersedes: first.id });

    // The first SMALL lines of both, column by column (everything but the submission).
    const rows = async (submissionId: string) =>
      t.dataSource.query(
        `SELECT to_jsonb(l) - 'submission_id' AS line FROM distribution_lines l WHERE society_id = $1 AND submission_id = $2 AND line_no <= $3 ORDER BY line_no`,
        [cast.societyA.id, submissionId, SMALL + 1],
      );
    const [a, b] = [await rows(first.id), await rows(second.id)];
    expect(a).toHaveLength(SMALL);
    expect(b).toEqual(a);
    // The derivation did real work in both: every status appears.
    const statuses = new Set(a.map((r: { line: { mandate_status: string } }) => r.line.mandate_status));
    expect([...statuses].sort()).toEqual(['entrusted-elsewhere', 'mandated', 'no-mandate', 'unidentified']);

    // The journal of each: the postings the ledger's journal SQL gives over its committed lines
    // (the large package's sums were computed before its commit, the small one's by the posting statement).
    const ledger = t.app.get(LedgerService);
    for (const id of [first.id, second.id]) {
      const posted: JournalSum[] = await t.dataSource.query(
        `SELECT e.kind, p.account, p.currency::text AS currency, p.amount::text AS amount FROM journal_entries e
         JOIN journal_postings p ON p.society_id = e.society_id AND p.entry_id = e.id
         WHERE e.society_id = $1 AND e.submission_id = $2 AND e.reverses IS NULL`,
        [cast.societyA.id, id],
      );
      const expected = await ledger.journalSums({ query: (sql: string, params?: unknown[]) => t.dataSource.query(sql, params) }, 'distribution-lines', cast.societyA.id, id);
      const key = (x: JournalSum) => `${x.kind} ${x.account} ${x.currency} ${formatAmount(parseDecimal(x.amount))}`;
      expect(expected.length).toBeGreaterThan(10);
      expect(posted.map(key).sort()).toEqual(expected.map(key).sort());
    }

    // The same partition shape: indexes, constraints and triggers, named after the partition.
    const shape = async (submissionId: string) => {
      const partition = submissionPartition('distribution_lines', submissionId);
      const named = (text: string) => text.split(partition.slice('lines.'.length)).join('P').split(submissionId).join('S');
      const indexes: { def: string }[] = await t.dataSource.query(`SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = $1::regclass ORDER BY 1`, [partition]);
      const constraints: { c: string }[] = await t.dataSource.query(
        `SELECT conname || ' ' || pg_get_constraintdef(oid) AS c FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY 1`,
        [partition],
      );
      // (The foreign keys' internal triggers are named by their oid: counted, not named.)
      const triggers: { tgname: string }[] = await t.dataSource.query(
        `SELECT CASE WHEN tgisinternal THEN 'internal ' || tgfoid::regproc ELSE tgname END AS tgname FROM pg_trigger WHERE tgrelid = $1::regclass ORDER BY 1`,
        [partition],
      );
      const columns: { c: string }[] = await t.dataSource.query(
        `SELECT attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull AS c FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        [partition],
      );
      return { indexes: indexes.map((r) => named(r.def)), constraints: constraints.map((r) => named(r.c)), triggers: triggers.map((r) => r.tgname), columns: columns.map((r) => r.c) };
    };
    const [smallShape, largeShape] = [await shape(first.id), await shape(second.id)];
    expect(smallShape.indexes.length).toBeGreaterThanOrEqual(5);
    expect(smallShape).toEqual(largeShape);
  });
});
