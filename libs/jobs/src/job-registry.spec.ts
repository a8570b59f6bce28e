import { describe, expect, it } from '@jest/globals';
import { buildJobRegistry } from './job-registry.js';

const runner = { run: async () => undefined };

describe('buildJobRegistry', () => {
  it('maps each declared name to its handler', () => {
    const registry = buildJobRegistry(['a', 'b'], [
      { name: 'a', runner, className: 'A' },
      { name: 'b', runner, className: 'B' },
    ]);
    expect([...registry.keys()].sort()).toEqual(['a', 'b']);
  });

  it('refuses a missing, an unknown and a duplicate handler, naming each', () => {
    expect(() => buildJobRegistry(['a', 'b'], [{ name: 'a', runner, className: 'A' }])).toThrow(/"b" has no handler/);
    expect(() => buildJobRegistry(['a'], [{ name: 'a', runner, className: 'A' }, { name: 'z', runner, className: 'Z' }])).toThrow(/Z handles unknown job "z"/);
    expect(() => buildJobRegistry(['a'], [{ name: 'a', runner, className: 'A' }, { name: 'a', runner, className: 'A2' }])).toThrow(/two handlers/);
  });
});
