/**
 * How the society logs name themselves. One Ed25519 key signs every society's log;
 * each log has its own origin, which is part of every signed tree head and
 * checkpoint, so a head of one society's log cannot be passed off as another's.
 */

/** The signer's key name in C2SP signed notes (checkpoints) and their verifier keys. */
export const LOG_KEY_NAME = 'collective-ledger';

/** The origin (log identity) of a society's log, in its heads and checkpoints. */
export function logOrigin(societyId: string): string {
  return `${LOG_KEY_NAME}/society/${societyId}`;
}
