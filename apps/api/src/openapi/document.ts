import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../../libs/config/src/index.js';
import { AppModule } from '../app.module.js';
import { operationIdFactory } from './operation-ids.js';
import { ProblemDto } from './problem.dto.js';

/**
 * The one OpenAPI document of the API: served at /docs and /docs-json by a running
 * server (bootstrap.ts), and built offline, without a database, by `npm run generate:api`
 * to generate the dashboard's types (docs/api-types.md).
 */

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDto' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The error answers every route of a kind gives, by status (the descriptions of @Roles' 401/403 are kept). */
const CONVENTIONAL: Record<number, string> = {
  400: 'The input is invalid: a parameter, the query or the body (each problem named in `errors`)',
  401: 'No or unknown bearer token',
  403: 'The caller\'s role may not call this route',
  404: 'Nothing of that id, or not the caller\'s to see (another tenant\'s data is a 404)',
};

/**
 * Declares the error answers each operation gives, as RFC 9457 problem documents (every
 * error goes through the one ProblemFilter): 401 and 403 on every route that needs a
 * credential (@Roles), 404 on every route with a path parameter, 400 on every route that
 * takes parameters or a body (all validated). Error answers a route declares itself (409,
 * 413, 422, …) get the problem schema too.
 */
export function declareProblemResponses(doc: OpenAPIObject): void {
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const secured = Array.isArray((op as unknown as Record<string, unknown>)['x-roles']);
      const params = op.parameters ?? [];
      const statuses = new Set<number>();
      if (secured) [401, 403].forEach((s) => statuses.add(s));
      if (params.some((p) => 'in' in p && p.in === 'path')) statuses.add(404);
      if (params.length > 0 || op.requestBody) statuses.add(400);
      for (const status of Object.keys(op.responses)) if (/^[45]\d\d$/.test(status) && status !== '503') statuses.add(Number(status));
      for (const status of [...statuses].sort()) {
        const existing = op.responses[String(status)] as { description?: string; content?: unknown } | undefined;
        op.responses[String(status)] = {
          description: existing?.description || CONVENTIONAL[status] || 'An error',
          content: { 'application/problem+json': { schema: PROBLEM_REF } },
        };
      }
    }
  }
}

export function describeApi(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Collective Ledger')
      .setDescription('A transparency ledger for collective-management organisations. See CONTRACT.md.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { operationIdFactory, extraModels: [ProblemDto] },
  );
  declareProblemResponses(doc);
  return doc;
}

/**
 * The document without a database or a server: the application's modules are read in
 * Nest's preview mode, which instantiates no provider (so nothing connects anywhere),
 * and the document is made from the controllers' decorators as a running server's is.
 * test/web/api-document.e2e-spec.ts checks it equals a running server's.
 */
export async function offlineApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ANSWER_CACHE: 'off' });
  // Never initialised: preview mode instantiates no provider that could use it.
  const dataSource = new DataSource({ type: 'postgres' });
  const app = await NestFactory.create(AppModule.forRoot({ config, dataSource, runWorkers: false }), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return describeApi(app);
  } finally {
    await app.close();
  }
}
