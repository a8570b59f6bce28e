import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Streamed request bodies (packages, rate tables) are opted into per route. Their parser
 * hands the raw request stream to the handler unread; a JSON route given such a stream
 * would pass it to class-transformer, which walks its native handles and aborts Node
 * (issue 13: `Assertion failed: args[0]->IsInt32()`). So every other route refuses these
 * media types with 415 before any parser runs.
 */
interface StreamedBodyConfig {
  streamedBody?: readonly string[];
}

/** Route decorator: this handler reads its body as a stream in one of `mediaTypes`. */
export function StreamedBody(...mediaTypes: string[]): MethodDecorator {
  return RouteConfig({ streamedBody: mediaTypes.map((t) => t.toLowerCase()) } satisfies StreamedBodyConfig);
}

function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function streamedTypesOf(request: FastifyRequest): readonly string[] {
  return (request.routeOptions?.config as StreamedBodyConfig | undefined)?.streamedBody ?? [];
}

function refuse(request: FastifyRequest, reply: FastifyReply, mediaType: string): FastifyReply {
  const accepted = streamedTypesOf(request);
  return reply
    .code(415)
    .header('Content-Type', 'application/problem+json')
    .send({
      type: 'about:blank',
      title: 'Unsupported Media Type',
      status: 415,
      detail:
        accepted.length > 0
          ? `${request.method} ${request.routeOptions.url} takes ${accepted.join(', ')}, not ${mediaType}`
          : `${request.method} ${request.routeOptions.url} takes a JSON body (application/json), not ${mediaType}`,
      instance: request.url,
    });
}

/**
 * Registers the pass-through parser for `streamedTypes` (multipart has its own, from
 * @fastify/multipart) and the hook that keeps every streamed type to the routes that
 * declared it with {@link StreamedBody}.
 */
export function registerStreamedBodies(instance: FastifyInstance, streamedTypes: readonly string[]): void {
  const guarded = new Set([...streamedTypes, 'multipart/form-data'].map((t) => t.toLowerCase()));
  instance.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions?.url === undefined) return; // no such route: the 404 answers
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const type = mediaTypeOf(request);
    if (guarded.has(type) && !streamedTypesOf(request).includes(type)) return refuse(request, reply, type);
  });
  instance.addContentTypeParser([...streamedTypes], (request, payload, done) => {
    // The hook has already refused other routes; this keeps the parser safe on its own.
    if (!streamedTypesOf(request).includes(mediaTypeOf(request))) {
      done(Object.assign(new Error(`${mediaTypeOf(request)} is not accepted here`), { statusCode: 415 }), undefined);
      return;
    }
    done(null, payload);
  });
}
