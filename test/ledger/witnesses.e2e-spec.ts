import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOG_KEY_NAME, logOrigin } from '../../libs/ledger/src/index.js';
import { exportPrivateKey, formatVerifierKey, generateEd25519KeyPair, signCheckpoint } from '../../libs/merkle/src/index.js';
import {
  Witness,
  WitnessStateStore,
  cosignerVkey,
  formatAddCheckpointRequest,
  generateCosignerKey,
  parsePolicy,
  parseVkey,
  verifyWithPolicy,
  witnessHandler,
  type CosignerKey,
} from '../../libs/witness/src/index.js';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { memoryIo } from '../../apps/cli/src/cli-io.js';
import { verifyCommand } from '../../apps/cli/src/commands/verify.command.js';
import { auditAndWait, findingOf } from '../audit/support.js';
import { commit, deduction } from './support.js';

/** A witness reachable before the log it follows exists: the handler is set once the society is. */
interface TestWitness {
  name: string;
  key: CosignerKey;
  server: Server;
  url: string;
  dir: string;
  handler?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  down: boolean;
  requests: string[];
}

async function startWitness(name: string): Promise<TestWitness> {
  const w = { name, key: generateCosignerKey(name), dir: mkdtempSync(path.join(os.tmpdir(), 'ledger-witness-')), down: false, requests: [] } as unknown as TestWitness;
  w.server = createServer((req, res) => {
    if (w.down || !w.handler) {
      res.writeHead(503).end('down\n');
      return;
    }
    if (req.url?.endsWith('/add-checkpoint')) w.requests.push(req.url);
    void w.handler(req, res);
  });
  await new Promise<void>((r) => w.server.listen(0, '127.0.0.1', r));
  w.url = `http://127.0.0.1:${(w.server.address() as AddressInfo).port}`;
  return w;
}

describe('the ledger as a witnessed log (LOG_WITNESSES, c2sp.org/tlog-witness)', () => {
  let t: TestApp;
  let admin: Http;
  let anonymous: Http;
  let society: Http;
  let regulator: Http;
  let societyId: string;
  const witnesses: TestWitness[] = [];
  const logKey = generateEd25519KeyPair();
  const logVkey = formatVerifierKey(LOG_KEY_NAME, logKey.publicKey);
  let policyText: string;
  let dir: string;
  let period = 0;

  let last: { id: string } | undefined;
  const commitOne = async () => {
    period++;
    last = await commit(society, societyId, 'deductions', `${2020 + Math.floor(period / 4)}Q${(period % 4) + 1}`, [deduction({ deduction_id: `D-${period}` })]);
  };
  const checkpoint = async () => (await anonymous.get(`/v1/societies/${societyId}/log/checkpoint`)).text;
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const cosignedBy = async (size: number, count: number) =>
    until(`${count} cosignatures of size ${size}`, async () => {
      const note = await checkpoint();
      const v = verifyWithPolicy(note, parsePolicy(policyText), { origin: logOrigin(societyId), originMustBeKeyName: false });
      return v.checkpoint.treeSize === size && v.cosignatures.length >= count ? { note, v } : undefined;
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-witnesses-'));
    for (const name of ['witness-1.example', 'witness-2.example', 'witness-3.example']) witnesses.push(await startWitness(name));
    policyText = `log ${logVkey}\n` + witnesses.map((w) => `witness ${w.name} ${cosignerVkey(w.key)} ${w.url}`).join('\n') + '\nquorum 2\n';
    writeFileSync(path.join(dir, 'policy'), policyText);
    t = await bootTestApp({ env: { LOG_WITNESSES: path.join(dir, 'policy'), LOG_SIGNING_KEY: exportPrivateKey(logKey.privateKey), LOG_WITNESS_RETRY_MS: '20' } });
    admin = new Http(t.baseUrl, t.adminToken);
    anonymous = new Http(t.baseUrl);
    const cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    regulator = admin.as(cast.tokens.regulator);
    societyId = cast.societyA.id;
    for (const w of witnesses) {
      const witness = new Witness({ key: w.key, logs: [{ origin: logOrigin(societyId), keys: [parseVkey(logVkey)] }], store: new WitnessStateStore(w.dir) });
      w.handler = witnessHandler(witness);
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    for (const w of witnesses) {
      await new Promise((r) => w.server.close(r));
      rmSync(w.dir, { recursive: true, force: true });
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each new head to every witness and serves every cosignature on the public checkpoint', async () => {
    await commitOne();
    const { v } = await cosignedBy(1, 3);
    expect(v.quorum).toBe(true);
    expect(v.cosignatures.map((c) => c.witness).sort()).toEqual(witnesses.map((w) => w.name));
    await commitOne(); // from size 1 with a consistency proof
    await cosignedBy(2, 3);
    const tiles = await fetch(`${t.baseUrl}/logs/${societyId}/checkpoint`);
    expect((await tiles.text()).split('\n').filter((l) => l.startsWith('\u2014 '))).toHaveLength(4); // the log's signature and three cosignatures
    const pub = await anonymous.get('/v1/public/societies');
    const mine = pub.body.items.find((s: { id: string }) => s.id === societyId);
    expect(mine.witnessing).toMatchObject({ cosigners: witnesses.map((w) => w.name), quorumMet: true, behindQuorum: false, witnessedSize: 2, alarms: [] });
    expect(mine.checkpoint.treeSize).toBe(2);
    // One society's public entry (what the transparency report page reads): the same, without a token; bad input refused.
    const one = await anonymous.get(`/v1/public/societies/${societyId}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(mine);
    expect(one.body).toMatchObject({ currency: 'EUR', fyEndMonth: 12, fyEndDay: 31 });
    const badId = await anonymous.get('/v1/public/societies/not-a-uuid');
    expect({ status: badId.status, fields: badId.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: ['id'] });
    expect((await anonymous.get('/v1/public/societies/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // The regulator overview says the log is witnessed, and by whom.
    const overview = await regulator.get('/v1/regulator/overview?financialYear=2020');
    expect(overview.body.societies.find((r: { societyId: string }) => r.societyId === societyId).witnessing).toEqual({
      configured: true, quorum: '2', treeSize: 2, witnessedSize: 2, behindQuorum: false, cosigners: witnesses.map((w) => w.name), alarms: [],
    });
  }, 60_000);

  it('follows a 409 to the size the witness holds, and keeps the quorum with one witness down', async () => {
    // The ledger forgot what witness 1 cosigned: it sends old 0, the witness answers 409 with 2.
    await t.dataSource.query(`UPDATE log_witness_states SET cosigned_size = NULL WHERE society_id = $1 AND witness = $2`, [societyId, witnesses[0].name]);
    witnesses[2].down = true;
    await commitOne();
    const { v } = await cosignedBy(3, 2);
    expect(v.cosignatures.map((c) => c.name).sort()).toEqual([witnesses[0].name, witnesses[1].name]);
    const health = await anonymous.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.info.witnesses).toMatchObject({ status: 'up', configured: true, degraded: false, behindQuorum: [], alarms: [] });
    const states: { witness: string; last_error: string | null }[] = await until('witness 3 recorded unreachable', async () => {
      const rows: { witness: string; last_error: string | null }[] = await t.dataSource.query(`SELECT witness, last_error FROM log_witness_states WHERE society_id = $1 ORDER BY witness`, [societyId]);
      return rows[2]?.last_error ? rows : undefined;
    });
    expect(states[2].last_error).toMatch(/unreachable/);
  }, 60_000);

  it('says when a log is behind its quorum (two witnesses down)', async () => {
    witnesses[1].down = true;
    await commitOne();
    await cosignedBy(4, 1);
    const health = await until('behind quorum on /health', async () => {
      const h = await anonymous.get('/health');
      return h.body.info?.witnesses?.behindQuorum?.length ? h : undefined;
    });
    expect(health.body.info.witnesses.behindQuorum).toEqual([{ societyId, treeSize: 4, witnessedSize: 3 }]);
    const pub = await anonymous.get('/v1/public/societies');
    expect(pub.body.items.find((s: { id: string }) => s.id === societyId).witnessing).toMatchObject({ quorumMet: false, behindQuorum: true, witnessedSize: 3 });
    // The regulator overview says it too, society by society.
    const overview = await regulator.get('/v1/regulator/overview?financialYear=2020');
    expect(overview.status).toBe(200);
    expect(overview.body.societies.find((r: { societyId: string }) => r.societyId === societyId).witnessing).toMatchObject({
      configured: true, quorum: '2', treeSize: 4, witnessedSize: 3, behindQuorum: true, cosigners: [witnesses[0].name], alarms: [],
    });
    witnesses[1].down = false;
    witnesses[2].down = false;
    await commitOne(); // they catch up: from their sizes (3 and 2) to 5
    await cosignedBy(5, 3);
  }, 90_000);

  it('serves a line proof as a C2SP tlog-proof with the cosigned checkpoint; `ledger verify --policy` requires the quorum', async () => {
    const res = await society.get(`/v1/submissions/${last!.id}/lines/D-${period}/proof?format=tlog-proof`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.text).toMatch(/^c2sp\.org\/tlog-proof@v1\nextra [A-Za-z0-9+/=]+\nindex 4\n/);
    expect(res.text.split('\n').filter((l) => l.startsWith('\u2014 witness-'))).toHaveLength(3);
    const files = { proof: path.join(dir, 'line.tlog-proof'), policy: path.join(dir, 'policy'), strict: path.join(dir, 'strict-policy'), keys: path.join(dir, 'keys.json') };
    writeFileSync(files.proof, res.text);
    writeFileSync(files.keys, JSON.stringify((await anonymous.get('/v1/log/keys')).body));
    const ok = memoryIo();
    expect(await verifyCommand(['--proof', files.proof, '--policy', files.policy], ok)).toBe(0);
    expect(ok.out).toMatch(/^OK: line 0 of a submission of 1 lines is leaf of the log collective-ledger\/society\/.* of size 5, cosigned by witness-1.example, witness-2.example, witness-3.example/);
    const withKeys = memoryIo();
    expect(await verifyCommand(['--proof', files.proof, '--keys', files.keys], withKeys)).toBe(0);
    // Only two cosignatures held, the policy asks for all three: refused.
    writeFileSync(files.strict, policyText.replace('quorum 2', 'quorum 3'));
    const twoOnly = res.text.split('\n').filter((l) => !l.startsWith('\u2014 witness-3')).join('\n');
    writeFileSync(files.proof, twoOnly);
    const short = memoryIo();
    expect(await verifyCommand(['--proof', files.proof, '--policy', files.strict], short)).toBe(1);
    expect(short.err).toMatch(/lacks the policy's quorum/);
    // A line altered in the extra data no longer leads to the root.
    const extra = JSON.parse(Buffer.from(/extra (\S+)/.exec(res.text)![1], 'base64').toString('utf8'));
    extra.leaf = extra.leaf.replace('"150', '"151');
    writeFileSync(files.proof, res.text.replace(/extra \S+/, `extra ${Buffer.from(JSON.stringify(extra)).toString('base64')}`));
    const altered = memoryIo();
    expect(await verifyCommand(['--proof', files.proof, '--policy', files.policy], altered)).toBe(1);
  });

  it('a split view: every witness refuses a second checkpoint the operator signs for an old size, and a rewritten log raises the alarm', async () => {
    const origin = logOrigin(societyId);
    // The operator (who holds the log key) signs another root for size 5, which every witness cosigned.
    const forged = signCheckpoint(origin, 5, Buffer.alloc(32, 7), LOG_KEY_NAME, logKey.privateKey);
    for (const w of witnesses) {
      const res = await fetch(`${w.url}/add-checkpoint`, { method: 'POST', body: formatAddCheckpointRequest(5, [], forged) });
      expect({ witness: w.name, refused: [409, 422].includes(res.status) }).toEqual({ witness: w.name, refused: true });
    }
    // Now the ledger's own log is rewritten behind its back (leaf 0 replaced) and it commits on:
    // its next checkpoint is inconsistent with what the witnesses cosigned.
    await t.dataSource.query(`ALTER TABLE log_leaves DISABLE TRIGGER USER`);
    await t.dataSource.query(`UPDATE log_leaves SET leaf_hash = $2 WHERE society_id = $1 AND leaf_index = 0`, [societyId, Buffer.alloc(32, 9)]);
    await t.dataSource.query(`ALTER TABLE log_leaves ENABLE TRIGGER USER`);
    await commitOne();
    const health = await until('the alarm on /health', async () => {
      const h = await anonymous.get('/health');
      return h.body.info?.witnesses?.alarms?.length === 3 ? h : undefined;
    });
    expect(health.body.info.witnesses.degraded).toBe(true);
    expect(health.body.info.witnesses.alarms.map((a: { witness: string }) => a.witness).sort()).toEqual(witnesses.map((w) => w.name));
    expect(health.body.info.witnesses.alarms[0].alarm).toMatch(/refused the checkpoint of size 6 .* with 422/);
    const pub = await anonymous.get('/v1/public/societies');
    expect(pub.body.items.find((s: { id: string }) => s.id === societyId).witnessing.alarms).toHaveLength(3);
    // An audit finding (governance.log-consistency), whatever the year audited, and on the regulator overview.
    const audit = await auditAndWait(regulator, { societyId, financialYear: 2020, rules: ['governance.log-consistency'] });
    const finding = findingOf(audit, 'governance.log-consistency');
    expect(finding.passed).toBe(false);
    expect(finding.evidence.alarms.map((a: { witness: string; status: number; treeSize: number; standing: boolean }) => [a.witness, a.status, a.treeSize, a.standing]).sort()).toEqual(
      witnesses.map((w) => [w.name, 422, 6, true]),
    );
    const overview = await regulator.get('/v1/regulator/overview?financialYear=2020');
    const row = overview.body.societies.find((r: { societyId: string }) => r.societyId === societyId);
    expect(row.witnessing.alarms).toEqual(witnesses.map((w) => w.name));
    expect(row.findings.rules).toContain('governance.log-consistency');
    // Never silently retried away: the next head is not sent to a witness in alarm.
    const before = witnesses.map((w) => w.requests.length);
    await commitOne();
    await new Promise((r) => setTimeout(r, 1500));
    expect(witnesses.map((w) => w.requests.length)).toEqual(before);
    expect((await anonymous.get('/health')).body.info.witnesses.alarms).toHaveLength(3);
  }, 90_000);
});

