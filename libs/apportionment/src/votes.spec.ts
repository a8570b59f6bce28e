import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ApportionmentInputError } from './errors.js';
import { VOTE_SCALE, parseThreshold, parseVotes, readVotes } from './votes.js';

describe('parseVotes', () => {
  it.each([
    ['0', 0n],
    ['1', VOTE_SCALE],
    ['1234.56', 123456000000n],
    ['0.00000001', 1n],
    ['007.5', 750000000n],
    ['999999999999999999.99999999', 99999999999999999999999999n],
  ])('reads %j exactly', (text, scaled) => {
    expect(parseVotes(text)).toBe(scaled);
  });

  it('reads whole numbers and bigints', () => {
    expect(parseVotes(42)).toBe(42n * VOTE_SCALE);
    expect(parseVotes(42n)).toBe(42n * VOTE_SCALE);
    expect(parseVotes(Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER) * VOTE_SCALE);
  });

  it.each([
    ['-1', 'must not be negative'],
    ['-0', 'must not be negative'],
    ['', 'is not a plain decimal'],
    [' 1', 'is not a plain decimal'],
    ['1,5', 'is not a plain decimal'],
    ['1.', 'is not a plain decimal'],
    ['.5', 'is not a plain decimal'],
    ['+1', 'is not a plain decimal'],
    ['Infinity', 'is not a plain decimal'],
    ['0x10', 'is not a plain decimal'],
    ['1000000000000000000', 'more than 18 integer digits'],
    ['1.000000001', 'more than 8 fraction digits'],
  ])('rejects %j (%s)', (text, problem) => {
    const reading = readVotes(text);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.problem).toContain(problem);
    expect(() => parseVotes(text)).toThrow(ApportionmentInputError);
  });

  it.each([
    [Number.NaN, 'not a finite number'],
    [Number.POSITIVE_INFINITY, 'not a finite number'],
    [-3, 'must not be negative'],
    [0.1, 'decimal string'],
    [2 ** 60, 'decimal string'],
    [-1n, 'must not be negative'],
    [10n ** 18n, 'more than 18 integer digits'],
  ])('rejects %p', (value, problem) => {
    const reading = readVotes(value);
    expect(!reading.ok && reading.problem).toContain(problem);
  });

  it('rejects values of other types', () => {
    for (const value of [null, undefined, {}, [], true]) expect(readVotes(value).ok).toBe(false);
  });

  it('round-trips any decimal of up to 18 + 8 digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 26n - 1n }), (scaled) => {
        const digits = scaled.toString().padStart(9, '0');
        const text = `${digits.slice(0, -8)}.${digits.slice(-8)}`;
        expect(parseVotes(text)).toBe(scaled);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseThreshold', () => {
  it('reads percentages as 10^-8 points', () => {
    expect(parseThreshold('5')).toBe(5n * VOTE_SCALE);
    expect(parseThreshold(2.5)).toBe(250000000n);
    expect(parseThreshold('0')).toBe(0n);
    expect(parseThreshold(100)).toBe(100n * VOTE_SCALE);
    expect(parseThreshold(1e-8)).toBe(1n);
  });

  it.each([['100.00000001'], [-1], ['abc'], [Number.NaN], [1e-9], [true]])('rejects %p', (value) => {
    expect(() => parseThreshold(value)).toThrow(ApportionmentInputError);
  });
});
