import type { components, operations } from './generated/openapi';
import { operationRoutes } from './generated/openapi';

/**
 * Types over the generated description of the API (./generated/openapi.ts, written by
 * `npm run generate:api` from the server's OpenAPI document; docs/api-types.md): an
 * operation's JSON answer, body and parameters by its operationId, and the URL to call it.
 */

export type Schemas = components['schemas'];
export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]['responses'];
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON an operation answers with on success (its 200, 201 or 202). */
export type Answer<Op extends OperationId> = {
  [S in keyof Responses<Op>]: S extends 200 | 201 | 202 ? JsonOf<Responses<Op>[S]> : never;
}[keyof Responses<Op>];

/** The JSON body an operation takes. */
export type Body<Op extends OperationId> = [NonNullable<operations[Op]['requestBody']>] extends [never]
  ? never
  : NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer B } }
    ? B
    : never;

/** An operation's query parameters (all optional ones may be left out). */
export type Query<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;

/** An operation's path parameters. */
export type PathParams<Op extends OperationId> = NonNullable<operations[Op]['parameters']['path']>;

/** What a call needs besides the body: `path` when the route has parameters, `query` when it takes one. */
export type Params<Op extends OperationId> = ([PathParams<Op>] extends [never] ? { path?: never } : { path: PathParams<Op> }) &
  ([Query<Op>] extends [never] ? { query?: never } : {} extends Query<Op> ? { query?: QueryValues<Op> } : { query: QueryValues<Op> });

/** The query as a call gives it: numbers and booleans written as the API reads them; required ones required. */
type QueryValues<Op extends OperationId> = { [K in keyof Query<Op>]: Query<Op>[K] | number | boolean };

export function operationMethod(op: OperationId): string {
  return operationRoutes[op].method;
}

/** An operation's URL: its path with the parameters filled in (encoded), then its query (absent and null values left out). */
export function operationUrl<Op extends OperationId>(op: Op, params: Params<Op>): string {
  const values = (params.path ?? {}) as Record<string, string | number>;
  const path = operationRoutes[op].path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${op}: no value for the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries((params.query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, String(v));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
