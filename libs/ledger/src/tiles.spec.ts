import { describe, expect, it } from '@jest/globals';
import { entryBundle, formatTileIndex, parseEntryBundle, parseTilePath, partialWidth, tileExists, tilePath } from './tiles.js';

describe('tlog-tiles paths', () => {
  it("encodes N in x-prefixed 3-digit groups (the spec's 1234067 → x001/x234/067)", () => {
    expect(formatTileIndex(1234067)).toBe('x001/x234/067');
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(273)).toBe('273');
    expect(formatTileIndex(1000)).toBe('x001/000');
    expect(tilePath(1, 1, 17)).toBe('tile/1/001.p/17');
    expect(tilePath('entries', 1234067)).toBe('tile/entries/x001/x234/067');
  });

  it('parses canonical paths only', () => {
    expect(parseTilePath('0/x001/x234/067')).toEqual({ level: 0, index: 1234067 });
    expect(parseTilePath('entries/273.p/112')).toEqual({ level: 'entries', index: 273, width: 112 });
    for (const bad of ['0/1', '00/000', '0/x000/001', '0/000.p/0', '0/000.p/256', '0/000.p/012', '64/000', '0/001/002', 'x/000', '0/000/']) {
      expect(parseTilePath(bad)).toBeUndefined();
    }
  });

  it("has the spec example's partial widths for a tree of 70,000", () => {
    expect([0, 1, 2].map((l) => partialWidth(70_000, l))).toEqual([112, 17, 1]);
    expect(tileExists(70_000, { level: 0, index: 272 })).toBe(true);
    expect(tileExists(70_000, { level: 0, index: 273 })).toBe(false);
    expect(tileExists(70_000, { level: 0, index: 273, width: 112 })).toBe(true);
    expect(tileExists(70_000, { level: 0, index: 273, width: 113 })).toBe(false);
    expect(tileExists(256, { level: 1, index: 0, width: 1 })).toBe(true);
  });

  it('length-prefixes entries with a big-endian uint16', () => {
    const bundle = entryBundle([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 7)]);
    expect(bundle.subarray(0, 4)).toEqual(Buffer.from([0, 2, 0x61, 0x62]));
    expect(parseEntryBundle(bundle).map((e) => e.length)).toEqual([2, 0, 300]);
  });
});
