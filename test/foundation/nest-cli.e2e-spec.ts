import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../support/process.js';

/**
 * nest-cli.json describes the monorepo as the design card says: every Nest entrypoint
 * under apps/ (the dashboard in apps/web is a Vite app, not a Nest project) and every
 * lib under libs/, each with an entry file that exists.
 */
describe('nest-cli.json', () => {
  const cli = JSON.parse(readFileSync(path.join(ROOT, 'nest-cli.json'), 'utf8')) as {
    monorepo: boolean;
    root: string;
    projects: Record<string, { type: string; root: string; sourceRoot: string; entryFile: string }>;
  };
  const folders = (dir: string) => readdirSync(path.join(ROOT, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

  it('lists every app but the dashboard and every lib, and nothing else', () => {
    expect(cli.monorepo).toBe(true);
    const apps = folders('apps').filter((a) => a !== 'web');
    const libs = folders('libs');
    expect(Object.keys(cli.projects).sort()).toEqual([...apps, ...libs].sort());
    for (const a of apps) expect(cli.projects[a]).toMatchObject({ type: 'application', root: `apps/${a}`, sourceRoot: `apps/${a}/src` });
    for (const l of libs) expect(cli.projects[l]).toMatchObject({ type: 'library', root: `libs/${l}`, sourceRoot: `libs/${l}/src`, entryFile: 'index' });
  });

  it('names entry files that exist', () => {
    for (const [name, p] of Object.entries(cli.projects)) {
      expect([name, existsSync(path.join(ROOT, p.sourceRoot, `${p.entryFile}.ts`))]).toEqual([name, true]);
    }
    expect(cli.projects[path.basename(cli.root)]?.type).toBe('application');
  });
});
