import type { Http } from '../support/http.js';

/** A valid mandate body: overrides change any field. */
export function mandateBody(societyId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { societyId, category: 'performing', workType: 'musical', territories: ['FR'], validFrom: '2024-01-01', basis: 'contractual', exclusive: true, ...overrides };
}

/**
 * Creates a mandate through the API as `http`'s credential and returns it in force. An
 * admin's or the society's mandate is active at once; a rights holder's is a request
 * (Art. 5(2)), so `acceptAs` (the society or an admin) accepts it from the day asked for.
 */
export async function givenMandate(
  http: Http,
  rightsHolderId: string,
  societyId: string,
  overrides: Record<string, unknown> = {},
  acceptAs?: Http,
): Promise<{ id: string } & Record<string, any>> {
  const body = mandateBody(societyId, overrides);
  const res = await http.post(`/v1/rights-holders/${rightsHolderId}/mandates`, body);
  if (res.status !== 201) throw new Error(`givenMandate: expected 201, got ${res.status}: ${res.text}`);
  if (res.body.status !== 'requested') return res.body;
  if (!acceptAs) throw new Error('givenMandate: a rights holder only requests a mandate; pass acceptAs (the society or an admin) to accept it');
  const accepted = await acceptAs.post(`/v1/mandates/${res.body.id}/acceptance`, { effectiveFrom: body.validFrom });
  if (accepted.status !== 201) throw new Error(`givenMandate: acceptance expected 201, got ${accepted.status}: ${accepted.text}`);
  return accepted.body;
}

/** PUT through the test client (it has get and post helpers only). */
export function put(http: Http, path: string, body: unknown) {
  return http.request('PUT', path, body);
}

/**
 * Moves a mandate request back in time, as time passing would: its first version recorded
 * (and due) as on `requestedOn` + `responseDays`. The append-only trigger is lifted for
 * the one statement (test databases only).
 */
export async function backdateRequest(db: { query: (text: string, params?: unknown[]) => Promise<unknown> }, mandateId: string, requestedOn: string, responseDays = 30): Promise<void> {
  await db.query(`ALTER TABLE mandate_versions DISABLE TRIGGER mandate_versions_append_only`);
  await db.query(`ALTER TABLE mandates DISABLE TRIGGER mandates_append_only`);
  try {
    await db.query(
      `UPDATE mandate_versions SET recorded_at = $2::date + time '12:00', change_detail = jsonb_set(change_detail, '{answerDueBy}', to_jsonb(to_char($2::date + $3::int, 'YYYY-MM-DD')))
       WHERE mandate_id = $1 AND version = 1`,
      [mandateId, requestedOn, responseDays],
    );
    await db.query(`UPDATE mandates SET created_at = $2::date + time '12:00' WHERE id = $1`, [mandateId, requestedOn]);
  } finally {
    await db.query(`ALTER TABLE mandates ENABLE TRIGGER mandates_append_only`);
    await db.query(`ALTER TABLE mandate_versions ENABLE TRIGGER mandate_versions_append_only`);
  }
}
