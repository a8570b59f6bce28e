/**
 * CWR lookup values: the CISAC lookup table (lookup-data.ts, generated from CWR08-3615R1)
 * and the transaction status codes, which that table lists only in part.
 */
export * from './lookup-data.js';

/**
 * Transaction status codes of an ACK (ACK field 158/2). The CWR 2.x Lookup Table
 * (CWR08-3615R1, "Transaction Status") lists CO, DU, RA, AS, AC, RJ, NP, RC; the CWR User
 * Manual (CWR19-0479, §5.1.1–5.1.13) adds SR, CR, DR, UN, LD, NA and WA. Text from those
 * documents, shortened.
 */
export const TRANSACTION_STATUSES = {
  CO: 'Conflict: passed validation but conflicts with a registration from another submitter',
  DU: 'Duplicate: exactly matches a transaction received before from the same submitter',
  RA: 'Registration accepted: passed all mandatory edits (field/record rejects in MSG records)',
  AS: 'Registration accepted as submitted - not ready for payment',
  AC: 'Registration accepted with changes - not ready for payment',
  SR: 'Registration accepted - ready for payment',
  CR: 'Registration accepted with changes - ready for payment',
  RJ: 'Rejected: failed validation (reasons in MSG records)',
  NP: 'No participation: the recipient has no interest in the controlled shares',
  RC: "The publisher's claim to this work is rejected",
  DR: "De-registered: the publisher's claim has been relinquished",
  UN: 'Unknown work in DRW',
  LD: 'Unable to de-register',
  NA: 'No society agreement number where one is required',
  WA: 'Wrong society agreement number',
} as const;
export type TransactionStatus = keyof typeof TRANSACTION_STATUSES;

export function isTransactionStatus(code: string): code is TransactionStatus {
  return Object.hasOwn(TRANSACTION_STATUSES, code);
}

/**
 * HDR Character Set values (HDR field 87/15, edit 14): Traditional [Big5], Simplified [GB]
 * or a Unicode encoding such as UTF-8. Mapped to the WHATWG encoding label used to decode.
 * A blank Character Set means ASCII; this library reads such files as latin-1 (every byte
 * a character), as real files carry accented letters without declaring them.
 */
export const CHARACTER_SETS: Readonly<Record<string, string>> = {
  BIG5: 'big5',
  GB: 'gbk',
  'UTF-8': 'utf-8',
  UTF8: 'utf-8',
};
