import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateEd25519KeyPair, parseKeySet, signTreeHead, verifyLineProof, verifyTreeHead, type SignedTreeHead } from '../../libs/merkle/src/index.js';
import { verifyLockKey } from '../../libs/ledger/src/index.js';
import { leafHashSql } from '../../libs/submissions/src/index.js';
import { givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { boardMember, commit, deduction, distribution, income, transfer, undistributed } from './support.js';

/** Every table the ledger never rewrites (RefuseRewritingHistory and CreateSubmissionChunks). */
const APPEND_ONLY = [
  'income_lines',
  'deduction_lines',
  'distribution_lines',
  'inter_society_lines',
  'undistributed_lines',
  'board_lines',
  'mandate_lines',
  'journal_entries',
  'journal_postings',
  'log_leaves',
  'tree_heads',
  'submission_chunks',
];

describe('tamper evidence: the database refuses rewriting, verify finds what a superuser changed', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
  });
  afterAll(async () => t?.close());

  /** Runs SQL on a table with its user triggers disabled, as only a superuser can. */
  const behindTheLedgersBack = async (table: string, sql: string, params: unknown[] = []) => {
    await t.dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      await t.dataSource.query(sql, params);
    } finally {
      await t.dataSource.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    }
  };
  const verify = (societyId: string, as: Http = admin) => as.post(`/v1/societies/${societyId}/verify`, {});
  const threeLines = () => [
    distribution({ line_id: 'L-1' }),
    distribution({ line_id: 'L-2', gross: '240.00', management_fee: '36.00', other_deductions: '4.00', net: '200.00', status: 'unpaid', paid_on: '' }),
    distribution({ line_id: 'L-3', work_title: 'Day Song' }),
  ];
  const newSociety = async () => (await givenSociety(admin)).id;

  it('refuses UPDATE, DELETE and TRUNCATE on every append-only table, and DELETE and TRUNCATE of submissions', async () => {
    const id = await newSociety();
    await commit(admin, id, 'income', '2025Q1', [income()]);
    await commit(admin, id, 'deductions', '2025Q1', [deduction()]);
    await commit(admin, id, 'distribution-lines', '2025Q1', [distribution()]);
    await commit(admin, id, 'inter-society', '2025Q1', [transfer()]);
    await commit(admin, id, 'undistributed', '2025Q1', [undistributed()]);
    const board = await commit(admin, id, 'board', '2025Q1', [boardMember()]);
    // No mandates package here: a line is inserted directly (INSERT is allowed), so the table has a row to refuse.
    await t.dataSource.query(
      `INSERT INTO mandate_lines (society_id, submission_id, line_no, mandate_id, rights_holder_ipi, category, work_type, territory, valid_from, basis, exclusive, leaf_hash)
       VALUES ($1, $2, 99, 'M-1', '00052210040', 'performing', 'musical', 'WORLD', '2020-01-01', 'contractual', true, sha256('m'))`,
      [id, board.id],
    );
    const failures: string[] = [];
    for (const table of APPEND_ONLY) {
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE society_id = $1`, [id]);
      if (n === 0) failures.push(`${table} has no row to refuse`);
      for (const [op, sql] of [
        ['UPDATE', `UPDATE ${table} SET society_id = society_id WHERE society_id = $1`],
        ['DELETE', `DELETE FROM ${table} WHERE society_id = $1`],
        ['TRUNCATE', `TRUNCATE ${table} CASCADE`],
      ] as const) {
        const error = await t.dataSource.query(sql, op === 'TRUNCATE' ? [] : [id]).then(() => null, (e: { message: string; driverError?: { code?: string } }) => e);
        if (!error) failures.push(`${op} on ${table} was allowed`);
        else if (!/ is refused: the ledger is append-only/.test(error.message) || error.driverError?.code !== '42501') failures.push(`${op} on ${table}: ${error.message}`);
      }
      const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE society_id = $1`, [id]);
      if (after !== n) failures.push(`${table} lost rows`);
    }
    for (const sql of [`DELETE FROM submissions WHERE society_id = $1`, `TRUNCATE submissions CASCADE`]) {
      const error = await t.dataSource.query(sql, sql.startsWith('DELETE') ? [id] : []).then(() => null, (e: Error) => e);
      if (!error || !/ is refused/.test(error.message)) failures.push(`${sql}: ${error?.message ?? 'allowed'}`);
    }
    expect(failures).toEqual([]);
  });

  it('finds nothing wrong in an untouched log', async () => {
    const id = await newSociety();
    await commit(admin, id, 'distribution-lines', '2025Q1', threeLines());
    await commit(admin, id, 'income', '2025Q1', [income(), income({ income_id: 'INC-2', amount: '5.5' })]);
    const res = await verify(id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checkedSubmissions: 2, checkedLines: 5, treeSize: 2, mismatches: [] });
  });

  it('reports an amount changed directly in SQL as its submission and line; the line proof no longer verifies', async () => {
    const id = await newSociety();
    const submission = await commit(admin, id, 'distribution-lines', '2025Q1', threeLines());
    await commit(admin, id, 'deductions', '2025Q1', [deduction()]);
    expect((await verify(id)).body.ok).toBe(true);
    await behindTheLedgersBack('distribution_lines', `UPDATE distribution_lines SET net = net + 100 WHERE society_id = $1 AND line_id = 'L-2'`, [id]);

    const res = await verify(id);
    expect(res.body.ok).toBe(false);
    expect(res.body.checkedSubmissions).toBe(2);
    expect(res.body.mismatches).toEqual([
      { submissionId: submission.id, lineId: 'L-2', reason: 'line 3: its columns do not give its stored leaf hash' },
      { submissionId: submission.id, reason: expect.stringMatching(/whose leaf is not log leaf 0: lines from line 2 on \(chunk 0\) were changed since the commit$/) },
    ]);
    const keys = parseKeySet((await admin.get('/v1/log/keys')).body);
    const proof = await admin.get(`/v1/submissions/${submission.id}/lines/L-2/proof`);
    expect(JSON.parse(proof.body.leaf).net).toBe('300');
    expect(verifyLineProof(proof.body, keys).ok).toBe(false);
    // The lines nobody touched still prove.
    expect(verifyLineProof((await admin.get(`/v1/submissions/${submission.id}/lines/L-1/proof`)).body, keys)).toEqual({ ok: true });
  });

  it('recomputes a large submission as two ranges of lines side by side and still names changed lines of both in line order', async () => {
    const id = await newSociety();
    const rows = 60_000; // above the 50,000 from which verify reads a submission in two parts
    const submission = await commit(admin, id, 'distribution-lines', '2025Q1', Array.from({ length: rows }, (_, i) => distribution({ line_id: `L-${i + 2}` })));
    const untouched = await verify(id);
    expect(untouched.body).toMatchObject({ ok: true, checkedLines: rows, mismatches: [] });
    // One line in each half (the split is at a chunk boundary near line 30,000), the later one changed first.
    for (const lineId of ['L-55000', 'L-7']) {
      await behindTheLedgersBack('distribution_lines', `UPDATE distribution_lines SET work_title = 'Changed' WHERE society_id = $1 AND line_id = $2`, [id, lineId]);
    }
    const res = await verify(id);
    expect(res.body.ok).toBe(false);
    expect(res.body.mismatches).toEqual([
      { submissionId: submission.id, lineId: 'L-7', reason: 'line 7: its columns do not give its stored leaf hash' },
      { submissionId: submission.id, lineId: 'L-55000', reason: 'line 55000: its columns do not give its stored leaf hash' },
      { submissionId: submission.id, reason: expect.stringMatching(/lines from line 2 on \(chunk 0\) were changed since the commit$/) },
    ]);
    // The helper connection read the same snapshot and went back to the pool: nothing is left open.
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    expect(n).toBe(0);
  });

  it('still finds the submission when the forger also recomputed the leaf hash', async () => {
    const id = await newSociety();
    const submission = await commit(admin, id, 'distribution-lines', '2025Q1', threeLines());
    await behindTheLedgersBack(
      'distribution_lines',
      `UPDATE distribution_lines SET net = net - 1, gross = gross - 1 WHERE society_id = $1 AND line_id = 'L-3'`,
      [id],
    );
    await behindTheLedgersBack(
      'distribution_lines',
      `UPDATE distribution_lines SET leaf_hash = ${leafHashSql('distribution-lines', 'distribution_lines')} WHERE society_id = $1 AND line_id = 'L-3'`,
      [id],
    );
    const res = await verify(id);
    expect(res.body.ok).toBe(false);
    expect(res.body.mismatches).toEqual([{ submissionId: submission.id, reason: expect.stringMatching(/lines from line 2 on \(chunk 0\) were changed since the commit$/) }]);
  });

  it('reports a stored leaf hash changed directly, naming the line', async () => {
    const id = await newSociety();
    const submission = await commit(admin, id, 'distribution-lines', '2025Q1', threeLines());
    await behindTheLedgersBack('distribution_lines', `UPDATE distribution_lines SET leaf_hash = sha256('forged') WHERE society_id = $1 AND line_id = 'L-1'`, [id]);
    const res = await verify(id);
    expect(res.body.ok).toBe(false);
    expect(res.body.mismatches).toEqual([{ submissionId: submission.id, lineId: 'L-1', reason: 'line 2: its columns do not give its stored leaf hash' }]);
  });

  it('reports stored chunk roots changed directly (they would give wrong line proofs)', async () => {
    const id = await newSociety();
    const submission = await commit(admin, id, 'distribution-lines', '2025Q1', threeLines());
    await behindTheLedgersBack('submission_chunks', `UPDATE submission_chunks SET root = sha256('forged') WHERE society_id = $1`, [id]);
    const res = await verify(id);
    expect(res.body.mismatches).toEqual([{ submissionId: submission.id, reason: 'the stored chunk roots (used for line proofs) differ from the chunks of its lines' }]);
  });

  it('reports a log leaf changed directly as that submission', async () => {
    const id = await newSociety();
    await commit(admin, id, 'income', '2025Q1', [income()]);
    const submission = await commit(admin, id, 'deductions', '2025Q1', [deduction()]);
    await commit(admin, id, 'undistributed', '2025Q1', [undistributed()]);
    await behindTheLedgersBack('log_leaves', `UPDATE log_leaves SET leaf_hash = sha256('forged') WHERE society_id = $1 AND leaf_index = 1`, [id]);
    const res = await verify(id);
    expect(res.body.ok).toBe(false);
    expect(res.body.mismatches).toEqual([{ submissionId: submission.id, reason: expect.stringMatching(/whose leaf is not log leaf 1: the log leaf was changed$/) }]);
  });

  it('reports a line deleted directly as its submission with the line count', async () => {
    const id = await newSociety();
    const submission = await commit(admin, id, 'distribution-lines', '2025Q1', threeLines());
    await behindTheLedgersBack('distribution_lines', `DELETE FROM distribution_lines WHERE society_id = $1 AND line_id = 'L-3'`, [id]);
    const res = await verify(id);
    expect(res.body.mismatches).toEqual([{ submissionId: submission.id, reason: expect.stringMatching(/it has 2 lines where 3 were committed$/) }]);
  });

  it('refuses a tree head re-signed by another key', async () => {
    const id = await newSociety();
    await commit(admin, id, 'income', '2025Q1', [income()]);
    const latest = await commit(admin, id, 'deductions', '2025Q1', [deduction()]);
    const head: SignedTreeHead = (await admin.get(`/v1/societies/${id}/log/head`)).body;
    const { signature, keyId } = signTreeHead({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, origin: head.origin }, generateEd25519KeyPair().privateKey);
    await behindTheLedgersBack('tree_heads', `UPDATE tree_heads SET signature = $2, key_id = $3 WHERE society_id = $1 AND tree_size = 2`, [id, signature, keyId]);

    const served = (await admin.get(`/v1/societies/${id}/log/head`)).body;
    expect(served.keyId).toBe(keyId);
    expect(verifyTreeHead(served, parseKeySet((await admin.get('/v1/log/keys')).body))).toMatchObject({ ok: false, reason: expect.stringMatching(/not a trusted key/) });
    const res = await verify(id);
    expect(res.body.ok).toBe(false);
    expect(res.body.mismatches).toEqual([{ submissionId: latest.id, reason: expect.stringMatching(/^the signed tree head of size 2: .*not a trusted key/) }]);
  });

  it('runs one verification of a society at a time: a second one meanwhile is a 409, and it runs again once the first has finished', async () => {
    const id = await newSociety();
    await commit(admin, id, 'income', '2025Q1', [income()]);
    // Another session holds the lock a running verification holds.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [verifyLockKey(id)]);
      const busy = await verify(id);
      expect(busy.status).toBe(409);
      expect(busy.body.detail).toBe(`A verification of society ${id} is already running; ask again when it has finished`);
      expect((await verify(await newSociety())).status).toBe(200); // another society's is not held up
      await holder.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [verifyLockKey(id)]);
    } finally {
      await holder.release();
    }
    const again = await verify(id);
    expect(again.status).toBe(200);
    expect(again.body.ok).toBe(true);
    // The verification let its lock go: another session takes it at once.
    const probe = t.dataSource.createQueryRunner();
    await probe.connect();
    try {
      const [{ taken }] = await probe.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken`, [verifyLockKey(id)]);
      expect(taken).toBe(true);
      await probe.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [verifyLockKey(id)]);
    } finally {
      await probe.release();
    }
  });

  it("lets a society verify only its own log; regulators and admins any; rights holders none", async () => {
    expect((await verify(cast.societyA.id, admin.as(cast.tokens.societyA))).status).toBe(200);
    expect((await verify(cast.societyA.id, admin.as(cast.tokens.societyB))).status).toBe(404);
    expect((await verify(cast.societyA.id, admin.as(cast.tokens.regulator))).status).toBe(200);
    expect((await verify(cast.societyA.id, admin.as(cast.tokens.holderA))).status).toBe(403);
    expect((await verify(cast.societyA.id, admin.as(undefined))).status).toBe(401);
    expect((await verify('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await verify('nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    // A society token bound to another society is refused even for an empty log.
    const other = await tokenFor(admin, 'society', { societyId: cast.societyB.id });
    expect((await verify(cast.societyA.id, admin.as(other))).status).toBe(404);
  });
});
