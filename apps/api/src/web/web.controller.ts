import path from 'node:path';
import { Controller, Get, Inject, NotFoundException, Param, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../../../libs/auth/src/index.js';
import { isClientRoute } from './web-assets.js';

/** The built dashboard's folder (dist/web), or null when it has not been built. */
export const WEB_BUILD = Symbol('WEB_BUILD');

/** Hashed asset names change with their content: browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the web dashboard (apps/web, built by `npm run build` into dist/web): its hashed
 * assets under /assets/ and index.html at `/` and at every client-side route, so a
 * reloaded or shared link opens the right view. Paths under /v1, /docs and /health are
 * never the dashboard: an unknown one is a 404 problem. Public: the page holds no data;
 * every call it makes presents the signed-in token to the API.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  constructor(@Inject(WEB_BUILD) private readonly build: string | null) {}

  @Get()
  index(@Res() reply: FastifyReply): FastifyReply {
    return this.sendIndex(reply);
  }

  // Fastify's wildcard: `*` matches the rest of the path, read as the '*' parameter.
  @Get('assets/*')
  asset(@Param('*') file: string, @Res() reply: FastifyReply): FastifyReply {
    const build = this.requireBuild();
    return reply.header('cache-control', IMMUTABLE).sendFile(file, path.join(build, 'assets'), { cacheControl: false });
  }

  @Get('*')
  clientRoute(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    if (!isClientRoute(request.url)) throw new NotFoundException(`Cannot GET ${request.url.split('?')[0]}`);
    return this.sendIndex(reply);
  }

  private sendIndex(reply: FastifyReply): FastifyReply {
    const build = this.requireBuild();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', build, { cacheControl: false });
  }

  private requireBuild(): string {
    if (!this.build) throw new ServiceUnavailableException('The web dashboard has not been built: run `npm run build`');
    return this.build;
  }
}
