import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { describeWithRedis } from '../support/redis.js';
import { submitAndWait } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { eventually, Receiver } from './support.js';

const SECRET = 'a-secret-of-the-society-0123456789';

/**
 * The same deliveries through BullMQ on Redis (REDIS_URL), as production runs them: the
 * fan-out and each attempt are BullMQ jobs, a retry after a 500 and a dead letter after
 * the limit come out as with the in-process queue.
 */
describeWithRedis('notifications on BullMQ', () => {
  let t: TestApp;
  let admin: Http;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    t = await bootTestApp({ redis: true, env: { NOTIFY_POLL_MS: '100', NOTIFY_RETRY_MS: '40', NOTIFY_MAX_ATTEMPTS: '2' } });
    admin = new Http(t.baseUrl, t.adminToken);
  });
  afterAll(async () => {
    await t?.close();
    await receiver.close();
  });

  it('retries after a 500, then delivers; a receiver failing every time ends on the dead-letter list', async () => {
    const society = await givenSociety(admin);
    const http = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
    receiver.answer('/ok-later', 500, 200);
    receiver.answer('/never', 503);
    await http.post('/v1/webhooks', { url: `${receiver.url}/ok-later`, events: ['submission.committed'], secret: SECRET });
    const never = await http.post('/v1/webhooks', { url: `${receiver.url}/never`, events: ['submission.committed'], secret: SECRET });
    const { final } = await submitAndWait(http, society.id, 'deductions', '2025Q1', 'deduction_id,kind,category,currency,amount,description\nD1,management,performing,EUR,1.00,x\n');
    await eventually(async () => (await http.get('/v1/me/notification-deliveries?status=delivered')).body.items.length === 1, 'delivered after the retry');
    const got = receiver.at('/ok-later');
    expect(got).toHaveLength(2);
    expect(JSON.parse(got[1].body)).toMatchObject({ event: 'submission.committed', data: { submissionId: final.id } });
    expect(got[1].headers['x-ledger-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(got[1].body).digest('hex')}`);
    const dead = await eventually(async () => {
      const items = (await http.get('/v1/me/notification-deliveries?status=dead')).body.items;
      return items.length > 0 && items;
    }, 'the dead letter');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ targetId: never.body.id, attempts: 2, lastStatus: 503 });
    expect(receiver.at('/never')).toHaveLength(2);
    // Each event once in the inbox.
    expect((await http.get('/v1/me/notifications')).body.items.map((n: { type: string }) => n.type)).toEqual(['submission.committed']);
  });
});
