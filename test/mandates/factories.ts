import type { Http } from '../support/http.js';

/** A valid mandate body: overrides change any field. */
export function mandateBody(societyId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { societyId, category: 'performing', workType: 'musical', territories: ['FR'], validFrom: '2024-01-01', basis: 'contractual', exclusive: true, ...overrides };
}

/** Creates a mandate through the API (as `http`'s credential: the holder or an admin); returns it. */
export async function givenMandate(http: Http, rightsHolderId: string, societyId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string } & Record<string, any>> {
  const res = await http.post(`/v1/rights-holders/${rightsHolderId}/mandates`, mandateBody(societyId, overrides));
  if (res.status !== 201) throw new Error(`givenMandate: expected 201, got ${res.status}: ${res.text}`);
  return res.body;
}

/** PUT through the test client (it has get and post helpers only). */
export function put(http: Http, path: string, body: unknown) {
  return http.request('PUT', path, body);
}
