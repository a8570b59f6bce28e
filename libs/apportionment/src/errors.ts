/**
 * The one error the apportionment library raises for bad input. It names the
 * offending field in the shape of the HTTP contract's input problems
 * (`{ field, message }`), so an edge can map it without parsing the message:
 * `field` is a path into the input (`seats`, `parties[2].votes`, `threshold`, …).
 */
export type ApportionmentErrorCode =
  | 'unknown-method'
  | 'invalid-seats'
  | 'invalid-parties'
  | 'invalid-party-name'
  | 'duplicate-party'
  | 'invalid-votes'
  | 'all-votes-zero'
  | 'invalid-threshold'
  | 'no-party-passes-threshold'
  | 'invalid-seat-bounds'
  | 'infeasible-seat-bounds';

export class ApportionmentInputError extends Error {
  override readonly name = 'ApportionmentInputError';

  constructor(
    /** A stable, machine-readable reason. */
    readonly code: ApportionmentErrorCode,
    message: string,
    /** Path of the offending input field, e.g. `parties[3].votes`. */
    readonly field: string,
    /** Index into `parties` when one party is at fault (callers map it to a file line). */
    readonly partyIndex?: number,
  ) {
    super(message);
  }
}
