import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { locateWebBuild } from './web-assets.js';

/**
 * Registers @fastify/static for the dashboard's files without routes of its own
 * (`serve: false`): it only gives WebController `reply.sendFile` (content types, ETag,
 * ranges, safe path resolution). Nothing is registered when the dashboard is not built.
 */
export async function registerWebAssets(app: NestFastifyApplication): Promise<void> {
  const build = locateWebBuild();
  if (!build) return;
  await app.register(fastifyStatic, { root: build, serve: false });
}
