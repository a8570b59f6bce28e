/**
 * A line's fields as the API shows them (issue 17 items 3 and 4), read from its leaf: the
 * RFC 8785 canonical JSON the line is hashed as, whose values are the package's cells in
 * one canonical spelling (amounts without trailing zeros, dates YYYY-MM-DD, null for an
 * empty optional cell). Field names are the package's column names in camelCase, as the
 * API's lines name them (`management_fee` → `managementFee`). Pure. (The diff compares
 * the same leaf values in SQL: diff-sql.ts.)
 */
import { fieldName } from '../../../package-catalogue/src/index.js';

/** A package column name as the API names the field (the catalogue's: line-changes.ts). */
export { fieldName };

/** One field's change in a diff; null is an empty cell. */
export interface FieldChange {
  from: string | null;
  to: string | null;
}

type Leaf = Record<string, string | null | undefined>;

function parseLeaf(leaf: string | Leaf): Leaf {
  return typeof leaf === 'string' ? (JSON.parse(leaf) as Leaf) : leaf;
}

/** Every field of a line from its leaf, by API name (a column a line's leaf leaves out, added to the package type later, is null). */
export function leafFields(leaf: string | Leaf, columns: readonly string[]): Record<string, string | null> {
  const values = parseLeaf(leaf);
  return Object.fromEntries(columns.map((c) => [fieldName(c), values[c] ?? null]));
}

/**
 * The fields whose leaf value differs between two versions of a line, in column order
 * (`columns`, the package type's), each with its value before and after; a side that is
 * null (the line was added, or removed) reads as every field empty. Empty when the
 * leaves agree. The same comparison as the diff's SQL (changedFieldsJsonSql).
 */
export function changedFields(before: string | Leaf | null, after: string | Leaf | null, columns: readonly string[]): Record<string, FieldChange> {
  const a = before === null ? {} : parseLeaf(before);
  const b = after === null ? {} : parseLeaf(after);
  const changes: Record<string, FieldChange> = {};
  for (const c of columns) {
    const from = a[c] ?? null;
    const to = b[c] ?? null;
    if (from !== to) changes[fieldName(c)] = { from, to };
  }
  return changes;
}
