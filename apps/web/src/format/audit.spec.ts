import { describe, expect, it } from '@jest/globals';
import type { Finding, PinnedHead } from '../api/types';
import { treeHeadSigningInput } from '../verify/signed-head';
import { describeDelay, orderFindings, percent, pinnedAsSignedHead, witnessingText } from './audit';

describe('audit formatting', () => {
  it('describes a delay around the year end', () => {
    expect(describeDelay(45)).toBe('45 days after the year end');
    expect(describeDelay(-187)).toBe('187 days before the year end');
    expect(describeDelay(1)).toBe('1 day after the year end');
    expect(describeDelay(0)).toBe('on the year end');
    expect(describeDelay(null)).toBe('no payments');
    expect(percent('12.00')).toBe('12.00 %');
    expect(percent(null)).toBe('—');
  });

  it("says when a society's log is behind its witness quorum, in alarm, or cosigned", () => {
    const w = { configured: true, quorum: '2', treeSize: 12, witnessedSize: 10, behindQuorum: false, cosigners: ['a.example', 'b.example'], alarms: [] as string[] };
    expect(witnessingText({ ...w, configured: false, quorum: 'none', cosigners: [] })).toBe('no witnesses configured');
    expect(witnessingText(w)).toBe('head 12 cosigned by a.example, b.example');
    expect(witnessingText({ ...w, behindQuorum: true, cosigners: ['a.example'] })).toBe('behind its witness quorum (2): head 12, witnessed up to 10');
    expect(witnessingText({ ...w, behindQuorum: true, witnessedSize: null, cosigners: [] })).toBe('behind its witness quorum (2): head 12, never witnessed');
    expect(witnessingText({ ...w, alarms: ['c.example'] })).toBe('alarm: c.example refused a checkpoint as inconsistent');
    expect(witnessingText({ ...w, behindQuorum: true, alarms: ['c.example'] })).toBe('behind its witness quorum (2): head 12, witnessed up to 10; alarm: c.example refused a checkpoint as inconsistent');
    expect(witnessingText({ ...w, treeSize: 0, witnessedSize: null, cosigners: [] })).toBe('empty log');
  });

  it('lists failed findings first, most severe first', () => {
    const f = (rule: string, severity: Finding['severity'], passed: boolean) => ({ rule, severity, passed }) as Finding;
    expect(orderFindings([f('a', 'high', true), f('b', 'low', false), f('c', 'high', false), f('d', 'medium', false)]).map((x) => x.rule)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('turns a pinned head into the signed head that was signed, origin included only when there is one', () => {
    const pinned: PinnedHead = { societyId: 's', cisacCode: '901', treeSize: 2, rootHash: 'ab'.repeat(32), timestamp: '2026-01-01T00:00:00Z', origin: 'o', signature: 'c2ln', keyId: '0123456789abcdef' };
    expect(treeHeadSigningInput(pinnedAsSignedHead(pinned)!)).toBe(`{"origin":"o","rootHash":"${'ab'.repeat(32)}","timestamp":"2026-01-01T00:00:00Z","treeSize":2}`);
    expect(treeHeadSigningInput(pinnedAsSignedHead({ ...pinned, origin: null })!)).not.toContain('origin');
    expect(pinnedAsSignedHead({ ...pinned, treeSize: 0, rootHash: null, timestamp: null, signature: null, keyId: null })).toBeNull();
  });
});
