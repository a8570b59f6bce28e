import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../libs/config/src/index.js';
import { DueEventsService } from '../../libs/notification-sources/src/index.js';
import { givenRightsHolder, givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { eventually, MailCatcher, Receiver } from './support.js';

const SECRET = 'a-secret-of-the-society-0123456789';
const hmac = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * Notifications end to end (issue 17 item 5): events raised where they happen reach the
 * inbox, signed webhooks (a local receiver started here) and e-mail (a local SMTP server
 * started here); a failed delivery is retried with backoff and dead after the limit; the
 * daily due-events job tells each recipient once however often it runs.
 */
describe('notifications', () => {
  let t: TestApp;
  let admin: Http;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  const receiver = new Receiver();
  const smtp = new MailCatcher();
  let a: Http;
  let b: Http;

  beforeAll(async () => {
    await receiver.start();
    await smtp.start();
    t = await bootTestApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Ledger <ledger@test.example>', NOTIFY_POLL_MS: '100', NOTIFY_RETRY_MS: '40', NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_TIMEOUT_MS: '5000' },
    });
    admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    a = admin.as(cast.tokens.societyA);
    b = admin.as(cast.tokens.societyB);
  });
  afterAll(async () => {
    await t?.close();
    await receiver.close();
    await smtp.close();
  });

  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('delivers a committed package to the society: inbox, a signed webhook and an e-mail', async () => {
    const hook = await a.post('/v1/webhooks', { url: `${receiver.url}/a`, events: ['submission.committed', 'submission.rejected'], secret: SECRET });
    expect(hook.status).toBe(201);
    expect(hook.body).toMatchObject({ url: `${receiver.url}/a`, events: ['submission.committed', 'submission.rejected'] });
    expect(hook.text).not.toContain(SECRET);
    const listed = await a.get('/v1/webhooks');
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([hook.body.id]);
    expect(listed.text).not.toContain(SECRET);
    expect((await a.post('/v1/me/email-subscriptions', { address: 'ops@society-a.example', events: ['submission.committed'] })).status).toBe(201);

    const { final } = await submitAndWait(a, cast.societyA.id, 'deductions', '2025Q1', 'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,10.50,fee\n');
    expect(final.status).toBe('committed');

    const [delivery] = await eventually(() => receiver.at('/a').length > 0 && receiver.at('/a'), 'the webhook delivery');
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ event: 'submission.committed', data: { submissionId: final.id, type: 'deductions', period: '2025Q1', rows: 1, supersedes: null } });
    expect(Date.parse(body.at)).not.toBeNaN();
    // The signature is the HMAC-SHA256 of the exact body with the secret; any other secret fails.
    expect(delivery.headers['x-ledger-signature']).toBe(hmac(SECRET, delivery.body));
    expect(delivery.headers['x-ledger-signature']).not.toBe(hmac(`${SECRET}x`, delivery.body));
    expect(delivery.headers['x-ledger-event']).toBe('submission.committed');

    const inbox = await eventually(async () => {
      const r = await a.get('/v1/me/notifications');
      return r.body.items.length > 0 && r.body;
    }, "society A's inbox");
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ type: 'submission.committed', eventId: body.id, societyId: cast.societyA.id, readAt: null, title: 'deductions package for 2025Q1 committed' });
    expect(inbox.unread).toBe(1);
    // Nobody else is told.
    expect((await b.get('/v1/me/notifications')).body.items).toEqual([]);
    expect((await admin.as(cast.tokens.holderA).get('/v1/me/notifications')).body.items).toEqual([]);

    const mail = await eventually(() => smtp.mails.find((m) => m.to.includes('ops@society-a.example')), 'the e-mail');
    expect(mail.from).toBe('ledger@test.example');
    expect(mail.raw).toMatch(/Subject: \[Collective Ledger\] deductions package for 2025Q1 committed/);
    expect(mail.raw).toContain(final.id);

    // Read: once, and only by its recipient.
    const id = inbox.items[0].id;
    expect((await b.post(`/v1/me/notifications/${id}/read`, {})).status).toBe(404);
    const read = await a.post(`/v1/me/notifications/${id}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await a.get('/v1/me/notifications?unread=true')).body).toMatchObject({ items: [], unread: 0 });
  });

  it('retries a delivery the receiver answered with 500, with the same body and signature', async () => {
    const society = await givenSociety(admin);
    const http = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    receiver.answer('/retry', 500, 200);
    await http.post('/v1/webhooks', { url: `${receiver.url}/retry`, events: ['submission.committed'], secret: SECRET });
    await submitAndWait(http, society.id, 'deductions', '2025Q1', 'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,1.00,x\n');
    const deliveries = await eventually(async () => {
      const r = await http.get('/v1/me/notification-deliveries?status=delivered');
      return r.body.items.length > 0 && r.body.items;
    }, 'the delivery after its retry');
    expect(deliveries[0]).toMatchObject({ channel: 'webhook', event: 'submission.committed', status: 'delivered', attempts: 2, lastStatus: 200, lastError: null });
    const got = receiver.at('/retry');
    expect(got).toHaveLength(2);
    expect(got[1].body).toBe(got[0].body);
    expect(got[1].headers['x-ledger-delivery']).toBe(got[0].headers['x-ledger-delivery']);
    expect(got[1].headers['x-ledger-signature']).toBe(hmac(SECRET, got[1].body));
  });

  it('puts a delivery on the dead-letter list after NOTIFY_MAX_ATTEMPTS failures, and sends it again on request', async () => {
    const society = await givenSociety(admin);
    const http = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    receiver.answer('/dead', 500);
    const hook = await http.post('/v1/webhooks', { url: `${receiver.url}/dead`, events: ['submission.rejected'], secret: SECRET });
    const { final } = await submitAndWait(http, society.id, 'deductions', '2025Q1', 'deduction_id,kind,category,currency,amount,description\nD1,bogus,performing,EUR,1.00,x\n');
    expect(final.status).toBe('rejected');
    const dead = await eventually(async () => {
      const r = await http.get('/v1/me/notification-deliveries?status=dead');
      return r.body.items.length > 0 && r.body.items;
    }, 'the dead letter');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ event: 'submission.rejected', status: 'dead', attempts: 3, lastStatus: 500, nextAttemptAt: null, targetId: hook.body.id });
    expect(dead[0].lastError).toMatch(/answered 500/);
    expect(receiver.at('/dead')).toHaveLength(3);
    expect(JSON.parse(receiver.at('/dead')[0].body)).toMatchObject({ event: 'submission.rejected', data: { submissionId: final.id, errorCount: 1 } });
    // Per webhook, the same list.
    expect((await http.get(`/v1/webhooks/${hook.body.id}/deliveries?status=dead`)).body.items.map((d: { id: string }) => d.id)).toEqual([dead[0].id]);
    // Another society neither sees nor retries it.
    expect((await b.post(`/v1/me/notification-deliveries/${dead[0].id}/retry`, {})).status).toBe(404);
    expect((await b.get('/v1/me/notification-deliveries?status=dead')).body.items).toEqual([]);

    receiver.answer('/dead', 204);
    const again = await http.post(`/v1/me/notification-deliveries/${dead[0].id}/retry`, {});
    expect(again.status).toBe(200);
    expect(again.body.attempts).toBe(0);
    await eventually(async () => (await http.get(`/v1/webhooks/${hook.body.id}/deliveries?status=delivered`)).body.items.length === 1, 'the delivery sent again');
    expect(receiver.at('/dead')).toHaveLength(4);
    expect((await http.post(`/v1/me/notification-deliveries/${dead[0].id}/retry`, {})).status).toBe(409);
  });

  it('tells the society of a mandate request and the holder of the answer', async () => {
    const holder = admin.as(cast.tokens.holderA);
    const requested = await holder.post(`/v1/rights-holders/${cast.holderA.id}/mandates`, { societyId: cast.societyB.id, category: 'mechanical', workType: 'musical', territories: ['DE'], validFrom: '2026-01-01', basis: 'contractual', exclusive: false });
    expect(requested.status).toBe(201);
    const asked = await eventually(async () => (await b.get('/v1/me/notifications')).body.items.find((n: { type: string }) => n.type === 'mandate.requested'), 'mandate.requested');
    expect(asked.data).toMatchObject({ mandateId: requested.body.id, rightsHolderId: cast.holderA.id, category: 'mechanical', status: 'requested' });
    expect((await b.post(`/v1/mandates/${requested.body.id}/refusal`, { reason: 'outside our repertoire' })).status).toBe(201);
    const answer = await eventually(async () => (await holder.get('/v1/me/notifications')).body.items.find((n: { type: string }) => n.type === 'mandate.answered'), 'mandate.answered');
    expect(answer.data).toMatchObject({ mandateId: requested.body.id, status: 'refused', reason: 'outside our repertoire' });
    expect(answer.title).toBe('Mandate request refused: mechanical (musical)');
  });

  it('tells the society of a claim on its line and the holder of the answer; the society and the supervisors of an audit finished', async () => {
    const society = await givenSociety(admin);
    const sHttp = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    const holder = await givenRightsHolder(admin);
    const hHttp = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: holder.id }));
    const csv = `${DIST_HEADER}\nU-1,,Unknown (cue sheet 1),,Untitled,performing,radio,FR,2025-01-01,2025-03-31,EUR,10.00,1.00,0.00,9.00,unidentified,,non-contractual\n`;
    const { final } = await submitAndWait(sHttp, society.id, 'distribution-lines', '2025Q1', csv);
    const claim = await hHttp.post(`/v1/rights-holders/${holder.id}/claims`, { submissionId: final.id, lineId: 'U-1' });
    expect(claim.status).toBe(201);
    const made = await eventually(async () => (await sHttp.get('/v1/me/notifications')).body.items.find((n: { type: string }) => n.type === 'claim.updated'), 'claim.updated (open) to the society');
    expect(made.data).toMatchObject({ claimId: claim.body.id, status: 'open', rightsHolderId: holder.id, lineId: 'U-1' });
    expect((await sHttp.post(`/v1/claims/${claim.body.id}/refusal`, { reason: 'Another author' })).status).toBe(201);
    const answered = await eventually(async () => (await hHttp.get('/v1/me/notifications')).body.items.find((n: { type: string }) => n.type === 'claim.updated'), 'claim.updated (refused) to the holder');
    expect(answered.data).toMatchObject({ claimId: claim.body.id, status: 'refused', previousStatus: 'open', reason: 'Another author' });
    expect((await hHttp.get('/v1/me/notifications')).body.items).toHaveLength(1);

    const audit = await sHttp.post('/v1/audits', { societyId: society.id, financialYear: 2025 });
    expect(audit.status).toBe(202);
    const finished = await eventually(async () => (await sHttp.get('/v1/me/notifications')).body.items.find((n: { type: string }) => n.type === 'audit.finished'), 'audit.finished to the society');
    expect(finished.data).toMatchObject({ auditId: audit.body.id, financialYear: 2025, status: 'done' });
    expect(Number(finished.data.rules)).toBeGreaterThan(0);
    const regulator = await admin.as(cast.tokens.regulator).get('/v1/me/notifications?limit=500');
    expect(regulator.body.items.some((n: { type: string; data: { auditId?: string } }) => n.type === 'audit.finished' && n.data.auditId === audit.body.id)).toBe(true);
    expect((await admin.as(cast.tokens.societyB).get('/v1/me/notifications')).body.items.some((n: { type: string }) => n.type === 'audit.finished')).toBe(false);
  });

  it('tells each holder whose lines a correction changed, with the fields that changed', async () => {
    const society = await givenSociety(admin, { currency: 'RUB' });
    const http = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    const h1 = await givenRightsHolder(admin);
    const h2 = await givenRightsHolder(admin);
    const h1Http = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: h1.id }));
    const h2Http = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: h2.id }));
    await h1Http.post('/v1/webhooks', { url: `${receiver.url}/h1`, events: ['line.changed'], secret: SECRET });
    const line = (id: string, ipi: string, gross: string, net: string) => distLine({ line_id: id, rights_holder_ipi: ipi, gross, management_fee: '0', other_deductions: '0', net });
    const first = [DIST_HEADER, line('L1', h1.ipi, '1000', '1000'), line('L2', h2.ipi, '50', '50')].join('\n') + '\n';
    const second = [DIST_HEADER, line('L1', h1.ipi, '1200', '1200'), line('L2', h2.ipi, '50', '50')].join('\n') + '\n';
    await submitAndWait(http, society.id, 'distribution-lines', '2025Q1', first);
    const { final } = await submitAndWait(http, society.id, 'distribution-lines', '2025Q1', second);
    expect(final.status).toBe('committed');
    const [got] = await eventually(() => receiver.at('/h1').length > 0 && receiver.at('/h1'), 'line.changed');
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ event: 'line.changed', data: { submissionId: final.id, period: '2025Q1', rightsHolderId: h1.id, changedLines: 1 } });
    expect(body.data.lines).toEqual([{ lineId: 'L1', change: 'changed', fields: { gross: { from: '1000', to: '1200' }, net: { from: '1000', to: '1200' } } }]);
    expect((await h1Http.get('/v1/me/notifications')).body.items.map((n: { type: string }) => n.type)).toEqual(['line.changed']);
    // h2's line did not change: h2 is not told.
    expect((await h2Http.get('/v1/me/notifications')).body.items).toEqual([]);
  });

  it('counts a change of work_type alone, as the package diff does (one definition: the catalogue type columns but the id)', async () => {
    const society = await givenSociety(admin, { currency: 'RUB' });
    const http = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    const h = await givenRightsHolder(admin);
    const other = await givenRightsHolder(admin);
    const hHttp = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: h.id }));
    const otherHttp = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: other.id }));
    await hHttp.post('/v1/webhooks', { url: `${receiver.url}/work-type`, events: ['line.changed'], secret: SECRET });
    const header = `${DIST_HEADER},work_type`;
    const line = (id: string, ipi: string, workType: string) => `${distLine({ line_id: id, rights_holder_ipi: ipi })},${workType}`;
    const first = [header, line('W1', h.ipi, 'musical'), line('W2', other.ipi, 'musical')].join('\n') + '\n';
    const second = [header, line('W1', h.ipi, 'audiovisual'), line('W2', other.ipi, 'musical')].join('\n') + '\n';
    await submitAndWait(http, society.id, 'distribution-lines', '2025Q1', first);
    const { final } = await submitAndWait(http, society.id, 'distribution-lines', '2025Q1', second);
    expect(final.status).toBe('committed');
    const fields = { workType: { from: 'musical', to: 'audiovisual' } };

    const diff = (await http.get(`/v1/submissions/${final.id}/diff`)).body;
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(diff.changed).toEqual([expect.objectContaining({ lineId: 'W1', fields })]);

    const [got] = await eventually(() => receiver.at('/work-type').length > 0 && receiver.at('/work-type'), 'line.changed for work_type');
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ event: 'line.changed', data: { submissionId: final.id, rightsHolderId: h.id, changedLines: 1 } });
    expect(body.data.lines).toEqual([{ lineId: 'W1', change: 'changed', fields }]);
    // The holder whose line the diff does not list is not told.
    expect((await otherHttp.get('/v1/me/notifications')).body.items).toEqual([]);
  });

  it('runs the daily job idempotently: run twice, each recipient told once', async () => {
    const society = await givenSociety(admin, { currency: 'EUR' });
    const http = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    const holder = await givenRightsHolder(admin);
    const holderHttp = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: holder.id }));
    await holderHttp.post('/v1/webhooks', { url: `${receiver.url}/overdue`, events: ['money.overdue'], secret: SECRET });
    await http.post('/v1/webhooks', { url: `${receiver.url}/deadlines`, events: ['deadline.missed', 'deadline.approaching'], secret: SECRET });
    const csv = [DIST_HEADER, distLine({ line_id: 'U1', rights_holder_ipi: holder.ipi, currency: 'EUR', gross: '100.10', management_fee: '0', other_deductions: '0', net: '100.10', status: 'unpaid', paid_on: '' }), distLine({ line_id: 'U2', rights_holder_ipi: holder.ipi, currency: 'EUR', gross: '0.90', management_fee: '0', other_deductions: '0', net: '0.90', status: 'unpaid', paid_on: '' })].join('\n') + '\n';
    expect((await submitAndWait(http, society.id, 'distribution-lines', '2025Q1', csv)).final.status).toBe('committed');

    const due = t.app.get(DueEventsService);
    const clock = t.app.get(Clock);
    clock.set('2026-10-05T12:00:00Z');
    try {
      const first = await due.run('2026-10-05');
      expect(first).toBeGreaterThan(0);
      expect(await due.run('2026-10-05')).toBe(0);
      expect(await due.run('2026-10-06')).toBe(0); // the next day: the same deadlines, nothing new
    } finally {
      clock.set(null);
    }
    const overdue = await eventually(async () => {
      const r = await holderHttp.get('/v1/me/notifications');
      return r.body.items.length > 0 && r.body.items;
    }, 'money.overdue in the inbox');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ type: 'money.overdue', data: { societyId: society.id, financialYear: 2025, deadline: '2026-09-30', unpaidLines: 2, amounts: [{ currency: 'EUR', amount: '101' }] } });
    await eventually(() => receiver.at('/overdue').length === 1, 'money.overdue delivered');

    const inbox = (await http.get('/v1/me/notifications?limit=200')).body.items as { type: string; data: { deadline: { kind: string; due: string; period?: string; packageType?: string } } }[];
    const missed = inbox.filter((n) => n.type.startsWith('deadline.'));
    const distribution = missed.filter((n) => n.data.deadline?.kind === 'distribution');
    expect(distribution).toHaveLength(1);
    expect(distribution[0]).toMatchObject({ type: 'deadline.missed', data: { deadline: { due: '2026-09-30', financialYear: 2025 }, unpaidLines: 2, amounts: [{ currency: 'EUR', amount: '101' }] } });
    // 2026Q3 ended 30 September: its packages are due 30 October, 25 days ahead.
    expect(missed.filter((n) => n.type === 'deadline.approaching').map((n) => `${n.data.deadline.packageType} ${n.data.deadline.period}`).sort()).toEqual(['deductions 2026Q3', 'distribution-lines 2026Q3', 'income 2026Q3']);
    expect(missed.some((n) => n.type === 'deadline.missed' && n.data.deadline.kind === 'transparency-report')).toBe(true);
    // Each event once in the inbox and once at the webhook, though the job ran three times.
    const keys = missed.map((n) => JSON.stringify([n.type, n.data.deadline]));
    expect(new Set(keys).size).toBe(keys.length);
    await eventually(() => receiver.at('/deadlines').length === missed.length, 'every deadline delivered once');
    const ids = receiver.at('/deadlines').map((r) => JSON.parse(r.body).id as string);
    expect(new Set(ids).size).toBe(ids.length);
    // The regulator is told of the missed legal deadline.
    const regulator = await admin.as(cast.tokens.regulator).get('/v1/me/notifications?limit=500');
    expect(regulator.body.items.some((n: { type: string; societyId: string; data: { deadline?: { kind: string } } }) => n.type === 'deadline.missed' && n.societyId === society.id && n.data.deadline?.kind === 'distribution')).toBe(true);
  });

  it('refuses bad input with a 400 naming each field, and keeps nothing', async () => {
    const before = { webhooks: await count('webhooks'), subs: await count('email_subscriptions') };
    const bad = await a.post('/v1/webhooks', { url: 'ftp://example.org/x', events: ['submission.committed', 'nonsense'], secret: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['events', 'secret', 'url']);
    for (const body of [
      { url: 'http://user:pw@example.org/', events: ['audit.finished'], secret: SECRET },
      { url: 'not a url', events: ['audit.finished'], secret: SECRET },
      { url: 'https://example.org/', events: [], secret: SECRET },
      { url: 'https://example.org/', events: ['audit.finished', 'audit.finished'], secret: SECRET },
      { url: 'https://example.org/', events: 'audit.finished', secret: SECRET },
      { url: 'https://example.org/', events: ['audit.finished'], secret: 12345678901234567 },
      { url: 'https://example.org/', events: ['audit.finished'], secret: SECRET, extra: 1 },
      { url: 'https://example.org/', events: ['audit.finished'] },
    ]) {
      const res = await a.post('/v1/webhooks', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect((await a.post('/v1/me/email-subscriptions', { address: 'not-an-address', events: ['audit.finished'] })).status).toBe(400);
    expect((await a.post('/v1/me/email-subscriptions', { address: 'x@example.org', events: ['nope'] })).status).toBe(400);
    expect({ webhooks: await count('webhooks'), subs: await count('email_subscriptions') }).toEqual(before);

    expect((await a.get('/v1/me/notifications?unread=maybe')).status).toBe(400);
    expect((await a.get('/v1/me/notifications?cursor=garbage')).status).toBe(400);
    expect((await a.get('/v1/me/notifications?limit=0')).status).toBe(400);
    expect((await a.post('/v1/me/notifications/not-a-uuid/read', {})).status).toBe(400);
    expect((await a.post('/v1/me/notifications/00000000-0000-4000-8000-000000000000/read', {})).status).toBe(404);
    expect((await a.get('/v1/me/notification-deliveries?status=lost')).status).toBe(400);
    expect((await a.request('DELETE', '/v1/webhooks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it("keeps each principal's webhooks its own: another tenant neither reads nor removes them", async () => {
    const hook = await a.post('/v1/webhooks', { url: `${receiver.url}/own`, events: ['audit.finished'], secret: SECRET });
    for (const intruder of [b, admin.as(cast.tokens.holderA), admin.as(cast.tokens.regulator)]) {
      expect((await intruder.get(`/v1/webhooks/${hook.body.id}`)).status).toBe(404);
      expect((await intruder.request('DELETE', `/v1/webhooks/${hook.body.id}`)).status).toBe(404);
      expect((await intruder.get(`/v1/webhooks/${hook.body.id}/deliveries`)).status).toBe(404);
      expect((await intruder.get('/v1/webhooks')).body.items.map((w: { id: string }) => w.id)).not.toContain(hook.body.id);
    }
    expect((await a.request('DELETE', `/v1/webhooks/${hook.body.id}`)).status).toBe(204);
    expect((await a.get(`/v1/webhooks/${hook.body.id}`)).status).toBe(404);
  });
});
