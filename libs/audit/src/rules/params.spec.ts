import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CATALOGUE } from './catalogue.js';
import { type ParamSpec, compareDecimal, defaultParams, explainOverrides, explainParam, resolveParams } from './params.js';

const months: ParamSpec = { name: 'months', kind: 'integer', unit: 'months', default: 9, min: 0, max: 36, description: '' };
const cap: ParamSpec = { name: 'cap', kind: 'decimal', unit: 'percent', default: null, min: '0', max: '100', nullable: true, description: '' };
const types: ParamSpec = { name: 'types', kind: 'list', default: ['a'], values: ['a', 'b'], description: '' };
const mode: ParamSpec = { name: 'mode', kind: 'choice', default: 'x', values: ['x', 'y'], description: '' };

describe('rule parameters', () => {
  it('checks each kind of value', () => {
    expect(explainParam(months, 6)).toBeNull();
    expect(explainParam(months, 6.5)).toMatch(/whole number of months/);
    expect(explainParam(months, 37)).toMatch(/from 0 to 36 months/);
    expect(explainParam(cap, '12.5')).toBeNull();
    expect(explainParam(cap, null)).toBeNull();
    expect(explainParam(cap, 12.5)).toMatch(/decimal string/);
    expect(explainParam(cap, '100.01')).toMatch(/from 0 to 100/);
    expect(explainParam(cap, '1e2')).toMatch(/decimal string/);
    expect(explainParam({ ...cap, nullable: false }, null)).toMatch(/must not be null/);
    expect(explainParam(types, ['b', 'a'])).toBeNull();
    expect(explainParam(types, [])).toMatch(/non-empty/);
    expect(explainParam(types, ['a', 'a'])).toMatch(/twice/);
    expect(explainParam(types, ['c'])).toMatch(/"c"/);
    expect(explainParam(mode, 'y')).toBeNull();
    expect(explainParam(mode, 'z')).toMatch(/one of: x, y/);
  });

  it('names every bad override by its field, unknown parameters included', () => {
    expect(explainOverrides([months, cap], { months: 40, cap: '5', speed: 1 })).toEqual([
      { field: 'params.months', message: expect.stringMatching(/from 0 to 36/) },
      { field: 'params.speed', message: expect.stringMatching(/not a parameter of this rule \(its parameters: months, cap\)/) },
    ]);
    expect(explainOverrides([months], [])).toEqual([{ field: 'params', message: expect.stringMatching(/object/) }]);
  });

  it('puts valid overrides over the defaults and refuses stored invalid ones', () => {
    expect(resolveParams('r', [months, cap], undefined)).toEqual({ months: 9, cap: null });
    expect(resolveParams('r', [months, cap], { cap: '20' })).toEqual({ months: 9, cap: '20' });
    expect(() => resolveParams('r', [months], { months: 'nine' })).toThrow(/rule r.*params\.months/);
  });

  it('gives every catalogue rule valid defaults', () => {
    for (const rule of CATALOGUE) {
      expect(explainOverrides(rule.params, defaultParams(rule.params))).toEqual([]);
      expect(rule.source).toMatch(/Art\./);
    }
  });

  it('compares decimal strings exactly', () => {
    const decimal = fc.tuple(fc.nat({ max: 10 ** 6 }), fc.nat({ max: 9999 })).map(([i, f]) => (f === 0 ? String(i) : `${i}.${String(f).padStart(4, '0').replace(/0+$/, '')}`));
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const scaled = (s: string) => BigInt(s.split('.')[0]!) * 10_000n + BigInt((s.split('.')[1] ?? '').padEnd(4, '0') || '0');
        const expected = scaled(a) === scaled(b) ? 0 : scaled(a) < scaled(b) ? -1 : 1;
        expect(compareDecimal(a, b)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
