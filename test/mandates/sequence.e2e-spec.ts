import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type IdentifiedTerms,
  type MandateTerms,
  type NoticePolicy,
  countries,
  findConflicts,
  planTermination,
  territoryFields,
  worldExcept,
  type WithdrawalScope,
} from '../../libs/mandates/src/index.js';
import { SOME_CATEGORIES, SOME_WORK_TYPES, UNIVERSE_COUNTRIES, arbTerms, arbTerritorySet, day } from '../../libs/mandates/src/rules/test-support/arbitraries.js';
import { boundaryDays, cellKey, cellsOfOn, explainNoticeRuleBreach } from '../../libs/mandates/src/rules/test-support/brute-force.js';
import { givenRightsHolder, givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { put } from './factories.js';

/**
 * The API against the rules, end to end: random sequences of create / terminate /
 * withdraw go through HTTP and, side by side, through the pure rules. Afterwards the
 * stored mandates must equal the model's, no two exclusive mandates of the holder at two
 * societies may share a cell (brute force), every effective date must obey the notice
 * rule, and who-manages must agree with a brute-force look-up.
 */
const SOCIETY_RULES: { key: 's1' | 's2' | 's3'; fy: { month: number; day: number }; policy: NoticePolicy }[] = [
  { key: 's1', fy: { month: 12, day: 31 }, policy: { noticeMonths: 6, terminateAtFinancialYearEnd: true } },
  { key: 's2', fy: { month: 2, day: 29 }, policy: { noticeMonths: 2, terminateAtFinancialYearEnd: true } },
  { key: 's3', fy: { month: 6, day: 30 }, policy: { noticeMonths: 0, terminateAtFinancialYearEnd: false } },
];

/**
 * A termination's notice is dated in the past (every `day` of the arbitraries is): a
 * rights holder sending it back-dated is refused (400 naming requestedOn, nothing
 * recorded), so the notice is recorded by an admin as received that day, with evidence
 * (issue 14: notices count from receipt). `holderFirst`: the holder tries first.
 */
type Op = { kind: 'create'; terms: MandateTerms } | { kind: 'terminate'; pick: number; scope: WithdrawalScope; requestedOn: string; holderFirst: boolean };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: arbTerms.map((terms) => ({ kind: 'create' as const, terms })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('terminate' as const),
      pick: fc.nat(),
      scope: fc.oneof(fc.constant({} as WithdrawalScope), fc.record({ territories: arbTerritorySet }), fc.record({ categories: fc.subarray(SOME_CATEGORIES, { minLength: 1 }) })),
      requestedOn: fc.integer({ min: 0, max: 500 }).map(day),
      holderFirst: fc.boolean(),
    }),
  },
);

const arbQuery = fc.record({
  category: fc.constantFrom(...SOME_CATEGORIES),
  workType: fc.constantFrom(...SOME_WORK_TYPES),
  territory: fc.constantFrom(...UNIVERSE_COUNTRIES),
  at: fc.integer({ min: -1, max: 900 }).map(day),
});

interface ApiMandate {
  id: string;
  societyId: string;
  category: MandateTerms['category'];
  workType: MandateTerms['workType'];
  territories: string[];
  excludedTerritories: string[];
  validFrom: string;
  validTo: string | null;
  basis: MandateTerms['basis'];
  exclusive: boolean;
}

describe('mandates over HTTP follow the rules under any sequence of create, terminate and withdraw (property)', () => {
  let t: TestApp;
  let admin: Http;
  const societyIds: Record<string, string> = {};
  const keyOf: Record<string, string> = {};

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    for (const s of SOCIETY_RULES) {
      const society = await givenSociety(admin, { fyEndMonth: s.fy.month, fyEndDay: s.fy.day });
      expect((await put(admin, `/v1/societies/${society.id}/mandate-policy`, s.policy)).status).toBe(200);
      societyIds[s.key] = society.id;
      keyOf[society.id] = s.key;
    }
  });
  afterAll(async () => t?.close());

  const toTerms = (m: ApiMandate): IdentifiedTerms => ({
    mandateId: m.id,
    societyId: keyOf[m.societyId],
    category: m.category,
    workType: m.workType,
    territories: m.territories[0] === 'WORLD' ? worldExcept(m.excludedTerritories) : countries(m.territories),
    period: { from: m.validFrom, to: m.validTo },
    basis: m.basis,
    exclusive: m.exclusive,
  });
  const canonical = (terms: MandateTerms[]) => terms.map(({ societyId, category, workType, territories, period, basis, exclusive }) => JSON.stringify({ societyId, category, workType, territories, period, basis, exclusive })).sort();

  it('stores what the rules decide, never overlaps exclusive mandates, obeys the notice rule and answers who-manages like brute force', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbOp, { minLength: 1, maxLength: 10 }), fc.array(arbQuery, { minLength: 3, maxLength: 3 }), async (ops, queries) => {
        const holder = await givenRightsHolder(admin);
        const asHolder = admin.as(await tokenFor(admin, 'rights-holder', { rightsHolderId: holder.id }));
        const model: IdentifiedTerms[] = [];
        const ids: string[] = [];
        for (const op of ops) {
          if (op.kind === 'create') {
            const body = {
              societyId: societyIds[op.terms.societyId],
              category: op.terms.category,
              workType: op.terms.workType,
              ...territoryFields(op.terms.territories),
              validFrom: op.terms.period.from,
              ...(op.terms.period.to ? { validTo: op.terms.period.to } : {}),
              basis: op.terms.basis,
              exclusive: op.terms.exclusive,
            };
            const res = await admin.post(`/v1/rights-holders/${holder.id}/mandates`, body);
            const expectConflict = findConflicts(op.terms, model).length > 0;
            expect(res.status).toBe(expectConflict ? 409 : 201);
            if (res.status === 201) {
              model.push({ ...op.terms, mandateId: res.body.id });
              ids.push(res.body.id);
            }
          } else if (ids.length > 0) {
            const index = op.pick % ids.length;
            const target = model[index];
            const rules = SOCIETY_RULES.find((s) => s.key === target.societyId)!;
            const plan = planTermination(target, op.scope, op.requestedOn, rules.policy, rules.fy);
            const path = target.basis === 'contractual' ? 'termination' : 'opt-out';
            const scope = {
              ...(op.scope.categories ? { categories: op.scope.categories } : {}),
              ...(op.scope.territories ? territoryFields(op.scope.territories) : {}),
            };
            expect(op.requestedOn < new Date().toISOString().slice(0, 10)).toBe(true); // the app's clock runs on real time here
            if (op.holderFirst) {
              // The holder's own back-dated notice is refused, whatever the mandate (the final comparison shows nothing was recorded).
              const refused = await asHolder.post(`/v1/mandates/${ids[index]}/${path}`, { requestedOn: op.requestedOn, ...scope });
              expect(refused.status).toBe(400);
              expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['requestedOn']);
            }
            // An admin records the notice as received on that day, with its evidence.
            const evidence = `Notice received by registered letter on ${op.requestedOn}`;
            const res = await admin.post(`/v1/mandates/${ids[index]}/${path}`, { receivedOn: op.requestedOn, evidence, ...scope });
            if (plan.kind === 'refused') {
              expect(res.status).toBe(plan.reason === 'not-covered' ? 422 : 409);
              continue;
            }
            expect(res.status).toBe(201);
            expect(res.body).toMatchObject({ receivedOn: op.requestedOn, evidence });
            expect(res.body.effectiveOn).toBe(plan.effective.effectiveOn);
            expect(explainNoticeRuleBreach(res.body, rules.policy, rules.fy)).toBeNull();
            model[index] = { ...plan.ended, mandateId: ids[index] };
            if (plan.kind === 'partial') {
              expect(res.body.remainder).not.toBeNull();
              model.push({ ...plan.remainder, mandateId: res.body.remainder.id });
              ids.push(res.body.remainder.id);
            } else {
              expect(res.body.remainder).toBeNull();
            }
          }
        }
        const stored = (await admin.get(`/v1/rights-holders/${holder.id}/mandates?limit=500`)).body.items.map(toTerms);
        expect(canonical(stored)).toEqual(canonical(model));
        // Brute force: no cell held exclusively by two societies.
        const days = boundaryDays(stored.map((m: IdentifiedTerms) => m.period));
        const owner = new Map<string, string>();
        for (const m of stored.filter((x: IdentifiedTerms) => x.exclusive)) {
          for (const cell of cellsOfOn(m, days)) {
            expect([cell, owner.get(cell) ?? m.societyId]).toEqual([cell, m.societyId]);
            owner.set(cell, m.societyId);
          }
        }
        // who-manages over HTTP agrees with a brute-force look-up of the stored cells.
        for (const q of queries) {
          const res = await admin.get(`/v1/who-manages?rightsHolderId=${holder.id}&category=${q.category}&workType=${q.workType}&territory=${q.territory}&at=${q.at}`);
          expect(res.status).toBe(200);
          const cell = cellKey(q.category, q.workType, q.territory, q.at);
          const expected = stored.filter((m: IdentifiedTerms) => cellsOfOn(m, [q.at]).has(cell)).map((m: IdentifiedTerms) => m.mandateId).sort();
          expect(res.body.societies.map((s: { mandateId: string }) => s.mandateId).sort()).toEqual(expected);
        }
      }),
      { numRuns: 12 },
    );
  });
});
