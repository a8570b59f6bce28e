/**
 * Errors raised by the merkle library. Both carry a human-readable reason that
 * is safe to show to the person verifying a proof.
 */

/** Input that is not of the expected form (bad hex, wrong hash length, bad JSON shape…). */
export class MerkleFormatError extends Error {
  override readonly name = 'MerkleFormatError';
}

/** A well-formed proof, signature or note that does not verify. */
export class MerkleVerificationError extends Error {
  override readonly name = 'MerkleVerificationError';
}
