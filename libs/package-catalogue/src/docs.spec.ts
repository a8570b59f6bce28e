import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { CATALOGUE, PACKAGE_TYPES, PACKAGES, RESERVED_COLUMNS, templateNdjson } from './catalogue.js';
import type { PackageTypeDefinition } from './definition.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('docs/packages', () => {
  it.each(PACKAGE_TYPES)('documents every column of %s', (type) => {
    const p: PackageTypeDefinition = PACKAGES[type];
    expect(p.docs).toBe(`docs/packages/${type}.md`);
    const page = readFileSync(path.join(ROOT, p.docs), 'utf8');
    for (const column of p.columns) expect(page).toContain(`| \`${column.name}\` |`);
    for (const rule of p.rules) expect(page).toContain(rule.message);
    // A type sent only in a format of its own (an input format) has no CSV or JSON Lines template.
    if (!p.input || p.input.alsoLedgerFormats) {
      expect(page).toContain(templateNdjson(type));
      expect(page).toContain('(json-lines.md)');
    }
  });
});

describe('the catalogue', () => {
  it('names each type, table and input format once', () => {
    const all: readonly PackageTypeDefinition[] = CATALOGUE;
    for (const key of ['type', 'table'] as const) expect(new Set(all.map((d) => d[key])).size).toBe(all.length);
    const formats = all.flatMap((d) => (d.input ? [d.input.name] : []));
    expect(new Set(formats).size).toBe(formats.length);
    for (const f of formats) expect(f).toMatch(/^[a-z0-9-]+$/);
    expect(formats).not.toContain('csv');
    expect(formats).not.toContain('ndjson');
  });

  it('names the columns of a type once each, none reserved', () => {
    for (const d of CATALOGUE as readonly PackageTypeDefinition[]) {
      const names = d.columns.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      for (const n of names) expect(RESERVED_COLUMNS).not.toContain(n);
      for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('requires every quarter only types the transparency report reads', () => {
    for (const d of CATALOGUE as readonly PackageTypeDefinition[]) if (d.transparencyRequired) expect(d.transparency).toBe(true);
  });

  it('declares holder, search and filter columns the lines table has: package or computed columns, filters and holder computed', () => {
    for (const d of CATALOGUE as readonly PackageTypeDefinition[]) {
      const computed = Object.keys(d.computed?.columns ?? {});
      const all = [...d.columns.map((c) => c.name), ...computed];
      if (d.holderColumn) expect(computed).toContain(d.holderColumn);
      if (d.holderColumn) expect(d.idColumn).toBeDefined();
      for (const c of d.lines?.search ?? []) expect(all).toContain(c);
      for (const f of d.lines?.filters ?? []) {
        expect(computed).toContain(f.column);
        expect(f.values.length).toBeGreaterThan(0);
      }
      for (const name of Object.keys(d.lines?.properties ?? {})) expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
  });

  it('gives each example row every column', () => {
    for (const d of CATALOGUE as readonly PackageTypeDefinition[]) for (const row of d.examples) expect(row).toHaveLength(d.columns.length);
  });
});
