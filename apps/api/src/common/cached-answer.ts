import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { type Observable, from, mergeMap, of } from 'rxjs';
import { type AnswerDependencies, AnswerCache, type StoredAnswer, scopeOf } from '../../../../libs/answer-cache/src/index.js';
import type { Principal } from '../../../../libs/auth/src/index.js';
import { Clock } from '../../../../libs/config/src/index.js';
import { LogWitnessingService, ProofsService } from '../../../../libs/ledger/src/index.js';

const CACHED_ANSWER = 'ledger:cached-answer';

/** The response header saying how a cached route was answered: `hit` (kept answer), `miss` (computed and kept) or `bypass` (computed, the store was unreachable). */
export const ANSWER_CACHE_HEADER = 'x-answer-cache';

/** Headers that describe an answer's bytes, kept with them. */
const DESCRIBING = ['content-type', 'content-disposition', 'content-language', 'vary'];
/** Request headers an answer may be negotiated by (a PDF's language), part of the question. No route negotiates on Accept. */
const NEGOTIATING = ['accept-language'];

export interface CachedAnswerOptions {
  /**
   * The societies whose signed heads and counted changes the answer is computed from:
   * `all` (an answer across societies, or one that lists them), or those named by the
   * request (a society's own read: its id in the path, or the caller's society).
   */
  societies: 'all' | ((request: { params: Record<string, string>; principal?: Principal }) => 'all' | readonly string[]);
  /** Headers the route sets besides content-type, -disposition, -language and vary that belong to the answer (lower case). */
  headers?: readonly string[];
}

/**
 * A read whose answer is fixed by the signed heads (and counted changes) it was computed
 * from: answered from the shared answer cache while they are unchanged (docs/answer-cache.md).
 * The key holds the route, its parameters, the caller's scope (never another tenant's
 * answer: it was computed and stored for that scope only, after the guard let it in),
 * the day and the build. Errors are never kept; only 200 answers are.
 */
export function CachedAnswer(options: CachedAnswerOptions): MethodDecorator {
  return applyDecorators(
    SetMetadata(CACHED_ANSWER, options),
    UseInterceptors(AnswerCacheInterceptor),
    // In the OpenAPI document: the answers carry X-Answer-Cache (hit, miss or bypass; docs/answer-cache.md).
    ApiExtension('x-cached-answer', true),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type CachedRequest = FastifyRequest & { principal?: Principal; params: Record<string, string>; query: Record<string, unknown> };

@Injectable()
export class AnswerCacheInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AnswerCache');
  private configuration: string | undefined;

  constructor(
    private readonly reflector: Reflector,
    private readonly answers: AnswerCache,
    private readonly clock: Clock,
    private readonly proofs: ProofsService,
    private readonly witnessing: LogWitnessingService,
  ) {}

  /**
   * What of this process's configuration answers depend on: the log keys (checkpoints are
   * signed as they are served, with the current key) and the witness policy (quorum and
   * witnesses). Processes configured alike share answers; a rotated key starts anew.
   */
  private salt(): string {
    this.configuration ??= createHash('sha256')
      .update(JSON.stringify([this.proofs.keys(), this.witnessing.witnessPolicy]))
      .digest('hex');
    return this.configuration;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<CachedAnswerOptions | undefined>(CACHED_ANSWER, context.getHandler());
    if (!options || this.answers.mode === 'off') return next.handle();
    return from(this.answer(context, next, options)).pipe(mergeMap((answered) => answered));
  }

  private async answer(context: ExecutionContext, next: CallHandler, options: CachedAnswerOptions): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<CachedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const societies = options.societies === 'all' ? 'all' : options.societies({ params: request.params ?? {}, principal: request.principal });
    // A malformed id is the route's 400 to give (its pipes run after this); nothing to look up.
    if (societies !== 'all' && !societies.every((id) => UUID.test(id))) return next.handle();
    const deps: AnswerDependencies = { societies };
    const base = this.answers.key({
      method: request.method,
      path: request.url.split('?')[0],
      query: request.query ?? {},
      scope: scopeOf(request.principal),
      vary: Object.fromEntries(NEGOTIATING.map((h) => [h, String(request.headers[h] ?? '')])),
      // The ledger's clock (deadlines, "as of") and the calendar's (windows that end today).
      days: [this.clock.today(), new Date().toISOString().slice(0, 10)],
      salt: this.salt(),
    });
    let lookup;
    try {
      lookup = await this.answers.lookup(base, deps);
    } catch (error) {
      this.logger.warn(`answer cache lookup: ${(error as Error).message}`);
      void reply.header(ANSWER_CACHE_HEADER, 'bypass');
      return next.handle();
    }
    if (lookup.answer) {
      for (const [name, value] of Object.entries(lookup.answer.headers)) void reply.header(name, value);
      void reply.header(ANSWER_CACHE_HEADER, 'hit');
      return of(lookup.answer.body);
    }
    void reply.header(ANSWER_CACHE_HEADER, 'miss');
    const fingerprint = lookup.fingerprint;
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        const answer = storable(result, reply, options.headers ?? []);
        if (!answer) return result;
        await this.answers.store(base, fingerprint, answer).catch((e: Error) => this.logger.warn(`answer cache store: ${e.message}`));
        // The bytes just kept, so a miss and a later hit send the same ones.
        void reply.header('content-type', answer.headers['content-type']);
        return answer.body;
      }),
    );
  }
}

/** The bytes Fastify sends for a handler's result, with their describing headers; null for what is not kept (not 200, a stream, nothing). */
function storable(result: unknown, reply: FastifyReply, extra: readonly string[]): StoredAnswer | null {
  if (reply.statusCode !== 200 || result === undefined || result === null) return null;
  let body: Buffer;
  let defaultType: string;
  if (Buffer.isBuffer(result)) [body, defaultType] = [result, 'application/octet-stream'];
  else if (typeof result === 'string') [body, defaultType] = [Buffer.from(result, 'utf8'), 'text/plain; charset=utf-8'];
  else if (typeof result === 'object' && typeof (result as { pipe?: unknown }).pipe !== 'function') [body, defaultType] = [Buffer.from(JSON.stringify(result), 'utf8'), 'application/json; charset=utf-8'];
  else return null;
  const headers: Record<string, string> = {};
  for (const name of [...DESCRIBING, ...extra]) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  headers['content-type'] ??= defaultType;
  return { headers, body };
}
