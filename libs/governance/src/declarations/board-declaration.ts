/**
 * A board member's annual declaration (Directive 2014/26/EU Art. 10(2), second
 * subparagraph; Art. 9(3) applies it to the supervisory function): (a) interests in the
 * society, (b) remuneration and other benefits received from it, (c) amounts received
 * from it as a rights holder, (d) any conflict between duties and interests.
 *
 * Append-only: a second declaration for the same member and financial year is its next
 * version, never an update (the current one is the latest version; earlier versions stay
 * readable). Pure: no framework, no database.
 */
import type { InputProblem } from '../../../errors/src/index.js';
import { explainCurrencyCode, explainVisibleId } from '../../../identifiers/src/index.js';
import { explainDecimal } from '../../../money/src/index.js';

export interface BoardDeclarationInput {
  memberId: unknown;
  year: unknown;
  interests: unknown;
  remuneration: unknown;
  currency: unknown;
  amountsAsRightholder: unknown;
  conflicts: unknown;
}

export interface NewBoardDeclaration {
  memberId: string;
  year: number;
  interests: string;
  remuneration: string;
  currency: string;
  amountsAsRightholder: string;
  conflicts: string;
}

export interface BoardDeclaration extends NewBoardDeclaration {
  id: string;
  societyId: string;
  /** 1 for the first declaration of the member and year, then 2, 3… */
  version: number;
  /** The latest version of the member's declaration for the year. */
  current: boolean;
  recordedAt: string;
  recordedBy: string;
}

/** Longest free text of a declaration (interests, conflicts). */
export const DECLARATION_TEXT_MAX = 5000;
export const DECLARATION_YEARS = { min: 1900, max: 2999 } as const;

const money = (v: unknown) => explainDecimal(v, { maxIntegerDigits: 18, maxFractionDigits: 8, allowNegative: false, label: 'the amount' });

function explainText(v: unknown): string | null {
  if (typeof v !== 'string') return 'must be a string';
  if (v.trim() === '') return 'must not be empty (write "none" when there is nothing to declare)';
  if (v.length > DECLARATION_TEXT_MAX) return `is longer than ${DECLARATION_TEXT_MAX} characters`;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) return 'contains a control character';
  return null;
}

/**
 * The declaration, or every problem of the input, each naming its field. `currentYear`
 * (the clock's) bounds the year: a declaration covers a year that has begun.
 */
export function validateDeclaration(input: BoardDeclarationInput, currentYear: number): { ok: true; value: NewBoardDeclaration } | { ok: false; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const check = (field: string, message: string | null) => {
    if (message) problems.push({ field, message });
  };
  check('memberId', typeof input.memberId !== 'string' || input.memberId.length === 0 || input.memberId.length > 100 ? 'must be the member id of 1 to 100 characters the board package or registry gives' : explainVisibleId(input.memberId));
  const y = input.year;
  check(
    'year',
    typeof y !== 'number' || !Number.isSafeInteger(y) || y < DECLARATION_YEARS.min || y > DECLARATION_YEARS.max
      ? `must be a financial year from ${DECLARATION_YEARS.min} to ${DECLARATION_YEARS.max}`
      : y > currentYear
        ? `${y} has not begun (today is in ${currentYear}): a declaration covers a year that has`
        : null,
  );
  check('interests', explainText(input.interests));
  check('remuneration', money(input.remuneration));
  check('currency', typeof input.currency === 'string' ? explainCurrencyCode(input.currency) : 'must be an ISO 4217 currency code');
  check('amountsAsRightholder', money(input.amountsAsRightholder));
  check('conflicts', explainText(input.conflicts));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      memberId: input.memberId as string,
      year: y as number,
      interests: input.interests as string,
      remuneration: input.remuneration as string,
      currency: input.currency as string,
      amountsAsRightholder: input.amountsAsRightholder as string,
      conflicts: input.conflicts as string,
    },
  };
}
