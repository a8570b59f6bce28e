import { describe, expect, it } from '@jest/globals';
import { bindUuids } from './sql.js';

const A = '0b6f4a8e-1f0c-4a53-9f4e-2c1d3b4a5e6f';
const B = 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9';

describe('bindUuids', () => {
  it('puts each uuid in place of its placeholder, $10 not mistaken for $1', () => {
    expect(bindUuids('SELECT $1, $2 WHERE x = $1', [A, B])).toBe(`SELECT '${A}'::uuid, '${B}'::uuid WHERE x = '${A}'::uuid`);
    expect(() => bindUuids('SELECT $10', [A])).toThrow(/no value for \$10/);
  });

  it('refuses anything but a uuid, so no text reaches the statement', () => {
    expect(() => bindUuids('SELECT $1', ["x'; DROP TABLE t; --"])).toThrow(/not a uuid/);
    expect(() => bindUuids('SELECT $1', [A.toUpperCase()])).toThrow(/not a uuid/);
  });
});
