import { Injectable } from '@nestjs/common';

/**
 * The ledger's idea of now, injectable so that tests can move it: what counts as
 * "today" when a package's period or a line's dates are judged to lie in the future
 * (CONTRACT.md: facts from the future are refused). Time runs on from a fixed moment.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today's date in UTC, YYYY-MM-DD. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** For tests: from now on the clock reads `moment` (and runs on from there); null: the real time again. */
  set(moment: string | Date | null): void {
    this.offsetMs = moment === null ? 0 : new Date(moment).getTime() - Date.now();
  }
}
