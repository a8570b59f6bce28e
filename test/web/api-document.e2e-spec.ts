import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { offlineApiDocument } from '../../apps/api/src/openapi/document.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/**
 * The dashboard's types are generated from the OpenAPI document built offline (no
 * database: `npm run generate:api`, docs/api-types.md). This proves that document is the
 * one a running server serves at /docs-json, so the generated types describe what the
 * server answers. (It replaces the drift gate that compared hand-written web types.)
 */
describe('the offline OpenAPI document is the served one', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => t?.close());

  it('equals what GET /docs-json serves', async () => {
    const served = (await (await fetch(`${t.baseUrl}/docs-json`)).json()) as Record<string, unknown>;
    const offline = JSON.parse(JSON.stringify(await offlineApiDocument())) as Record<string, unknown>;
    expect(offline).toEqual(served);
    expect(Object.keys(offline.paths as object).length).toBeGreaterThan(70);
  });
});
