import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes of distribution_lines besides its primary key (names kept from earlier migrations). */
const INDEXES = [
  `CREATE INDEX distribution_lines_by_holder ON distribution_lines (society_id, rights_holder_id)`,
  `CREATE INDEX distribution_lines_by_line_id ON distribution_lines (society_id, submission_id, line_id)`,
  `CREATE INDEX distribution_lines_unidentified_by_name ON distribution_lines (society_id, ledger_name_key(rights_holder_name)) WHERE status = 'unidentified'`,
  `CREATE INDEX distribution_lines_unidentified_by_work ON distribution_lines (society_id, work_iswc) WHERE status = 'unidentified'`,
];
const INDEX_NAMES = ['distribution_lines_by_holder', 'distribution_lines_by_line_id', 'distribution_lines_unidentified_by_name', 'distribution_lines_unidentified_by_work'];
const CLAIMS_FK = 'claims_lines_fkey';

const hex = (uuid: string) => uuid.replace(/-/g, '');

/**
 * distribution_lines, the table that takes millions of lines per package, becomes a
 * partitioned table: LIST by society_id (the distribution column leads, as everywhere),
 * each society's partition LIST by submission_id, one partition per committed package.
 * Partitions live in the schema `lines`.
 *
 * Why: a package's lines are then written into a table of their own that is not yet
 * part of distribution_lines, its indexes are built in bulk (a sort per index instead
 * of a million index insertions each), the foreign key is checked by one join instead
 * of a trigger per row, and the finished table is attached inside the committing
 * transaction (see libs/submissions/src/storage/line-partitions.ts). Readers see the
 * package all at once or not at all, as before.
 *
 * Existing lines are moved into partitions here. The append-only triggers stay on the
 * parent (row triggers are cloned onto every partition; TRUNCATE, a statement trigger,
 * is added to each partition as it is created).
 */
export class PartitionDistributionLines1764300007000 implements MigrationInterface {
  name = 'PartitionDistributionLines1764300007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA lines`);
    await q.query(`COMMENT ON SCHEMA lines IS 'Partitions of the line tables: one per society, and within it one per committed submission'`);
    const fk = await claimsForeignKey(q);
    await q.query(`ALTER TABLE claims DROP CONSTRAINT ${fk}`);
    await q.query(`ALTER TABLE distribution_lines RENAME TO distribution_lines_unpartitioned`);
    await q.query(`ALTER INDEX distribution_lines_pkey RENAME TO distribution_lines_unpartitioned_pkey`);
    for (const name of INDEX_NAMES) await q.query(`ALTER INDEX ${name} RENAME TO ${name}_old`);

    await q.query(`CREATE TABLE distribution_lines (LIKE distribution_lines_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (society_id)`);
    await q.query(`ALTER TABLE distribution_lines ADD CONSTRAINT distribution_lines_pkey PRIMARY KEY (society_id, submission_id, line_no)`);
    await q.query(`ALTER TABLE distribution_lines ADD CONSTRAINT distribution_lines_society_id_submission_id_fkey FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)`);
    for (const sql of INDEXES) await q.query(sql);
    await q.query(`CREATE TRIGGER distribution_lines_append_only BEFORE UPDATE OR DELETE ON distribution_lines FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER distribution_lines_no_truncate BEFORE TRUNCATE ON distribution_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);

    const parts: { society_id: string; submission_id: string }[] = await q.query(
      `SELECT DISTINCT society_id::text, submission_id::text FROM distribution_lines_unpartitioned ORDER BY 1, 2`,
    );
    const societies = new Set<string>();
    for (const p of parts) {
      const society = `lines.distribution_lines_s${hex(p.society_id)}`;
      if (!societies.has(p.society_id)) {
        societies.add(p.society_id);
        await q.query(`CREATE TABLE ${society} PARTITION OF distribution_lines FOR VALUES IN ('${p.society_id}') PARTITION BY LIST (submission_id)`);
        await q.query(`CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${society} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
      }
      const part = `lines.distribution_lines_p${hex(p.submission_id)}`;
      await q.query(`CREATE TABLE ${part} PARTITION OF ${society} FOR VALUES IN ('${p.submission_id}')`);
      await q.query(`CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${part} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
    }
    await q.query(`INSERT INTO distribution_lines SELECT * FROM distribution_lines_unpartitioned`);
    await q.query(`DROP TABLE distribution_lines_unpartitioned`);
    await q.query(
      `ALTER TABLE claims ADD CONSTRAINT ${CLAIMS_FK} FOREIGN KEY (society_id, submission_id, line_no) REFERENCES distribution_lines (society_id, submission_id, line_no)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims DROP CONSTRAINT ${CLAIMS_FK}`);
    await q.query(`CREATE TABLE distribution_lines_unpartitioned (LIKE distribution_lines INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await q.query(`INSERT INTO distribution_lines_unpartitioned SELECT * FROM distribution_lines`);
    await q.query(`DROP TABLE distribution_lines CASCADE`);
    await q.query(`DROP SCHEMA lines CASCADE`);
    await q.query(`ALTER TABLE distribution_lines_unpartitioned RENAME TO distribution_lines`);
    await q.query(`ALTER TABLE distribution_lines ADD CONSTRAINT distribution_lines_pkey PRIMARY KEY (society_id, submission_id, line_no)`);
    await q.query(`ALTER TABLE distribution_lines ADD CONSTRAINT distribution_lines_society_id_submission_id_fkey FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id)`);
    for (const sql of INDEXES) await q.query(sql);
    await q.query(`CREATE TRIGGER distribution_lines_append_only BEFORE UPDATE OR DELETE ON distribution_lines FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER distribution_lines_no_truncate BEFORE TRUNCATE ON distribution_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(
      `ALTER TABLE claims ADD CONSTRAINT claims_society_id_submission_id_line_no_fkey FOREIGN KEY (society_id, submission_id, line_no) REFERENCES distribution_lines (society_id, submission_id, line_no)`,
    );
  }
}

async function claimsForeignKey(q: QueryRunner): Promise<string> {
  const rows: { conname: string }[] = await q.query(
    `SELECT conname FROM pg_constraint WHERE conrelid = 'claims'::regclass AND confrelid = 'distribution_lines'::regclass AND contype = 'f'`,
  );
  if (rows.length !== 1) throw new Error(`expected one foreign key from claims to distribution_lines, found ${rows.length}`);
  return rows[0].conname;
}
