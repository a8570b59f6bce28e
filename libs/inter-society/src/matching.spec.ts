import { describe, expect, it } from '@jest/globals';
import { type TransferReport, isSideOf, matchTransfers, matrixOf } from './matching.js';

const A = { societyId: 'a', cisacCode: '001' };
const B = { societyId: 'b', cisacCode: '002' };
const out = (o: Partial<TransferReport>): TransferReport => ({
  ...A, direction: 'out', counterpartyCisac: '002', counterpartyId: 'b', transferId: 'T', currency: 'EUR', amount: '100', paidOn: '2025-02-01', fyOfCollection: 2024, ...o,
});
const inc = (o: Partial<TransferReport>): TransferReport => ({
  ...B, direction: 'in', counterpartyCisac: '001', counterpartyId: 'a', transferId: 'X', currency: 'EUR', amount: '100', paidOn: '2025-02-03', fyOfCollection: 2024, ...o,
});

describe('matchTransfers', () => {
  it('pairs by reference first, then by exact amount within the tolerance, then by date with another amount', () => {
    const items = matchTransfers(
      [out({ transferId: 'R', amount: '10' }), inc({ transferId: 'R', amount: '12', paidOn: '2025-06-01' }), out({ transferId: 'E' }), inc({ transferId: 'E2' }), out({ transferId: 'D', amount: '50', paidOn: '2025-03-01' }), inc({ transferId: 'D2', amount: '49.99', paidOn: '2025-03-05' })],
      { toleranceDays: 7 },
    );
    expect(items.map((i) => [i.status, i.matchedBy, i.outgoing?.transferId, i.incoming?.transferId, i.difference?.amount])).toEqual([
      ['amount-differs', 'reference', 'R', 'R', '2'],
      ['matched', 'amount-and-date', 'E', 'E2', '0'],
      ['amount-differs', 'date', 'D', 'D2', '-0.01'],
    ]);
  });

  it('leaves what has no counterpart unmatched, and names counterparties not on the ledger; never mixes currencies', () => {
    const items = matchTransfers([out({ transferId: 'O' }), inc({ transferId: 'I', currency: 'SEK' }), out({ transferId: 'F', counterpartyId: null, counterpartyCisac: '999' })], { toleranceDays: 30 });
    expect(items.map((i) => i.status).sort()).toEqual(['counterparty-not-on-ledger', 'unmatched-in', 'unmatched-out']);
    expect(items.every((i) => isSideOf(i, 'a'))).toBe(true);
    expect(items.filter((i) => isSideOf(i, 'b')).map((i) => i.status).sort()).toEqual(['unmatched-in', 'unmatched-out']);
  });

  it('leaves out a transfer reported only as due, unless the other side names it', () => {
    const items = matchTransfers([out({ transferId: 'DUE', paidOn: null }), out({ transferId: 'REF', paidOn: null }), inc({ transferId: 'REF', paidOn: null })], { toleranceDays: 5 });
    expect(items.map((i) => [i.status, i.outgoing?.transferId])).toEqual([['matched', 'REF']]);
  });

  it('is deterministic whatever the order of the reports, and the matrix sums each side', () => {
    const reports = [out({ transferId: 'P1' }), out({ transferId: 'P2' }), inc({ transferId: 'Q1' }), inc({ transferId: 'Q2', paidOn: '2025-02-02' })];
    const a = matchTransfers(reports, { toleranceDays: 5 });
    const b = matchTransfers([...reports].reverse(), { toleranceDays: 5 });
    expect(b).toEqual(a);
    expect(matrixOf(a)).toEqual([expect.objectContaining({ fromSocietyId: 'a', toSocietyId: 'b', reportedOut: '200', reportedIn: '200', difference: '0' })]);
  });
});
