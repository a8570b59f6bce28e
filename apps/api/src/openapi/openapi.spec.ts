import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import ts from 'typescript';
import { declareProblemResponses, offlineApiDocument } from './document.js';
import { GENERATED_FILE, generateApiTypes, readGenerated } from './generate.js';
import { OPERATION_IDS } from './operation-ids.js';

/**
 * The OpenAPI document is the one source of the API's shapes (docs/api-types.md): every
 * operation is named well and declares what it answers, and the dashboard's generated
 * types are what the generator makes of the document now. Built offline: no database.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** A verb, then what it acts on, in camelCase: listSubmissions, getStatement, markNotificationRead. */
const READABLE = /^(get|list|create|set|rename|revoke|accept|refuse|terminate|optOut|calculate|verify|upload|record|mark|retry|delete|search)([A-Z][A-Za-z0-9]*)?$/;
const PROBLEM = '#/components/schemas/ProblemDto';

interface Operation {
  operationId?: string;
  parameters?: { in?: string; name?: string }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  'x-roles'?: string[];
}

function* operations(doc: OpenAPIObject): Generator<{ where: string; op: Operation }> {
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (op) yield { where: `${method.toUpperCase()} ${route}`, op };
    }
  }
}

/** What an operation fails to declare: a readable unique id, a success answer with its schema, its error answers. */
export function undeclared(doc: OpenAPIObject): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { where, op } of operations(doc)) {
    const id = op.operationId;
    if (!id) problems.push(`${where}: no operationId`);
    else if (!READABLE.test(id)) problems.push(`${where}: operationId ${id} does not read as a verb and what it acts on (add it to apps/api/src/openapi/operation-ids.ts)`);
    else if (seen.has(id)) problems.push(`${where}: operationId ${id} is also ${seen.get(id)}'s`);
    if (id) seen.set(id, where);

    const successes = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    if (successes.length === 0) problems.push(`${where}: no success response declared`);
    for (const [status, response] of successes) {
      if (status === '204') continue;
      const media = Object.entries(response.content ?? {});
      if (media.length === 0) problems.push(`${where}: ${status} declares no content`);
      for (const [type, content] of media) if (!content.schema) problems.push(`${where}: ${status} ${type} has no schema`);
    }

    const expected = new Set<string>();
    if (op['x-roles']) ['401', '403'].forEach((s) => expected.add(s));
    if ((op.parameters ?? []).some((p) => p.in === 'path')) expected.add('404');
    if ((op.parameters ?? []).length > 0 || op.requestBody) expected.add('400');
    for (const status of expected) {
      const schema = op.responses?.[status]?.content?.['application/problem+json']?.schema as { $ref?: string } | undefined;
      if (schema?.$ref !== PROBLEM) problems.push(`${where}: ${status} is not declared as a problem document`);
    }
  }
  return problems;
}

/** The classes of apps/api/src documented with @ApiProperty (the document's schemas), by name, with their files. */
function apiDtoClasses(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const source = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
        for (const statement of source.statements) {
          if (!ts.isClassDeclaration(statement) || !statement.name) continue;
          const decorated = statement.members.some((m) => (ts.canHaveDecorators(m) ? (ts.getDecorators(m) ?? []) : []).some((d) => /^Api(Property|PropertyOptional|HideProperty)\b/.test(d.expression.getText(source))));
          if (decorated) found.set(statement.name.text, [...(found.get(statement.name.text) ?? []), path.relative(dir, full)]);
        }
      }
    }
  };
  walk(dir);
  return found;
}

describe('the OpenAPI document (built offline)', () => {
  let doc: OpenAPIObject;

  beforeAll(async () => {
    doc = await offlineApiDocument();
  });

  it('names every operation well, once, and declares its success and error answers', () => {
    expect(undeclared(doc)).toEqual([]);
    expect([...operations(doc)].length).toBeGreaterThan(90);
  });

  it('uses every name of operation-ids.ts (none left for a route that is gone)', () => {
    const ids = new Set([...operations(doc)].map(({ op }) => op.operationId));
    expect(Object.entries(OPERATION_IDS).filter(([, id]) => !ids.has(id))).toEqual([]);
    expect(new Set(Object.values(OPERATION_IDS)).size).toBe(Object.keys(OPERATION_IDS).length);
  });

  it('reads as the dashboard expects a few well-known operations', () => {
    expect(doc.paths['/v1/societies/{id}/submissions']?.get?.operationId).toBe('listSubmissions');
    expect(doc.paths['/v1/rights-holders/{id}/statement']?.get?.operationId).toBe('getStatement');
    const notFound = doc.paths['/v1/submissions/{id}']?.get?.responses['404'] as { content?: Record<string, unknown> };
    expect(Object.keys(notFound.content ?? {})).toEqual(['application/problem+json']);
  });

  it(`${GENERATED_FILE} is what \`npm run generate:api\` makes of it now`, async () => {
    const now = await generateApiTypes(doc);
    // Compared whole; on a difference, name the first line that differs.
    const committed = readGenerated(ROOT);
    if (committed !== now) {
      const a = committed.split('\n');
      const b = now.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      throw new Error(
        `${GENERATED_FILE} is out of date: run \`npm run generate:api\` and commit it. First difference at line ${line + 1}:\n` +
          `  committed: ${a[line] ?? '(end of file)'}\n  generated: ${b[line] ?? '(end of file)'}`,
      );
    }
    expect(now).toContain('listSubmissions: {');
  });

  it('no two DTO classes share a name (the document, and so the generated types, would describe only one of them)', () => {
    const classes = apiDtoClasses(path.join(ROOT, 'apps/api/src'));
    const shared = [...classes].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(shared).toEqual([]);
    expect(classes.size).toBeGreaterThan(50);
  });

  it('reports what an operation leaves undeclared (the check itself can fail)', () => {
    const bad = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/v1/things/{id}': {
          get: { operationId: 'ThingsController.get', parameters: [{ in: 'path', name: 'id' }], responses: { 200: { description: 'ok' } }, 'x-roles': ['admin'] },
          post: { operationId: 'createThing', requestBody: {}, responses: { 401: { description: 'x' } } },
        },
        '/v1/other': { get: { operationId: 'createThing', responses: { 200: { description: 'ok', content: { 'application/json': {} } } } } },
      },
    } as unknown as OpenAPIObject;
    expect(undeclared(bad)).toEqual([
      'GET /v1/things/{id}: operationId ThingsController.get does not read as a verb and what it acts on (add it to apps/api/src/openapi/operation-ids.ts)',
      'GET /v1/things/{id}: 200 declares no content',
      'GET /v1/things/{id}: 401 is not declared as a problem document',
      'GET /v1/things/{id}: 403 is not declared as a problem document',
      'GET /v1/things/{id}: 404 is not declared as a problem document',
      'GET /v1/things/{id}: 400 is not declared as a problem document',
      'POST /v1/things/{id}: no success response declared',
      'POST /v1/things/{id}: 400 is not declared as a problem document',
      "GET /v1/other: operationId createThing is also POST /v1/things/{id}'s",
      'GET /v1/other: 200 application/json has no schema',
    ]);
    // The convention declares the error answers; what is left is the route's own to fix.
    declareProblemResponses(bad);
    expect(undeclared(bad)).toEqual([
      'GET /v1/things/{id}: operationId ThingsController.get does not read as a verb and what it acts on (add it to apps/api/src/openapi/operation-ids.ts)',
      'GET /v1/things/{id}: 200 declares no content',
      'POST /v1/things/{id}: no success response declared',
      "GET /v1/other: operationId createThing is also POST /v1/things/{id}'s",
      'GET /v1/other: 200 application/json has no schema',
    ]);
  });
});
