/**
 * Helpers for the library's own tests (not exported from index.ts): fixture paths, a file
 * made of lines, and edits of one field of one line by name.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LAYOUTS } from './layouts.js';
import { type CwrEvent, type CwrReadOptions, readCwrAll } from './reader.js';
import { sampleCwrLines } from './sample.js';
import type { CwrProblem } from './problems.js';

export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/cwr/', import.meta.url));

export function fixtureBytes(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}

export function fixtureLines(name: string): string[] {
  return fixtureBytes(name).toString('latin1').split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);
}

/** A valid sample file of `works` works, as lines. */
export function sampleLines(works = 3, version: '2.1' | '2.2' = '2.2'): string[] {
  return [...sampleCwrLines(works, { version })];
}

/** Replace a field of a line (by record layout field name) with `text` (padded/cut to its size). */
export function setField(line: string, field: string, text: string): string {
  const layout = LAYOUTS.get(line.slice(0, 3));
  const f = layout?.fields.find((x) => x.name === field);
  if (!f) throw new Error(`no field ${field} in ${line.slice(0, 3)}`);
  const padded = line.padEnd(f.start - 1 + f.size, ' ');
  const value = text.length >= f.size ? text.slice(0, f.size) : text.padEnd(f.size, ' ');
  return padded.slice(0, f.start - 1) + value + padded.slice(f.start - 1 + f.size);
}

/** Index of the n-th (0-based) line of a record type. */
export function lineOf(lines: readonly string[], type: string, nth = 0): number {
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i].startsWith(type) && seen++ === nth) return i;
  throw new Error(`no ${type} #${nth}`);
}

export async function read(lines: readonly string[] | string | Buffer, options: CwrReadOptions = {}) {
  const source = Array.isArray(lines) ? Buffer.from(lines.join('\r\n') + '\r\n', 'latin1') : lines;
  const result = await readCwrAll(typeof source === 'string' ? source : [source as Buffer], options);
  const problems: CwrProblem[] = [...result.summary.problems, ...result.transactions.flatMap((t) => t.problems)];
  for (const e of result.events) if (e.kind === 'group-end' || e.kind === 'group') problems.push(...e.problems.filter((p) => !problems.includes(p)));
  return { ...result, problems };
}

export function only(problems: readonly CwrProblem[], level?: CwrProblem['level']) {
  return problems.filter((p) => (level ? p.level === level : p.level !== 'warning'));
}

export function groupEnds(events: readonly CwrEvent[]) {
  return events.flatMap((e) => (e.kind === 'group-end' ? [e] : []));
}
