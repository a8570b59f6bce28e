import { PACKAGES, type PackageType } from './catalogue.js';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Keys in RFC 8785 order: by UTF-16 code units (what JS's default sort does). */
export function leafKeys(type: PackageType): string[] {
  return PACKAGES[type].columns.map((c) => c.name).sort();
}

/**
 * The SQL text of a line's canonical JSON (RFC 8785) over the stored columns of `alias`:
 * keys are the CSV column names in code-unit order; values JSON strings, or null for an
 * empty optional cell. PostgreSQL's JSON string escaping matches RFC 8785 (short escapes
 * for \b \t \n \f \r, \u00xx for other controls, no escaping of "/" or non-ASCII).
 */
export function leafJsonSql(type: PackageType, alias: string, from: 'stored' | 'staged' = 'stored'): string {
  const byName = new Map(PACKAGES[type].columns.map((c) => [c.name, c]));
  const value = (k: string) => (from === 'stored' ? byName.get(k)!.leaf(`${alias}.${k}`) : byName.get(k)!.stagedLeaf(`${alias}.${k}`));
  // A column added later (mayBeAbsent) has no key at all when empty: the leaves of lines
  // committed before it existed stay what they were.
  const absent = (k: string) => (from === 'stored' ? `${alias}.${k} IS NULL` : `${alias}.${k} = ''`);
  // One concat() call builds the text in one allocation (a chain of || copies it per piece).
  const parts = leafKeys(type).flatMap((k, i) => {
    if (!byName.get(k)!.mayBeAbsent) return [lit(`${i === 0 ? '{' : ','}"${k}":`), value(k)];
    if (i === 0) throw new Error(`${k}: a column that may be absent cannot sort first in the leaf`);
    return [`CASE WHEN ${absent(k)} THEN '' ELSE ${lit(`,"${k}":`)} || ${value(k)} END`];
  });
  return `concat(${parts.join(', ')}, '}')`;
}

/**
 * A line's leaf hash (RFC 6962 leaf: SHA-256 of 0x00 and the canonical JSON) over the
 * stored columns of `alias`, or, `staged`, over the staged text of a row that passed
 * validation: both give the same hash for the same line.
 */
export function leafHashSql(type: PackageType, alias: string, from: 'stored' | 'staged' = 'stored'): string {
  return `sha256('\\x00'::bytea || convert_to(${leafJsonSql(type, alias, from)}, 'UTF8'))`;
}
