/**
 * Rule parameters: each rule declares its parameters with a kind, a default (RULES.md's
 * thresholds, or a stated policy default where RULES.md names none) and a description.
 * A jurisdiction may override any of them; overrides are checked here, one problem per
 * field, before they are stored or used.
 *
 * Values are JSON: whole numbers for counts of months, years, days or seats; decimal
 * strings for percentages and factors (never binary floating point); strings for
 * choices; arrays of strings for lists. `null` turns off an optional threshold.
 *
 * Pure: no framework, no database.
 */
import type { InputProblem } from '../../../errors/src/index.js';

interface BaseSpec {
  name: string;
  description: string;
}

export interface IntegerParam extends BaseSpec {
  kind: 'integer';
  unit: 'months' | 'years' | 'days' | 'seats' | 'societies';
  default: number;
  min: number;
  max: number;
}

/** A decimal string (at most 4 fraction digits) from `min` to `max`, or null when `nullable`. */
export interface DecimalParam extends BaseSpec {
  kind: 'decimal';
  unit: 'percent' | 'factor' | 'percentage points' | 'amount';
  default: string | null;
  min: string;
  max: string;
  nullable: boolean;
}

export interface ChoiceParam extends BaseSpec {
  kind: 'choice';
  default: string;
  values: readonly string[];
}

export interface ListParam extends BaseSpec {
  kind: 'list';
  default: readonly string[];
  values: readonly string[];
}

export type ParamSpec = IntegerParam | DecimalParam | ChoiceParam | ListParam;
export type ParamValue = number | string | null | readonly string[];
export type ParamValues = Readonly<Record<string, ParamValue>>;

const DECIMAL = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$/;

/** Compares two non-negative decimal strings of the DECIMAL form. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const x = ai + af.padEnd(width, '0');
  const y = bi + bf.padEnd(width, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Why `value` is not acceptable for `spec`, or null. */
export function explainParam(spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `must be a whole number of ${spec.unit}`;
      if (value < spec.min || value > spec.max) return `must be from ${spec.min} to ${spec.max} ${spec.unit}`;
      return null;
    case 'decimal':
      if (value === null) return spec.nullable ? null : 'must not be null';
      if (typeof value !== 'string' || !DECIMAL.test(value)) {
        return `must be a decimal string (e.g. "${spec.min === '0' ? '12.5' : spec.min}") with at most 4 fraction digits${spec.nullable ? ', or null for none' : ''}`;
      }
      if (compareDecimal(value, spec.min) < 0 || compareDecimal(value, spec.max) > 0) return `must be from ${spec.min} to ${spec.max} (${spec.unit})`;
      return null;
    case 'choice':
      return typeof value === 'string' && spec.values.includes(value) ? null : `must be one of: ${spec.values.join(', ')}`;
    case 'list': {
      if (!Array.isArray(value) || value.length === 0) return `must be a non-empty list of: ${spec.values.join(', ')}`;
      const wrong = value.find((v) => typeof v !== 'string' || !spec.values.includes(v));
      if (wrong !== undefined) return `lists ${JSON.stringify(wrong)}, which is not one of: ${spec.values.join(', ')}`;
      if (new Set(value).size !== value.length) return 'lists a value twice';
      return null;
    }
  }
}

/**
 * The problems of an override object for a rule with these parameters: it must be an
 * object naming only known parameters, each with a valid value. Fields are named
 * `<field>.<parameter>`.
 */
export function explainOverrides(specs: readonly ParamSpec[], overrides: unknown, field = 'params'): InputProblem[] {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return [{ field, message: `must be an object of parameters (${specs.map((s) => s.name).join(', ') || 'this rule has none'})` }];
  }
  const problems: InputProblem[] = [];
  for (const [name, value] of Object.entries(overrides)) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      problems.push({ field: `${field}.${name}`, message: `is not a parameter of this rule (its parameters: ${specs.map((s) => s.name).join(', ') || 'none'})` });
      continue;
    }
    const problem = explainParam(spec, value);
    if (problem) problems.push({ field: `${field}.${name}`, message: problem });
  }
  return problems;
}

/** The defaults of a rule's parameters. */
export function defaultParams(specs: readonly ParamSpec[]): ParamValues {
  return Object.fromEntries(specs.map((s) => [s.name, s.default]));
}

/**
 * The parameters in force: the defaults with the valid overrides on top. Throws when an
 * override is invalid (they are checked when stored, so this means the table was
 * written around the API).
 */
export function resolveParams(ruleId: string, specs: readonly ParamSpec[], overrides: unknown): ParamValues {
  if (overrides === undefined || overrides === null) return defaultParams(specs);
  const problems = explainOverrides(specs, overrides);
  if (problems.length > 0) {
    throw new RangeError(`the stored parameters of rule ${ruleId} are invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
  return { ...defaultParams(specs), ...(overrides as Record<string, ParamValue>) };
}

/** Typed reads of resolved parameters (the specs guarantee the kinds). */
export const param = {
  integer(values: ParamValues, name: string): number {
    const v = values[name];
    if (typeof v !== 'number') throw new TypeError(`parameter ${name} is not a whole number`);
    return v;
  },
  decimal(values: ParamValues, name: string): string | null {
    const v = values[name];
    if (v !== null && typeof v !== 'string') throw new TypeError(`parameter ${name} is not a decimal string`);
    return v;
  },
  choice(values: ParamValues, name: string): string {
    const v = values[name];
    if (typeof v !== 'string') throw new TypeError(`parameter ${name} is not a choice`);
    return v;
  },
  list(values: ParamValues, name: string): readonly string[] {
    const v = values[name];
    if (!Array.isArray(v)) throw new TypeError(`parameter ${name} is not a list`);
    return v;
  },
};
