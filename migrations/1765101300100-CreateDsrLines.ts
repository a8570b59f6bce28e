import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lines of a `dsr` package (issue 16 item 2): a DSP's DDEX DSR report as the society's
 * licence income for the period, one line per sales record and work (a medley's money
 * shared between its works exactly; libs/dsr `incomeShares`), with the upload line it was
 * read from. The work as the report names it (ISWC, title, contributors) and the recording
 * (first ISRC, title, artist), the sales context (use type, commercial model, territory,
 * service), the usage period, usages and money (exact), and the category of rights the
 * money is booked under (a stated policy, libs/dsr DSR_CATEGORY_POLICY, not a claim of law).
 * Usages and amounts are kept exactly as reported (numeric without a scale: UGC reports give
 * revenue to more decimals than the ledger's 8); the journal rounds each line to 8 decimals
 * before summing, so its entries balance. It posts cash against pool:<category>, like an
 * income package.
 *
 * Keyed by society first (the distribution column), like every table of a society's data;
 * append-only like every lines table. Indexed for following a work's money (by ISWC, by ISRC).
 */
export class CreateDsrLines1765101300100 implements MigrationInterface {
  name = 'CreateDsrLines1765101300100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dsr_lines (
        society_id           uuid NOT NULL,
        submission_id        uuid NOT NULL,
        line_no              integer NOT NULL,
        source_line          integer NOT NULL,
        income_id            text NOT NULL,
        message_id           text NOT NULL,
        dsp_party_id         text NOT NULL,
        dsp_name             text NOT NULL,
        service              text,
        summary_record_id    text,
        block_id             text NOT NULL,
        sales_transaction_id text,
        iswc                 char(11),
        work_title           text,
        contributors         text,
        isrc                 char(12),
        recording_title      text,
        display_artist       text,
        dsp_resource_id      text,
        use_type             text,
        commercial_model     text,
        territory            text NOT NULL,
        period_from          date NOT NULL,
        period_to            date NOT NULL,
        currency             char(3) NOT NULL,
        usages               numeric NOT NULL,
        amount               numeric NOT NULL,
        revenue_basis        text NOT NULL CHECK (revenue_basis IN ('reported', 'pro-rata', 'none')),
        rights_type          text,
        category             text NOT NULL,
        leaf_hash            bytea NOT NULL,
        PRIMARY KEY (society_id, submission_id, line_no),
        FOREIGN KEY (society_id, submission_id) REFERENCES submissions (society_id, id),
        CHECK (period_from <= period_to)
      )`);
    await q.query(`COMMENT ON TABLE dsr_lines IS 'Licence income from DDEX DSR reports: one line per sales record and work (type=dsr packages)'`);
    await q.query(`CREATE INDEX dsr_lines_by_iswc ON dsr_lines (society_id, iswc) WHERE iswc IS NOT NULL`);
    await q.query(`CREATE INDEX dsr_lines_by_isrc ON dsr_lines (society_id, isrc) WHERE isrc IS NOT NULL`);
    await q.query(`CREATE TRIGGER dsr_lines_append_only BEFORE UPDATE OR DELETE ON dsr_lines FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER dsr_lines_no_truncate BEFORE TRUNCATE ON dsr_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dsr_lines`);
  }
}
