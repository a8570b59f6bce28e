import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PACKAGE_TYPES, PACKAGES, templateNdjson } from './package-types.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('docs/packages', () => {
  it.each(PACKAGE_TYPES)('documents every column of %s', (type) => {
    const page = readFileSync(path.join(ROOT, 'docs', 'packages', `${type}.md`), 'utf8');
    for (const column of PACKAGES[type].columns) expect(page).toContain(`| \`${column.name}\` |`);
    for (const rule of PACKAGES[type].rules) expect(page).toContain(rule.message);
    expect(page).toContain(templateNdjson(type));
    expect(page).toContain('(json-lines.md)');
  });
});
