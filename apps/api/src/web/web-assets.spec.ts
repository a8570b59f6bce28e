import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { isClientRoute, locateWebBuild, repositoryRoot } from './web-assets.js';

describe('web assets', () => {
  it('finds the repository root from the sources and from a nested build folder', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'web-root-'));
    writeFileSync(path.join(root, 'package.json'), '{}');
    const nested = path.join(root, 'dist', 'apps', 'api', 'src', 'web');
    mkdirSync(nested, { recursive: true });
    expect(repositoryRoot(nested)).toBe(root);
    expect(locateWebBuild(root)).toBeNull();
    mkdirSync(path.join(root, 'dist', 'web'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'web', 'index.html'), '<!doctype html>');
    expect(locateWebBuild(root)).toBe(path.join(root, 'dist', 'web'));
    expect(existsSync(path.join(repositoryRoot(), 'package.json'))).toBe(true);
  });

  it('serves client routes the index, never API paths or missing files', () => {
    for (const p of ['/', '/sign-in', '/society/submissions', '/rights-holders/3f1c2a4e-0000-4000-8000-000000000000', '/regulator?x=1']) {
      expect([p, isClientRoute(p)]).toEqual([p, true]);
    }
    for (const p of ['/v1', '/v1/nope', '/docs', '/docs-json', '/docs/static/x.js', '/health', '/assets/gone-abc123.js', '/favicon.ico', '/robots.txt']) {
      expect([p, isClientRoute(p)]).toEqual([p, false]);
    }
  });
});
