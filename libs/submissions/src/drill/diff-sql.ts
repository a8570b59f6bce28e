import { leafJsonSql } from '../package-types/ingest-sql.js';
import { PACKAGES, type PackageType } from '../package-types/package-types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID as an SQL literal (the cursor statements take no parameters); anything else is refused. */
export function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  return `'${id.toLowerCase()}'::uuid`;
}

export interface DiffTarget {
  societyId: string;
  /** The package shown (the correction). */
  submissionId: string;
  /** The package it replaced. */
  previousId: string;
}

export interface DiffSql {
  /** Lines of the new package whose id the old one lacks: id, line_no, leaf. */
  added: string;
  /** Lines of the old package whose id the new one lacks: id, line_no, leaf. */
  removed: string;
  /** Lines in both whose leaves differ: id, old line_no, new line_no, old leaf, new leaf. */
  changed: string;
}

/**
 * The three statements of a line-level diff between a package and the one it replaced,
 * keyed by the type's line id (distribution lines: line_id), each ordered by that id.
 * PostgreSQL does the merge: each side is one submission (for distribution lines its own
 * partition, with an index on (society, submission, line_id), so the join can be a merge
 * of two index scans, never a sort of either package), and the rows are read through a
 * cursor a batch at a time. Two lines are the same when their leaf hashes are.
 */
export function diffSql(type: PackageType, t: DiffTarget): DiffSql {
  const p = PACKAGES[type];
  const id = p.idColumn;
  if (!id) throw new Error(`${type} lines have no id to pair them by`);
  const society = uuidLiteral(t.societyId);
  const side = (alias: string, submission: string) => `${alias}.society_id = ${society} AND ${alias}.submission_id = ${uuidLiteral(submission)}`;
  const only = (mine: string, theirs: string) => `
    SELECT n.${id} AS id, n.line_no AS "lineNo", ${leafJsonSql(type, 'n')} AS leaf
    FROM ${p.table} n
    WHERE ${side('n', mine)} AND NOT EXISTS (SELECT 1 FROM ${p.table} o WHERE ${side('o', theirs)} AND o.${id} = n.${id})
    ORDER BY n.${id}`;
  return {
    added: only(t.submissionId, t.previousId),
    removed: only(t.previousId, t.submissionId),
    changed: `
      SELECT n.${id} AS id, o.line_no AS "fromLineNo", n.line_no AS "toLineNo", ${leafJsonSql(type, 'o')} AS "fromLeaf", ${leafJsonSql(type, 'n')} AS "toLeaf"
      FROM ${p.table} n JOIN ${p.table} o ON ${side('o', t.previousId)} AND o.${id} = n.${id}
      WHERE ${side('n', t.submissionId)} AND o.leaf_hash <> n.leaf_hash
      ORDER BY n.${id}`,
  };
}
