import { makeIpi } from '../../libs/identifiers/src/index.js';
import type { Http } from './http.js';

let seq = 0;
const next = () => ++seq;

export interface GivenSociety {
  id: string;
  name: string;
  cisacCode: string;
  currency: string;
  fyEndMonth: number;
  fyEndDay: number;
}

function expectStatus(res: { status: number; text: string }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}: ${res.text}`);
}

/** Registers a society through the API (admin). */
export async function givenSociety(admin: Http, overrides: Partial<GivenSociety & { country: string }> = {}): Promise<GivenSociety> {
  const n = next();
  const body = {
    name: `Test Society ${n}`,
    cisacCode: String((process.pid * 7 + n * 13) % 1000).padStart(3, '0'),
    country: 'FR',
    currency: 'EUR',
    fyEndMonth: 12,
    fyEndDay: 31,
    ...overrides,
  };
  const res = await admin.post('/v1/societies', body);
  expectStatus(res, 201, 'givenSociety');
  return res.body;
}

/** Registers a rights holder with a fresh valid IPI (admin). */
export async function givenRightsHolder(admin: Http, overrides: Record<string, unknown> = {}): Promise<{ id: string; ipi: string; name: string }> {
  const n = next();
  const body = { name: `Holder ${n}`, ipi: makeIpi(String(100_000_000 + ((process.pid * 1000 + n) % 800_000_000)).padStart(9, '0')), kind: 'composer', country: 'FR', ...overrides };
  const res = await admin.post('/v1/rights-holders', body);
  expectStatus(res, 201, 'givenRightsHolder');
  return res.body;
}

/** Issues a token (admin) and returns it. */
export async function tokenFor(admin: Http, role: string, tenant: { societyId?: string; rightsHolderId?: string } = {}): Promise<string> {
  const res = await admin.post('/v1/tokens', { role, label: `test ${role} ${next()}`, ...tenant });
  expectStatus(res, 201, 'tokenFor');
  return res.body.token;
}

/**
 * Two societies and two rights holders with a token each, plus admin and regulator
 * tokens: the cast every cross-tenant test needs.
 */
export async function givenTenants(admin: Http) {
  const societyA = await givenSociety(admin);
  const societyB = await givenSociety(admin);
  const holderA = await givenRightsHolder(admin);
  const holderB = await givenRightsHolder(admin);
  return {
    societyA,
    societyB,
    holderA,
    holderB,
    tokens: {
      admin: admin.token!,
      regulator: await tokenFor(admin, 'regulator'),
      societyA: await tokenFor(admin, 'society', { societyId: societyA.id }),
      societyB: await tokenFor(admin, 'society', { societyId: societyB.id }),
      holderA: await tokenFor(admin, 'rights-holder', { rightsHolderId: holderA.id }),
      holderB: await tokenFor(admin, 'rights-holder', { rightsHolderId: holderB.id }),
    },
  };
}
