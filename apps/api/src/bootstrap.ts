import { CSV_MEDIA_TYPES, INPUT_MEDIA_TYPES, NDJSON_MEDIA_TYPES } from '../../../libs/submissions/src/format.js';
import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/src/index.js';
import { AppModule } from './app.module.js';
import { TokenService } from '../../../libs/auth/src/index.js';
import { authenticateRequests, rateLimitKey } from './common/authentication.hook.js';
import { nestingLimitedJsonParser } from './common/json-body.js';
import { PinoNestLogger } from './common/logger.js';
import { registerStreamedBodies } from './common/streamed-body.js';
import { strictValidationPipe } from './common/validation.js';
import { registerWebAssets } from './web/register-web-assets.js';
import { describeApi } from './openapi/document.js';

export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface CreatedApp {
  app: NestFastifyApplication;
  /** Every route Fastify registered (the route-matrix test enumerates them). */
  routes: RegisteredRoute[];
  openApi: OpenAPIObject;
}

/** Requests up to this size are JSON bodies; uploads stream through their own parser. */
const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the HTTP application over an opened, migrated DataSource. Used by `main.ts`
 * and by the end-to-end tests, so both run the same stack.
 */
export async function createApp(options: {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
  runWorkers: boolean;
  queuePrefix?: string;
}): Promise<CreatedApp> {
  const { config, logger } = options;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: JSON_BODY_LIMIT,
    // A request (body included) not whole within REQUEST_TIMEOUT_MS is closed with 408 by
    // Node; an upload ends first with its own 408 problem (UploadStore.receive).
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: false,
  });
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  // Packages stream: the parser hands the raw body on, unread (the size limit is enforced
  // while it is written to storage), and only to the routes marked @StreamedBody.
  registerStreamedBodies(adapter.getInstance(), [...new Set([...CSV_MEDIA_TYPES, ...NDJSON_MEDIA_TYPES, ...INPUT_MEDIA_TYPES])]);
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, dataSource: options.dataSource, runWorkers: options.runWorkers, queuePrefix: options.queuePrefix }),
    adapter,
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        scriptSrc: [`'self'`],
        connectSrc: [`'self'`],
      },
    },
  });
  // Rate limiting per authenticated credential (per address without one, or with a refused
  // one): the credential is decided in an instance onRequest hook, which runs before the
  // limiter's (a route hook). @fastify/rate-limit rather than @nestjs/throttler: the latter
  // is CommonJS requiring the ESM-only Nest 12, which Jest cannot load on Node 20.
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    // Thrown to the problem filter, which takes the detail from `message`.
    errorResponseBuilder: (_request, context) => {
      const detail = `Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`;
      return { statusCode: 429, type: 'about:blank', title: 'Too Many Requests', status: 429, detail, message: detail };
    },
  });
  authenticateRequests(app.getHttpAdapter().getInstance(), app.get(TokenService), config.AUTH_FAILURES_PER_MINUTE);
  await app.register(multipart, { limits: { files: 1, fields: 5, fileSize: config.UPLOAD_LIMIT_BYTES + 1 } });
  await registerWebAssets(app);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });
  // JSON bodies: Fastify's parser behind a nesting limit (a deep body overflowed the stack).
  app.useBodyParser('application/json', { bodyLimit: JSON_BODY_LIMIT }, nestingLimitedJsonParser(app.getHttpAdapter().getInstance()));
  app.useGlobalPipes(strictValidationPipe());
  // No enableShutdownHooks(): main.ts owns SIGINT/SIGTERM and calls app.close() (which runs
  // the shutdown hooks) before closing the database; Nest's own listener would re-raise the
  // signal and end the process before the database had stopped.

  // The same document `npm run generate:api` builds offline for the dashboard's types.
  const openApi = describeApi(app);
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, routes, openApi };
}
