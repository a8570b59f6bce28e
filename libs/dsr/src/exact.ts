/**
 * Exact sums of the decimal strings a DSR carries (usages and amounts), as scaled
 * integers (`units / 10^scale`), so that millions of lines add up without a JS float ever
 * touching them. Results leave as libs/money decimals (`DecimalValue`).
 */
import { DecimalValue } from '../../money/src/index.js';

/** A plain decimal: optional `-`, digits, optionally `.` and digits. */
export const DECIMAL_TEXT = /^-?[0-9]+(?:\.[0-9]+)?$/;
export const INTEGER_TEXT = /^-?[0-9]+$/;

/** `text` (a DECIMAL_TEXT) as units at its own scale. */
export function unitsOf(text: string): { units: bigint; scale: number } {
  const dot = text.indexOf('.');
  if (dot < 0) return { units: BigInt(text), scale: 0 };
  return { units: BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale: text.length - dot - 1 };
}

/** `units / 10^scale` as a decimal string. */
export function unitsToText(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** An exact running sum of decimal strings. */
export class ExactSum {
  private units = 0n;
  private scale = 0;
  /** Whole-number part kept in a JS integer while it is safe (counts of streams), for speed. */
  private small = 0;
  count = 0;

  /** Adds a DECIMAL_TEXT value. */
  add(text: string): void {
    if (text.length < 16 && text.indexOf('.') < 0) {
      const n = Number(text); // money-ok: a whole number of at most 15 digits is exact in a double; sums stay safe integers or go to bigint
      const next = this.small + n;
      if (Number.isSafeInteger(next)) {
        this.small = next;
        this.count++;
        return;
      }
    }
    this.addUnits(unitsOf(text));
  }

  addUnits(value: { units: bigint; scale: number }): void {
    this.count++;
    if (value.scale > this.scale) {
      this.units *= 10n ** BigInt(value.scale - this.scale);
      this.scale = value.scale;
    }
    this.units += value.units * 10n ** BigInt(this.scale - value.scale);
  }

  /** The sum as units at a given scale at least as fine as every value added. */
  unitsAt(scale: number): bigint {
    const total = this.units + BigInt(this.small) * 10n ** BigInt(this.scale);
    return scale >= this.scale ? total * 10n ** BigInt(scale - this.scale) : total / 10n ** BigInt(this.scale - scale);
  }

  get currentScale(): number {
    return this.scale;
  }

  toText(): string {
    return unitsToText(this.unitsAt(this.scale), this.scale);
  }

  toDecimal(): DecimalValue {
    return new DecimalValue(this.toText());
  }
}

/** Two decimal strings equal in value ("1.50" = "1.5")? */
export function sameValue(a: string, b: string): boolean {
  const x = unitsOf(a);
  const y = unitsOf(b);
  const scale = Math.max(x.scale, y.scale);
  return x.units * 10n ** BigInt(scale - x.scale) === y.units * 10n ** BigInt(scale - y.scale);
}

/** n / d rounded half-even (d > 0). */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / d;
  const r = a % d;
  const twice = r * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}
