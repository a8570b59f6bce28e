import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, parseCanonicalJson } from './canonical-json.js';
import { MerkleFormatError } from './errors.js';

describe('canonicalJson: RFC 8785 examples', () => {
  it('serialises the section 3.2.2 example (numbers, escapes, literals)', () => {
    const input =
      '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n' +
      '  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n' +
      '  "literals": [null, true, false]\n}';
    expect(canonicalJson(JSON.parse(input))).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts the section 3.2.3 example by UTF-16 code units', () => {
    const input =
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
      ' "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
      ' "\\u00f6": "Latin Small Letter O With Diaeresis"}';
    expect(canonicalJson(JSON.parse(input))).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // UTF-16 order puts the emoji (surrogates 0xD83D 0xDE00) before U+FB33; code point order would not.
  });

  // Input/output pairs from the RFC 8785 reference test data (cyberphone/json-canonicalization, testdata/).
  const referenceCases: [string, string, string][] = [
    [
      'weird',
      '{"\\u20ac":"Euro Sign","1":"One","\\u0080":"Control\\u007f","\\ud83d\\ude02":"Smiley",' +
        '"\\u00f6":"Latin Small Letter O With Diaeresis","\\ufb33":"Hebrew Letter Dalet With Dagesh",' +
        '"</script>":"Browser Challenge"}',
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      'structures',
      '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ],
    [
      'french',
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    ['unicode', '{"Unnormalized Unicode":"\\u1e0d\\u0307"}', '{"Unnormalized Unicode":"\u1e0d\u0307"}'],
    [
      'values',
      '{"numbers":[1E30,4.50,333333333.33333329,2e-3,0.000000000000000000000000001],' +
        '"escaping":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
      '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
    ],
  ];
  for (const [name, input, expected] of referenceCases) {
    it(`matches the reference output for ${name}.json`, () => {
      expect(canonicalJson(JSON.parse(input))).toBe(expected);
    });
  }

  it('writes ECMAScript numbers', () => {
    expect(canonicalJson([0, -0, 1, -1, 10, 1e21, 1e-7, 123456789012345680000, 0.1, 2 ** 53])).toBe(
      '[0,0,1,-1,10,1e+21,1e-7,123456789012345680000,0.1,9007199254740992]',
    );
  });

  it('escapes every control character and nothing else', () => {
    const controls = String.fromCharCode(...Array.from({ length: 0x20 }, (_, i) => i));
    expect(canonicalJson(controls)).toBe(
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
        '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    );
    expect(canonicalJson('/ <\u007f é \u2028')).toBe('"/ <\u007f é \u2028"');
  });
});

describe('canonicalJson: rejects what is not I-JSON', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['undefined member', { a: undefined }],
    ['bigint', 1n],
    ['function', () => 1],
    ['Date', new Date(0)],
    ['Buffer', Buffer.from('x')],
    ['lone high surrogate', '\ud800x'],
    ['lone low surrogate', 'x\udc00'],
    ['lone surrogate in a key', { '\ud800': 1 }],
  ])('%s', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(MerkleFormatError);
  });

  it('names the path of the offending value', () => {
    expect(() => canonicalJson({ lines: [{ net: Number.NaN }] })).toThrow(/\$\.lines\[0\]\.net/);
  });

  it('rejects cycles but accepts shared (acyclic) references', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = 'x';
    expect(canonicalJson(bare)).toBe('{"a":"x","b":1}');
  });
});

describe('canonicalJson properties', () => {
  const json = fc.jsonValue({ maxDepth: 3 });

  it('is JSON that parses back to an equal value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('is a fixed point and independent of member order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json, { maxKeys: 8 }), (record) => {
        const once = canonicalJson(record);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(once);
        expect(parseCanonicalJson(once)).toEqual(JSON.parse(once));
      }),
      { numRuns: 200 },
    );
  });

  it('escapes strings exactly as ECMAScript JSON.stringify does for well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(canonicalJson(text)).toBe(JSON.stringify(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseCanonicalJson', () => {
  it('accepts canonical text and rejects anything else', () => {
    expect(parseCanonicalJson('{"a":1,"b":[true,null]}')).toEqual({ a: 1, b: [true, null] });
    expect(() => parseCanonicalJson('{"b":1,"a":2}')).toThrow(/canonical/);
    expect(() => parseCanonicalJson('{"a": 1}')).toThrow(/canonical/);
    expect(() => parseCanonicalJson('{"a":1,"a":2}')).toThrow(/canonical/);
    expect(() => parseCanonicalJson('{"a":1.0}')).toThrow(/canonical/);
    expect(() => parseCanonicalJson('{')).toThrow(/not valid JSON/);
  });
});
