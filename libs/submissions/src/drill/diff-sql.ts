import { changedFieldsJsonSql, fieldName, linesDifferSql, PACKAGES, type PackageType } from '../../../package-catalogue/src/index.js';

/** Which columns make a line changed, and how they are compared, is the catalogue's (line-changes.ts): the notification line.changed and statements' corrections read the same. */
export { changedFieldsJsonSql };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A UUID as an SQL literal (the cursor statements take no parameters); anything else is refused. */
export function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  return `'${id.toLowerCase()}'::uuid`;
}

/**
 * The JSON object text `{"name": value, …}` of every column of the line `alias`, by API
 * name in column order, each value as the line's leaf writes it (a JSON string, or null).
 */
export function fieldsJsonSql(type: PackageType, alias: string): string {
  const parts = PACKAGES[type].columns.flatMap((c, i) => [lit(`${i === 0 ? '{' : ','}"${fieldName(c.name)}":`), c.leaf(`${alias}.${c.name}`)]);
  return `concat(${parts.join(', ')}, '}')`;
}

export interface DiffTarget {
  societyId: string;
  /** The package shown (the correction). */
  submissionId: string;
  /** The package it replaced. */
  previousId: string;
}

export interface DiffSql {
  /** Lines of the new package whose id the old one lacks: `item`, `{lineId, lineNo, fields}` as JSON text. */
  added: string;
  /** Lines of the old package whose id the new one lacks: `item` as above. */
  removed: string;
  /** Lines in both whose leaves differ: `item`, `{lineId, fromLineNo, toLineNo, fields: {name: {from, to}}}` as JSON text. */
  changed: string;
}

/**
 * The three statements of a line-level diff between a package and the one it replaced,
 * keyed by the type's line id (distribution lines: line_id), each ordered by that id and
 * each row already the JSON text of one item of the answer (the API passes it on without
 * parsing it). PostgreSQL does the merge: each side is one submission (for distribution
 * lines its own partition, with an index on (society, submission, line_id), so the join
 * can be a merge of two index scans, never a sort of either package), and the rows are
 * read through a cursor a batch at a time. Two lines are the same when their leaf hashes
 * are.
 */
export function diffSql(type: PackageType, t: DiffTarget): DiffSql {
  const p = PACKAGES[type];
  const id = p.idColumn;
  if (!id) throw new Error(`${type} lines have no id to pair them by`);
  const society = uuidLiteral(t.societyId);
  const side = (alias: string, submission: string) => `${alias}.society_id = ${society} AND ${alias}.submission_id = ${uuidLiteral(submission)}`;
  const only = (mine: string, theirs: string) => `
    SELECT concat('{"lineId":', to_json(n.${id})::text, ',"lineNo":', n.line_no, ',"fields":', ${fieldsJsonSql(type, 'n')}, '}') AS item
    FROM ${p.table} n
    WHERE ${side('n', mine)} AND NOT EXISTS (SELECT 1 FROM ${p.table} o WHERE ${side('o', theirs)} AND o.${id} = n.${id})
    ORDER BY n.${id}`;
  return {
    added: only(t.submissionId, t.previousId),
    removed: only(t.previousId, t.submissionId),
    changed: `
      SELECT concat('{"lineId":', to_json(n.${id})::text, ',"fromLineNo":', o.line_no, ',"toLineNo":', n.line_no, ',"fields":', ${changedFieldsJsonSql(type, 'o', 'n')}, '}') AS item
      FROM ${p.table} n JOIN ${p.table} o ON ${side('o', t.previousId)} AND o.${id} = n.${id}
      WHERE ${side('n', t.submissionId)} AND ${linesDifferSql('o', 'n')}
      ORDER BY n.${id}`,
  };
}

