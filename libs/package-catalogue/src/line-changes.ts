import { PACKAGES, type PackageType } from './catalogue.js';

/**
 * When a line of a correction "changed" (issue 17): one definition, read by the package
 * diff (GET /v1/submissions/{id}/diff), the `line.changed` notification and the
 * corrections on a holder's statement. Two versions of a line are paired by the type's
 * id column; they differ when the leaf value (the canonical text the line is hashed as:
 * amounts without trailing zeros, dates YYYY-MM-DD, null an empty cell) of any of the
 * type's other columns differs — every column the package holds counts, those added to
 * the type later (`work_type`, `recording_isrc`) too. Pure: SQL text from the catalogue.
 */

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A package column name as the API names the field: `management_fee` → `managementFee`. */
export function fieldName(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The columns whose values make a line changed: every column of the type but its id
 * column (the key the two versions are paired by), in column order.
 */
export function changeColumns(type: PackageType): string[] {
  const p = PACKAGES[type];
  return p.columns.map((c) => c.name).filter((name) => name !== p.idColumn);
}

/**
 * SQL boolean: the lines `before` and `after` (aliases of the type's lines table, paired
 * by id; either side may be a missing row of an outer join) differ. It compares their
 * leaf hashes: the leaf holds every column, the paired id is equal on both sides, so the
 * leaves differ exactly when a `changeColumns` value does (changedFieldsJsonSql names them).
 */
export function linesDifferSql(before: string, after: string): string {
  return `${before}.leaf_hash IS DISTINCT FROM ${after}.leaf_hash`;
}

/**
 * The JSON object text `{"name": {"from": …, "to": …}, …}` of the `changeColumns` whose
 * leaf values differ between the line `before` and the line `after`, by API name
 * (fieldName) in column order, each value as the line's leaf writes it (a JSON string,
 * or null). `{}` when nothing differs.
 */
export function changedFieldsJsonSql(type: PackageType, before: string, after: string): string {
  const byName = new Map(PACKAGES[type].columns.map((c) => [c.name, c]));
  const parts = changeColumns(type).map((name) => {
    const c = byName.get(name)!;
    const from = c.leaf(`${before}.${name}`);
    const to = c.leaf(`${after}.${name}`);
    return `CASE WHEN ${from} IS DISTINCT FROM ${to} THEN ${lit(`"${fieldName(name)}":{"from":`)} || ${from} || ',"to":' || ${to} || '}' END`;
  });
  return `concat('{', concat_ws(',', ${parts.join(', ')}), '}')`;
}
