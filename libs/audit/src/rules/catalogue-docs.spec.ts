import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { catalogueMarkdown } from './catalogue-docs.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe('docs/audit.md', () => {
  it('lists the rule catalogue as the code defines it (ids, sources, severities, parameters and defaults)', () => {
    const page = readFileSync(path.join(ROOT, 'docs', 'audit.md'), 'utf8');
    const block = /<!-- catalogue:start -->\n([\s\S]*?)\n<!-- catalogue:end -->/.exec(page);
    expect(block).not.toBeNull();
    expect(block![1]).toBe(catalogueMarkdown());
  });
});
