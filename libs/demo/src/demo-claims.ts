/**
 * The demo's claims to unclaimed money (issue 17): rights holder 2 (a demo token; the
 * second holder by IPI, "Volkov, Ivan") claims four unidentified lines, three of them
 * written in his name another way, and the societies answer — one claim in each status:
 *  - RAO-like 2024Q2: accepted three weeks later, then paid by line RAO-2025Q1-C001 of the
 *    2025Q1 package (the held net paid on from the undistributed money, no second fee);
 *  - RAO-like 2025Q1: accepted, payment to follow;
 *  - VOIS-like 2024Q4: refused with the society's reason;
 *  - RAO-like 2025Q3: claimed on 2025-10-20 and never answered, which the audit of FY 2025
 *    finds (payout.claims-answered: more than 60 days).
 * Times are when each happened in the demo's story (recorded with them, not the clock).
 */
export interface DemoClaim {
  society: string;
  period: string;
  lineId: string;
  /** The name written on the unidentified line (demo-packages.ts writes it). */
  nameOnLine: string;
  note: string | null;
  claimedAt: string;
  answers: ({ kind: 'accept'; at: string } | { kind: 'refuse'; at: string; reason: string } | { kind: 'pay'; at: string; period: string; lineId: string })[];
}

/** The claimant: the index of rights holder 2 among the demo holders (by IPI). */
export const DEMO_CLAIMANT = 1;

/** The line of the RAO-like 2025Q1 package that pays the 2024Q2 claim. */
export const DEMO_CLAIM_PAYMENT = { society: 'rao', period: '2025Q1', lineId: 'RAO-2025Q1-C001', pays: { period: '2024Q2', lineId: 'RAO-2024Q2-U001' } };

export const DEMO_CLAIMS: DemoClaim[] = [
  {
    society: 'rao',
    period: '2024Q2',
    lineId: 'RAO-2024Q2-U001',
    nameOnLine: 'IVAN VOLKOV',
    note: 'Radio broadcasts of my song "Winter Road", April-June 2024',
    claimedAt: '2024-08-05T10:00:00Z',
    answers: [
      { kind: 'accept', at: '2024-08-26T09:30:00Z' },
      { kind: 'pay', at: '2025-03-31T12:00:00Z', period: DEMO_CLAIM_PAYMENT.period, lineId: DEMO_CLAIM_PAYMENT.lineId },
    ],
  },
  {
    society: 'rao',
    period: '2025Q1',
    lineId: 'RAO-2025Q1-U001',
    nameOnLine: 'Volkov Ivan',
    note: null,
    claimedAt: '2025-04-14T08:15:00Z',
    answers: [{ kind: 'accept', at: '2025-05-12T14:00:00Z' }],
  },
  {
    society: 'vois',
    period: '2024Q4',
    lineId: 'VOIS-2024Q4-U001',
    nameOnLine: 'VOLKOV, I.',
    note: 'Perhaps my session recordings of 2024',
    claimedAt: '2025-02-03T11:00:00Z',
    answers: [{ kind: 'refuse', at: '2025-02-24T16:00:00Z', reason: 'The cue sheet names the performer Igor Volkov, a member of ours; these performances are his, not yours.' }],
  },
  {
    society: 'rao',
    period: '2025Q3',
    lineId: 'RAO-2025Q3-U001',
    nameOnLine: 'Volkov, Ivan',
    note: null,
    claimedAt: '2025-10-20T09:00:00Z',
    answers: [],
  },
];
