import { makeIswc } from '../../libs/identifiers/src/index.js';
import { commit, distribution } from '../ledger/support.js';
import { givenMandate } from '../mandates/factories.js';
import { givenSociety, givenTenants, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';

/** Rates to the euro: RUB changes on 2025-03-01; SEK has one rate. */
export const RATES_CSV = ['date,currency,rate_to_eur', '2024-10-01,RUB,0.0098', '2025-01-01,RUB,0.0100', '2025-03-01,RUB,0.0105', '2025-01-01,SEK,0.0900'].join('\n') + '\n';

export const WORK_OF_A = 'T-034.524.680-1';
export const WORK_OF_B = makeIswc('123456789');

/**
 * The statement world, built through the API:
 * - society A (2025Q1, RUB): holder A's L-1 (paid 2025-03-30) and L-2 (unpaid, use to
 *   2025-02-28, non-contractual), holder B's L-3, and three unidentified lines: U-1 in
 *   holder A's name written differently, U-2 on holder A's work, U-3 nobody's;
 *   (2024Q4): holder A's L-9;
 * - society B (2025Q1, SEK): holder A's L-1 (paid 2025-03-15);
 * - society C: no lines, only holder A's mandate; holder A also has a mandate at A;
 * - the rate table above, uploaded by the regulator.
 */
export async function givenStatementWorld(t: TestApp) {
  const admin = new Http(t.baseUrl, t.adminToken);
  const cast = await givenTenants(admin);
  const societyC = await givenSociety(admin);
  const tokens = { ...cast.tokens, societyC: await tokenFor(admin, 'society', { societyId: societyC.id }) };
  const as = (token: string) => admin.as(token);
  const { holderA, holderB } = cast;
  const [first, second] = holderA.name.split(' ');
  const aVariant = `${second}, ${first.toUpperCase()}`;

  const a2025 = await commit(as(tokens.societyA), cast.societyA.id, 'distribution-lines', '2025Q1', [
    distribution({ line_id: 'L-1', rights_holder_ipi: holderA.ipi, rights_holder_name: holderA.name, work_iswc: WORK_OF_A, currency: 'RUB', gross: '1000.00', management_fee: '150.00', other_deductions: '20.00', net: '830.00', paid_on: '2025-03-30' }),
    distribution({ line_id: 'L-2', rights_holder_ipi: holderA.ipi, rights_holder_name: holderA.name, work_iswc: WORK_OF_A, use_type: 'tv', use_to: '2025-02-28', currency: 'RUB', gross: '333.33', management_fee: '50.00', other_deductions: '0.00', net: '283.33', status: 'unpaid', paid_on: '', mandate_basis: 'non-contractual' }),
    distribution({ line_id: 'L-3', rights_holder_ipi: holderB.ipi, rights_holder_name: holderB.name, work_iswc: WORK_OF_B, currency: 'RUB', gross: '999.00', management_fee: '99.00', other_deductions: '0.00', net: '900.00', paid_on: '2025-03-30' }),
    distribution({ line_id: 'U-1', rights_holder_ipi: '', rights_holder_name: aVariant, work_iswc: '', work_title: 'Untitled', currency: 'RUB', gross: '70.00', management_fee: '7.00', other_deductions: '0.00', net: '63.00', status: 'unidentified', paid_on: '' }),
    distribution({ line_id: 'U-2', rights_holder_ipi: '', rights_holder_name: 'Unknown (cue sheet 4)', work_iswc: WORK_OF_A, currency: 'RUB', gross: '40.00', management_fee: '4.00', other_deductions: '0.00', net: '36.00', status: 'unidentified', paid_on: '' }),
    distribution({ line_id: 'U-3', rights_holder_ipi: '', rights_holder_name: 'Somebody Else', work_iswc: '', currency: 'RUB', gross: '10.00', management_fee: '1.00', other_deductions: '0.00', net: '9.00', status: 'unidentified', paid_on: '' }),
  ]);
  const a2024 = await commit(as(tokens.societyA), cast.societyA.id, 'distribution-lines', '2024Q4', [
    distribution({ line_id: 'L-9', rights_holder_ipi: holderA.ipi, rights_holder_name: holderA.name, work_iswc: WORK_OF_A, use_from: '2024-10-01', use_to: '2024-12-31', currency: 'RUB', gross: '500.00', management_fee: '50.00', other_deductions: '0.00', net: '450.00', paid_on: '2024-12-20' }),
  ]);
  const b2025 = await commit(as(tokens.societyB), cast.societyB.id, 'distribution-lines', '2025Q1', [
    distribution({ line_id: 'L-1', rights_holder_ipi: holderA.ipi, rights_holder_name: holderA.name, work_iswc: WORK_OF_A, use_type: 'online', currency: 'SEK', gross: '100.00', management_fee: '10.00', other_deductions: '0.00', net: '90.00', paid_on: '2025-03-15' }),
  ]);
  // The holder asks; each society accepts (issue 14: a holder's mandate is a request until then).
  await givenMandate(as(tokens.holderA), holderA.id, cast.societyA.id, { territories: ['RU'], validFrom: '2019-01-01' }, as(tokens.societyA));
  await givenMandate(as(tokens.holderA), holderA.id, societyC.id, { category: 'mechanical', territories: ['WORLD'], validFrom: '2024-06-01', exclusive: false }, as(tokens.societyC));
  const rates = await as(tokens.regulator).post('/v1/exchange-rates', RATES_CSV, { 'content-type': 'text/csv' });
  if (rates.status !== 201) throw new Error(`rates: ${rates.status} ${rates.text}`);
  return { ...cast, societyC, tokens, aVariant, submissions: { a2025, a2024, b2025 } };
}

export type StatementWorld = Awaited<ReturnType<typeof givenStatementWorld>>;
