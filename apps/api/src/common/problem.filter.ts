import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode, type InputProblem } from '../../../../libs/errors/src/index.js';

const STATUS: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'request-timeout': 408,
  conflict: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  unprocessable: 422,
  'too-many-requests': 429,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: InputProblem[];
  [extension: string]: unknown;
}

/** Maps every error to an RFC 9457 problem document, in one place. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception);
    problem.instance = request.url;
    if (problem.status >= 500) {
      this.logger.error(`${request.method} ${request.url} failed: ${(exception as Error)?.message}`, (exception as Error)?.stack);
    }
    if (problem.status === 401) reply.header('WWW-Authenticate', 'Bearer');
    if (problem.status === 429 && typeof problem.retryAfter === 'number') reply.header('Retry-After', String(problem.retryAfter));
    // The rest of a body that arrives too slowly is not waited for (RFC 9110 §15.5.9).
    if (problem.status === 408) reply.header('Connection', 'close');
    void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
  }

  private toProblem(exception: unknown): ProblemDocument {
    if (exception instanceof DomainError) {
      const status = STATUS[exception.code];
      return {
        type: `about:blank`,
        title: TITLES[status],
        status,
        detail: exception.message,
        ...(exception.errors.length > 0 ? { errors: exception.errors } : {}),
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail: Array.isArray(message) ? message.join('; ') : String(message) };
    }
    // Fastify's own errors (body too large, bad JSON, wrong content type) carry a statusCode.
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail: fastifyError.message ?? 'Bad request' };
    }
    return { type: 'about:blank', title: TITLES[500], status: 500, detail: 'An unexpected error occurred; it has been logged' };
  }
}
