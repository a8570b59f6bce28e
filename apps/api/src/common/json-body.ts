import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { DomainError } from '../../../../libs/errors/src/index.js';

/**
 * How deep a JSON request body may nest objects and arrays. No request of this API needs
 * more than a few levels; a body nested thousands deep made class-transformer recurse
 * until the stack overflowed (a 500). A limit of this ledger, not of any standard.
 */
export const MAX_JSON_DEPTH = 32;

/** True when the JSON text nests objects or arrays deeper than `max` (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * Fastify's application/json parser (prototype poisoning refused) behind a nesting check,
 * for `app.useBodyParser('application/json', …)`: a body nested deeper than MAX_JSON_DEPTH
 * is a 400 naming `body` before anything walks it. One linear scan of a body already in
 * memory (JSON bodies are at most the JSON body limit).
 */
export function nestingLimitedJsonParser(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      const error = DomainError.validation(`The JSON body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`, [
        { field: 'body', message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` },
      ]);
      done(Object.assign(error, { statusCode: 400 }), undefined);
      return;
    }
    void parse(request, text, done);
  };
}
