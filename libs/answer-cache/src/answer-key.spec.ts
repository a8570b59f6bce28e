import { describe, expect, it } from '@jest/globals';
import { type Question, questionKey, scopeOf } from './answer-key.js';
import { decodeEntry, encodeEntry } from './redis-answers.js';
import { LEDGER_WIDE } from './answers.repository.js';
import { LEDGER_WIDE as MIGRATION_LEDGER_WIDE } from '../../../migrations/1765100100100-CountAnswerInputChanges.js';

const question: Question = {
  build: 'b1',
  method: 'GET',
  path: '/v1/rights-holders/h1/statement',
  query: { year: '2025', currency: 'EUR' },
  scope: 'rights-holder:h1',
  days: ['2026-12-07', '2026-12-07'],
};

describe('answer keys', () => {
  it('gives every tenant a scope of its own, and one to the roles that see all', () => {
    const scopes = [
      scopeOf({ role: 'society', societyId: 's1' }),
      scopeOf({ role: 'society', societyId: 's2' }),
      scopeOf({ role: 'rights-holder', rightsHolderId: 'h1' }),
      scopeOf({ role: 'rights-holder', rightsHolderId: 'h2' }),
      scopeOf({ role: 'admin' }),
      scopeOf({ role: 'regulator' }),
      scopeOf(undefined),
    ];
    expect(new Set(scopes).size).toBe(scopes.length);
    // Two tokens of one tenant are one scope (the token id is no part of it).
    expect(scopeOf({ role: 'society', societyId: 's1', tokenId: 't1' } as never)).toBe(scopeOf({ role: 'society', societyId: 's1', tokenId: 't2' } as never));
  });

  it('keys a question by every part of it, whatever the order of its query parameters', () => {
    const key = questionKey(question);
    expect(key).toHaveLength(32);
    expect(questionKey({ ...question, query: { currency: 'EUR', year: '2025' } })).toEqual(key);
    for (const other of [
      { ...question, build: 'b2' },
      { ...question, method: 'HEAD' },
      { ...question, path: '/v1/rights-holders/h2/statement' },
      { ...question, query: { year: '2025', currency: 'RUB' } },
      { ...question, query: { year: '2025', currency: 'EUR', format: 'csv' } },
      { ...question, scope: 'rights-holder:h2' },
      { ...question, scope: 'society:s1' },
      { ...question, vary: { 'accept-language': 'ru' } },
      { ...question, days: ['2026-12-08', '2026-12-07'] },
      { ...question, salt: 'policy 2' },
    ]) {
      expect(questionKey(other).equals(key)).toBe(false);
    }
  });

  it('reads an answer back from its Redis value only under the fingerprint it was stored with', () => {
    const fingerprint = Buffer.alloc(32, 7);
    const answer = { headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="s.pdf"' }, body: Buffer.from([0, 1, 2, 255]) };
    const value = encodeEntry(fingerprint, answer);
    expect(decodeEntry(value, fingerprint)).toEqual(answer);
    expect(decodeEntry(value, Buffer.alloc(32, 8))).toBeNull();
    expect(decodeEntry(value.subarray(0, 40), fingerprint)).toBeNull();
    expect(decodeEntry(Buffer.from('not an entry'), fingerprint)).toBeNull();
  });

  it('counts whole-ledger changes under the id the migration\'s triggers write', () => {
    expect(LEDGER_WIDE).toBe(MIGRATION_LEDGER_WIDE);
  });
});
