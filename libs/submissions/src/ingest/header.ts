import type { InputProblem } from '../../../errors/src/index.js';
import { PACKAGES, type PackageType } from '../../../package-catalogue/src/index.js';

/** Splits one CSV record (RFC 4180 quoting) into its fields. */
export function splitCsvRecord(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/**
 * Checks the header row against the package type's columns (any order, each exactly
 * once; a column added later, `mayBeAbsent`, may be left out) and returns the column order of the file, or the problems on line 1.
 */
export function checkHeader(type: PackageType, firstLine: string): { order: string[] } | { problems: InputProblem[] } {
  const expected = PACKAGES[type].columns.map((c) => c.name);
  const names = splitCsvRecord(firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '')).map((n) => n.trim());
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (!expected.includes(name)) {
      problems.push({ line: 1, column: name, message: `unknown column "${name}" for a ${type} package (expected: ${expected.join(', ')})` });
    } else if (seen.has(name)) {
      problems.push({ line: 1, column: name, message: `column "${name}" appears twice in the header` });
    }
    seen.add(name);
  }
  for (const c of PACKAGES[type].columns) {
    if (!seen.has(c.name) && !c.mayBeAbsent) problems.push({ line: 1, column: c.name, message: `missing column "${c.name}"` });
  }
  return problems.length > 0 ? { problems } : { order: names };
}
