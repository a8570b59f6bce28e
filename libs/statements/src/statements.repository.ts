import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SignedTreeHead } from '../../merkle/src/index.js';
import type { HolderLine } from './figures.js';

/** A rights holder, and whether it is "a member" of one society (a mandate or lines there). */
export interface HolderRow {
  id: string;
  name: string;
  ipi: string | null;
  /** Only when asked about a society. */
  mandateThere: boolean;
  linesThere: boolean;
}

/** One society of a statement: its latest signed head and the holder's lines of the year committed under it. */
export interface StatementSocietyRow {
  societyId: string;
  societyName: string;
  head: SignedTreeHead | null;
  lines: HolderLine[];
}

/** A holder's line for the line listing: the statement's fields and what names the line in the log. */
export interface ListedLine extends HolderLine {
  societyName: string;
  territory: string;
  workIswc: string | null;
  workTitle: string;
}

/** Keyset position in the line listing. */
export interface LineKey {
  societyId: string;
  submissionId: string;
  lineNo: number;
}

/** Line columns in the order the statement query packs them into JSON arrays. */
type PackedLine = [string, number, string, string, string, string, string, string, string, string, string, string | null, string, string, string];

const HEAD = `tree_size::int AS "treeSize", encode(root_hash, 'hex') AS "rootHash", timestamp, origin, signature, key_id AS "keyId"`;

/**
 * Every SQL statement of rights-holder statements. Lines are found per society with
 * the index distribution_lines_by_holder (society_id, rights_holder_id): the query
 * walks the (few) societies and probes the index once for each, which also keeps it
 * a per-shard lookup on a Citus cluster distributed by society_id.
 */
@Injectable()
export class StatementsRepository {
  constructor(private readonly db: DataSource) {}

  /** The holder, and with `societyId` whether it holds a mandate or has lines at that society. */
  async holder(holderId: string, societyId: string | null): Promise<HolderRow | undefined> {
    const rows: HolderRow[] = await this.db.query(
      `SELECT h.id, h.name, h.ipi,
              ($2::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM mandates m WHERE m.society_id = $2::uuid AND m.rights_holder_id = h.id)) AS "mandateThere",
              ($2::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM distribution_lines l WHERE l.society_id = $2::uuid AND l.rights_holder_id = h.id)) AS "linesThere"
       FROM rights_holders h WHERE h.id = $1`,
      [holderId, societyId],
    );
    return rows[0];
  }

  /**
   * In one statement (one snapshot), per society the latest signed head and the holder's
   * lines whose use ended between `from` and `to`, from submissions committed and in
   * the log at that head; societies without such lines are listed when the holder has
   * a mandate there. `societyIds` null: every society.
   */
  async statementRows(holderId: string, from: string, to: string, societyIds: string[] | null): Promise<StatementSocietyRow[]> {
    const rows: {
      societyId: string;
      societyName: string;
      treeSize: number | null;
      rootHash: string;
      timestamp: string;
      origin: string | null;
      signature: string;
      keyId: string;
      lines: PackedLine[] | null;
    }[] = await this.db.query(
      `SELECT s.id AS "societyId", s.name AS "societyName", hd.*, ls.lines
       FROM societies s
       LEFT JOIN LATERAL (SELECT ${HEAD} FROM tree_heads WHERE society_id = s.id ORDER BY tree_size DESC LIMIT 1) hd ON true
       CROSS JOIN LATERAL (
         SELECT json_agg(json_build_array(l.submission_id, l.line_no, l.line_id, l.category, l.use_type, l.currency,
                  l.gross::text, l.management_fee::text, l.other_deductions::text, l.net::text, l.status, l.paid_on, l.use_from, l.use_to, l.mandate_basis)
                  ORDER BY l.submission_id, l.line_no) AS lines
         FROM distribution_lines l
         JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id
         WHERE l.society_id = s.id AND l.rights_holder_id = $1 AND l.use_to BETWEEN $2::date AND $3::date
           AND sub.status = 'committed' AND sub.log_index < hd."treeSize"
       ) ls
       WHERE ($4::uuid[] IS NULL OR s.id = ANY($4::uuid[]))
         AND (ls.lines IS NOT NULL OR EXISTS (SELECT 1 FROM mandates m WHERE m.society_id = s.id AND m.rights_holder_id = $1))
       ORDER BY s.name, s.id`,
      [holderId, from, to, societyIds],
    );
    return rows.map((r) => ({
      societyId: r.societyId,
      societyName: r.societyName,
      head:
        r.treeSize === null
          ? null
          : r.origin === null
            ? { treeSize: r.treeSize, rootHash: r.rootHash, timestamp: r.timestamp, signature: r.signature, keyId: r.keyId }
            : { treeSize: r.treeSize, rootHash: r.rootHash, timestamp: r.timestamp, origin: r.origin, signature: r.signature, keyId: r.keyId },
      lines: (r.lines ?? []).map((x) => ({
        societyId: r.societyId,
        submissionId: x[0],
        lineNo: x[1],
        lineId: x[2],
        category: x[3],
        useType: x[4],
        currency: x[5],
        gross: x[6],
        managementFee: x[7],
        otherDeductions: x[8],
        net: x[9],
        status: x[10],
        paidOn: x[11],
        useFrom: x[12],
        useTo: x[13],
        mandateBasis: x[14],
      })),
    }));
  }

  /** A page of the holder's committed lines of the period, in (society, submission, line) order, after `after`. */
  async linesPage(holderId: string, from: string, to: string, societyIds: string[] | null, after: LineKey | null, limit: number): Promise<ListedLine[]> {
    return this.db.query(
      `SELECT s.id AS "societyId", s.name AS "societyName", l.submission_id AS "submissionId", l.line_no AS "lineNo", l.line_id AS "lineId",
              l.category, l.use_type AS "useType", l.territory, l.work_iswc AS "workIswc", l.work_title AS "workTitle", l.currency,
              l.gross::text AS gross, l.management_fee::text AS "managementFee", l.other_deductions::text AS "otherDeductions", l.net::text AS net,
              l.status, to_char(l.paid_on, 'YYYY-MM-DD') AS "paidOn", to_char(l.use_from, 'YYYY-MM-DD') AS "useFrom", to_char(l.use_to, 'YYYY-MM-DD') AS "useTo",
              l.mandate_basis AS "mandateBasis"
       FROM societies s
       JOIN distribution_lines l ON l.society_id = s.id AND l.rights_holder_id = $1
       JOIN submissions sub ON sub.society_id = l.society_id AND sub.id = l.submission_id AND sub.status = 'committed'
       WHERE l.use_to BETWEEN $2::date AND $3::date
         AND ($4::uuid[] IS NULL OR s.id = ANY($4::uuid[]))
         AND ($5::uuid IS NULL OR (l.society_id, l.submission_id, l.line_no) > ($5::uuid, $6::uuid, $7::int))
       ORDER BY l.society_id, l.submission_id, l.line_no
       LIMIT $8`,
      [holderId, from, to, societyIds, after?.societyId ?? null, after?.submissionId ?? null, after?.lineNo ?? null, limit],
    );
  }
}
