import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exchange rates to the euro, one per currency and day, uploaded by an admin or a
 * regulator: shared reference data (no society_id), which statements convert with and
 * name. A rate once recorded is never changed (a statement that used it must stay
 * reproducible), so the table is append-only like the ledger.
 *
 * rate_to_eur is the value of one unit of the currency in euros (EUR itself is 1 and
 * never stored). The secondary index serves "the last rate on or before a day" per
 * currency.
 */
export class CreateExchangeRates1764300006000 implements MigrationInterface {
  name = 'CreateExchangeRates1764300006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exchange_rates (
        rate_date   date NOT NULL,
        currency    char(3) NOT NULL REFERENCES ref_currencies (code) CHECK (currency <> 'EUR'),
        rate_to_eur numeric(20,10) NOT NULL CHECK (rate_to_eur > 0),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        uploaded_by text NOT NULL,
        PRIMARY KEY (rate_date, currency)
      )`);
    await q.query(`CREATE INDEX exchange_rates_by_currency ON exchange_rates (currency, rate_date)`);
    await q.query(`CREATE TRIGGER exchange_rates_append_only BEFORE UPDATE OR DELETE ON exchange_rates FOR EACH ROW EXECUTE FUNCTION ledger_refuse_rewrite()`);
    await q.query(`CREATE TRIGGER exchange_rates_no_truncate BEFORE TRUNCATE ON exchange_rates FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER exchange_rates_no_truncate ON exchange_rates`);
    await q.query(`DROP TRIGGER exchange_rates_append_only ON exchange_rates`);
    await q.query(`DROP INDEX exchange_rates_by_currency`);
    await q.query(`DROP TABLE exchange_rates`);
  }
}
