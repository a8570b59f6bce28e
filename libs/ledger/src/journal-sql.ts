/**
 * The kinds of journal entry a committed package posts: its package type, or
 * `<type>:<event>` for a package that records two events (a distribution package
 * attributes money and pays part of it; an inter-society package records money
 * going out and coming in). Each kind is one economic event, so the reconciliation
 * reads "what was collected, deducted, distributed…" from the entries of a kind.
 * Each package type declares its kinds and its postings (`entryKinds`, `journal`) in
 * its file of the package catalogue (libs/package-catalogue/src/types/).
 *
 * The accounts of a society's journal (positive amounts are debits, negative credits):
 *
 * | account                       | what it holds                                          |
 * | ----------------------------- | ------------------------------------------------------ |
 * | `cash`                        | rights revenue received and not yet paid out           |
 * | `pool:<category>`             | revenue of a category not yet accounted for            |
 * | `deductions:<kind>`           | deductions by kind (management, social-cultural, other)|
 * | `payable:<holder id>`         | attributed to a rights holder, not yet paid            |
 * | `payable:unidentified`        | attributed to rights holders not identified yet        |
 * | `due-to:<CISAC code>`         | owed to another society                                |
 * | `due-from:<CISAC code>`       | owed by another society                                |
 * | `undistributed:<category>`    | held undistributed                                     |
 * | `non-distributable:<category>`| declared non-distributable                             |
 *
 * The pool of a category is credited with what is collected and debited with what
 * leaves it; a pool left with a balance is money nobody accounted for, which the
 * reconciliation lists as a difference.
 *
 * A type's `journal` is SQL returning (kind, account, currency, amount) over the
 * submission's lines (`$1` society, `$2` submission). The rows of each kind sum to
 * zero per currency: each kind becomes one balanced entry.
 */
export { ENTRY_KINDS, journalSql } from '../../package-catalogue/src/index.js';
/** A kind of journal entry (ENTRY_KINDS). */
export type EntryKind = string;
