import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { makeIpi } from '../../libs/identifiers/src/index.js';
import { mandateStatusSql, statusJoinSql, statusOfUnlistedSql } from '../../libs/mandates/src/index.js';
import { bruteForceStatus, type StatusLine } from '../../libs/mandates/src/derivation/test-support/status-brute-force.js';
import type { IdentifiedTerms } from '../../libs/mandates/src/rules/terms.js';
import { addDays } from '../../libs/mandates/src/rules/dates.js';
import { territoryFields } from '../../libs/mandates/src/rules/territory-set.js';
import { SOME_CATEGORIES, SOME_WORK_TYPES, UNIVERSE_COUNTRIES, arbTerms, day } from '../../libs/mandates/src/rules/test-support/arbitraries.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

/**
 * The derived mandate status of distribution lines (libs/mandates, mandateStatusSql)
 * against a brute-force evaluation over every cell (category, work type, country, day),
 * over random registers — with versions recorded before and after the moment asked
 * about — and random lines, as the who-manages property does for one cell. Some mandates
 * are a holder's requests (issue 14, two-sided mandates): still awaiting the society's
 * answer, accepted or refused by a later version; only `active` versions cover anything.
 */
describe('derived mandate status (property, against brute force)', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const societies: string[] = [];
  let serial = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    for (const code of ['801', '802', '803']) {
      const r = await client.query(`INSERT INTO societies (name, cisac_code, country, currency, fy_end_month, fy_end_day) VALUES ($1, $2, 'RU', 'RUB', 12, 31) RETURNING id`, [`S${code}`, code]);
      societies.push(r.rows[0].id);
    }
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  async function newHolder(): Promise<{ id: string; ipi: string }> {
    const ipi = makeIpi(String(700_000_000 + serial++).padStart(9, '0'));
    const r = await client.query(`INSERT INTO rights_holders (name, ipi, kind) VALUES ($1, $2, 'author') RETURNING id`, [`Holder ${ipi}`, ipi]);
    return { id: r.rows[0].id, ipi };
  }

  type Status = 'requested' | 'active' | 'refused';
  /** Inserts the versions of one mandate, recorded one second apart from `t0`; returns its id. */
  async function insertMandate(holder: string, versions: (IdentifiedTerms & { recordedAt: string; status: Status })[]): Promise<string> {
    const society = versions[0]!.societyId;
    const r = await client.query(`INSERT INTO mandates (society_id, rights_holder_id, created_at) VALUES ($1, $2, $3) RETURNING id`, [society, holder, versions[0]!.recordedAt]);
    const id: string = r.rows[0].id;
    for (const [i, v] of versions.entries()) {
      const { territories, excludedTerritories } = territoryFields(v.territories);
      await client.query(
        `INSERT INTO mandate_versions (society_id, mandate_id, version, rights_holder_id, category, work_type, territories, excluded_territories, valid_from, valid_to,
           basis, exclusive, consent_recorded_at, consent_recorded_by, change, recorded_at, recorded_by, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'property test', $17)`,
        [society, id, i + 1, holder, v.category, v.workType, territories, excludedTerritories, v.period.from, v.period.to, v.basis, v.exclusive,
          v.basis === 'contractual' ? v.recordedAt : null, v.basis === 'contractual' ? 'property test' : null,
          i === 0 ? 'created' : v.status === 'refused' ? 'refused' : versions[i - 1]!.status === 'requested' && v.status === 'active' ? 'accepted' : 'amended', v.recordedAt, v.status],
      );
    }
    return id;
  }

  const arbLine = fc.record({
    who: fc.constantFrom('holder', 'holder', 'holder', 'other', 'none'),
    category: fc.constantFrom(...SOME_CATEGORIES),
    workType: fc.constantFrom('', ...SOME_WORK_TYPES),
    territory: fc.constantFrom(...UNIVERSE_COUNTRIES, 'WORLD'),
    from: fc.integer({ min: -2, max: 420 }),
    length: fc.integer({ min: 0, max: 90 }),
  });
  /**
   * A mandate: its first version, maybe a later one (same society: a mandate never moves), and an end recorded before it began.
   * `request`: recorded by the society (`none`: active from the first version) or a holder's request, answered by the later version if any.
   */
  const arbMandate = fc.record({
    first: arbTerms,
    later: fc.option(arbTerms, { nil: null }),
    neverApplied: fc.boolean(),
    request: fc.constantFrom('none', 'none', 'pending', 'accepted', 'refused'),
  });
  const statusOf = (request: string, version: 'first' | 'later'): Status =>
    request === 'none' ? 'active' : version === 'first' || request === 'pending' ? 'requested' : request === 'accepted' ? 'active' : 'refused';

  it('agrees with brute force over random registers, moments known and lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbMandate, { maxLength: 7 }), fc.array(arbLine, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 3 }), async (mandates, lines, knownStep) => {
        const holder = await newHolder();
        const other = await newHolder();
        const base = Date.UTC(2026, 0, 1) + serial * 100_000;
        const at = (step: number) => new Date(base + step * 1000).toISOString();
        const knownAt = at(knownStep);
        const known: (IdentifiedTerms & { holder: string })[] = [];
        for (const [n, m] of mandates.entries()) {
          const society = societies[['s1', 's2', 's3'].indexOf(m.first.societyId)]!;
          const versions: (IdentifiedTerms & { recordedAt: string; status: Status })[] = [
            { ...m.first, societyId: society, mandateId: '', recordedAt: at(n % 3), status: statusOf(m.request, 'first') },
          ];
          if (m.later) {
            const later = { ...m.later, societyId: society, mandateId: '', recordedAt: at((n % 3) + 1), status: statusOf(m.request, 'later') };
            if (m.neverApplied) later.period = { from: later.period.from, to: addDays(later.period.from, -1) };
            versions.push(later);
          }
          const id = await insertMandate(holder.id, versions);
          const version = [...versions].reverse().find((v) => v.recordedAt <= knownAt);
          // A request not (yet) accepted, or refused, covers nothing.
          if (version && version.status === 'active') known.push({ ...version, mandateId: id, holder: holder.ipi });
        }
        const staged: StatusLine[] = lines.map((l) => ({
          holder: l.who === 'holder' ? holder.ipi : l.who === 'other' ? other.ipi : '',
          category: l.category,
          workType: l.workType,
          territory: l.territory,
          useFrom: day(l.from),
          useTo: day(l.from + l.length),
        }));
        const values = staged.map((_, i) => `(${i}, $${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`).join(', ');
        const params = staged.flatMap((l) => [l.holder, l.category, l.workType, l.territory, l.useFrom, l.useTo]);
        const linesSql = `(SELECT * FROM (VALUES ${values}) v(i, rights_holder_ipi, category, work_type, territory, use_from, use_to))`;
        const s = params.length;
        const rows: { status: string; ids: string[] }[] = (
          await client.query(
            `SELECT COALESCE(d.mandate_status, ${statusOfUnlistedSql('l')}) AS status, COALESCE(d.mandate_ids, '{}')::text[] AS ids
             FROM ${linesSql} l
             LEFT JOIN (${mandateStatusSql({ lines: linesSql, society: `$${s + 1}::uuid`, knownAt: `$${s + 2}::timestamptz` })}) d ON ${statusJoinSql('l', 'd')}
             ORDER BY l.i`,
            [...params, societies[0], knownAt],
          )
        ).rows;
        const expected = staged.map((l) => bruteForceStatus(l, known, societies[0]!));
        expect(rows.map((r) => ({ status: r.status, mandateIds: r.ids }))).toEqual(expected);
      }),
      { numRuns: 120 },
    );
  });
});
