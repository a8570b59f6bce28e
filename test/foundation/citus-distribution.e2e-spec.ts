import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  citusDistributionSql,
  COORDINATOR_TABLES,
  type DistributionCatalog,
  distributionProblems,
  readDistributionCatalog,
  REFERENCE_TABLES,
} from '../../libs/database/src/index.js';
import { commit, distribution } from '../ledger/support.js';
import { givenSociety, tokenFor } from '../support/factories.js';
import { Http } from '../support/http.js';
import { ROOT } from '../support/process.js';
import { bootTestApp, createTestDatabase, type TestDatabase } from '../support/test-app.js';

/**
 * Citus, checked (issue 19 item 5): the catalog after every migration, and again after a
 * commit has made the line partitions the ingest creates at run time, holds nothing
 * Citus could not distribute by society_id (libs/database/src/distribution.ts says what
 * is checked, and names the reference tables with their reasons); docs/scale.md names
 * the same reference tables.
 */
describe('Citus: the schema distributes by society_id', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  const catalog = () => readDistributionCatalog({ query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows });

  function roots(c: DistributionCatalog): string[] {
    return c.tables.map((t) => t.name).sort();
  }

  it('after the migrations: every table distributed by society_id, or named a reference or coordinator table, with nothing Citus refuses', async () => {
    const c = await catalog();
    expect(roots(c)).toEqual(expect.arrayContaining(['submissions', 'distribution_lines', 'tree_heads', ...Object.keys(REFERENCE_TABLES), ...Object.keys(COORDINATOR_TABLES)]));
    expect(distributionProblems(c)).toEqual([]);
    // The plan covers every table once, coordinator tables aside.
    const plan = citusDistributionSql(c);
    const planned = plan.map((s) => /'([a-z_]+)'/.exec(s)![1]).sort();
    expect(planned).toEqual(roots(c).filter((t) => !Object.hasOwn(COORDINATOR_TABLES, t)));
    process.stdout.write(`[citus] ${plan.length} tables: ${Object.keys(REFERENCE_TABLES).length} reference, ${plan.length - Object.keys(REFERENCE_TABLES).length} distributed by society_id\n`);
  });

  it('after a commit: the line partitions made at run time keep society_id first, and the only extra partition level is the named one', async () => {
    const t = await bootTestApp({ database });
    try {
      const admin = new Http(t.baseUrl, t.adminToken);
      const society = await givenSociety(admin);
      const http = admin.as(await tokenFor(admin, 'society', { societyId: society.id }));
      await commit(http, society.id, 'distribution-lines', '2025Q1', [distribution(), distribution({ line_id: 'L-2', rights_holder_ipi: '', rights_holder_name: 'Unknown', status: 'unidentified', paid_on: '' })]);
    } finally {
      await t.close();
    }
    const c = await catalog();
    expect(c.indexes.some((i) => i.name.startsWith('distribution_lines_p'))).toBe(true); // the submission's partition is read
    expect(distributionProblems(c)).toEqual([]);
    // Without the named exception, the check sees the society → submission levels.
    expect(distributionProblems(c, {})).toEqual(['distribution_lines is partitioned in 2 levels: Citus distributes one level of partitions (citusdata/citus#4911)']);
  });

  it('docs/scale.md names the same reference tables as the code', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/scale.md'), 'utf8');
    const section = /^## Reference tables\n([\s\S]*?)^## /m.exec(doc)?.[1] ?? '';
    const named = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(named).toEqual(Object.keys(REFERENCE_TABLES).sort());
  });
});
