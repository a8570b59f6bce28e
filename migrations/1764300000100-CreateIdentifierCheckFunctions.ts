import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNTRY_CODES } from '../libs/identifiers/src/countries.js';
import { CURRENCIES } from '../libs/identifiers/src/currencies.js';

/**
 * SQL twins of the identifier checks in libs/identifiers, so an ingest can
 * validate millions of staged rows with one set-based statement:
 *
 * - `ledger_ipi_valid(text)`: IPI name number, exactly 11 digits with mod-101 check digits.
 * - `ledger_iswc_valid(text)`: ISWC as stored (`T0345246801`) or displayed (`T-034.524.680-1`).
 * - `ledger_iswc_normalize(text)`: the stored form of a valid ISWC, else NULL.
 * - `ledger_cisac_valid(text)`: CISAC society code, exactly three digits.
 * - `ref_countries`, `ref_currencies`: ISO 3166-1 alpha-2 and ISO 4217 (with minor units),
 *   filled from the very lists the TypeScript validators use.
 *
 * The functions are plain `LANGUAGE sql` single expressions, IMMUTABLE and
 * PARALLEL SAFE, so the planner inlines them into the calling query. They never
 * raise: NULL, letters, wrong lengths and any other text give false (the
 * validity checks) or NULL (normalize). Digits are read with `ascii() - 48`
 * rather than casts, so no branch can fail whatever order it is evaluated in.
 *
 * A later change to the TypeScript lists needs its own migration for existing
 * databases (this one only runs once there; a fresh database gets the new list
 * here already, so that migration should insert with ON CONFLICT DO NOTHING).
 */
export class CreateIdentifierCheckFunctions1764300000100 implements MigrationInterface {
  name = 'CreateIdentifierCheckFunctions1764300000100';

  async up(q: QueryRunner): Promise<void> {
    // IPI: first nine digits weighted 10..2, sum mod 101 = m; check = 0 if m = 0
    // else (101 - m) mod 100, which is ((101 - m) mod 101) mod 100 in one formula.
    await q.query(`
      CREATE FUNCTION ledger_ipi_valid(ipi text) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE WHEN ipi ~ '^[0-9]{11}$' THEN
          ((101 - ((ascii(substr(ipi, 1, 1)) - 48) * 10
                 + (ascii(substr(ipi, 2, 1)) - 48) * 9
                 + (ascii(substr(ipi, 3, 1)) - 48) * 8
                 + (ascii(substr(ipi, 4, 1)) - 48) * 7
                 + (ascii(substr(ipi, 5, 1)) - 48) * 6
                 + (ascii(substr(ipi, 6, 1)) - 48) * 5
                 + (ascii(substr(ipi, 7, 1)) - 48) * 4
                 + (ascii(substr(ipi, 8, 1)) - 48) * 3
                 + (ascii(substr(ipi, 9, 1)) - 48) * 2) % 101) % 101) % 100
          = (ascii(substr(ipi, 10, 1)) - 48) * 10 + (ascii(substr(ipi, 11, 1)) - 48)
        ELSE false END
      $$`);
    await q.query(`
      COMMENT ON FUNCTION ledger_ipi_valid(text) IS
        'True for an 11-digit IPI name number with correct mod-101 check digits (twin of isIpi in libs/identifiers); false for anything else, NULL included.'`);

    // ISWC: s = 1 + sum(i * d_i) over the nine work digits, check = (10 - s mod 10) mod 10.
    // The nine digits sit at positions 2..10 of the stored form T0345246801 and at
    // 3,4,5, 7,8,9, 11,12,13 of the display form T-034.524.680-1, so the display
    // position is the stored one plus 1, 2 or 3 per group of three. The form
    // factor (octet_length - 11) / 4 is 0 for the 11-character form and 1 for the
    // 15-character one; the check digit is the last character in both. (Reading
    // positions this way is about twice as fast as a translate() per digit.)
    const form = '((octet_length(iswc) - 11) / 4)';
    await q.query(`
      CREATE FUNCTION ledger_iswc_valid(iswc text) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE WHEN iswc ~ '^T([0-9]{10}|-[0-9]{3}[.][0-9]{3}[.][0-9]{3}-[0-9])$' THEN
          (10 - (1 + (ascii(substr(iswc,  2 + 1 * ${form}, 1)) - 48) * 1
                   + (ascii(substr(iswc,  3 + 1 * ${form}, 1)) - 48) * 2
                   + (ascii(substr(iswc,  4 + 1 * ${form}, 1)) - 48) * 3
                   + (ascii(substr(iswc,  5 + 2 * ${form}, 1)) - 48) * 4
                   + (ascii(substr(iswc,  6 + 2 * ${form}, 1)) - 48) * 5
                   + (ascii(substr(iswc,  7 + 2 * ${form}, 1)) - 48) * 6
                   + (ascii(substr(iswc,  8 + 3 * ${form}, 1)) - 48) * 7
                   + (ascii(substr(iswc,  9 + 3 * ${form}, 1)) - 48) * 8
                   + (ascii(substr(iswc, 10 + 3 * ${form}, 1)) - 48) * 9) % 10) % 10
          = ascii(right(iswc, 1)) - 48
        ELSE false END
      $$`);
    await q.query(`
      COMMENT ON FUNCTION ledger_iswc_valid(text) IS
        'True for an ISWC written T0345246801 or T-034.524.680-1 with a correct check digit (twin of isIswc in libs/identifiers); false for anything else, NULL included.'`);

    await q.query(`
      CREATE FUNCTION ledger_iswc_normalize(iswc text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE WHEN ledger_iswc_valid(iswc) THEN translate(iswc, '-.', '') END
      $$`);
    await q.query(`
      COMMENT ON FUNCTION ledger_iswc_normalize(text) IS
        'The stored form T + 10 digits of a valid ISWC in either spelling, NULL when it is not a valid ISWC (twin of normalizeIswc in libs/identifiers).'`);

    await q.query(`
      CREATE FUNCTION ledger_cisac_valid(code text) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT coalesce(code ~ '^[0-9]{3}$', false)
      $$`);
    await q.query(`
      COMMENT ON FUNCTION ledger_cisac_valid(text) IS
        'True for a CISAC society code: exactly three digits (twin of isCisacSocietyCode in libs/identifiers); false for anything else, NULL included.'`);

    await q.query(`CREATE TABLE ref_countries (code char(2) PRIMARY KEY)`);
    await q.query(
      `COMMENT ON TABLE ref_countries IS 'ISO 3166-1 alpha-2 codes officially assigned (COUNTRY_CODES in libs/identifiers)'`,
    );
    await q.query(`INSERT INTO ref_countries (code) SELECT unnest($1::text[])`, [COUNTRY_CODES]);

    await q.query(`CREATE TABLE ref_currencies (code char(3) PRIMARY KEY, minor_units smallint NOT NULL)`);
    await q.query(
      `COMMENT ON TABLE ref_currencies IS 'ISO 4217 currencies and funds with their minor units (CURRENCIES in libs/identifiers)'`,
    );
    await q.query(
      `INSERT INTO ref_currencies (code, minor_units) SELECT * FROM unnest($1::text[], $2::smallint[])`,
      [CURRENCIES.map((c) => c.code), CURRENCIES.map((c) => c.minorUnits)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ref_currencies`);
    await q.query(`DROP TABLE ref_countries`);
    await q.query(`DROP FUNCTION ledger_cisac_valid(text)`);
    await q.query(`DROP FUNCTION ledger_iswc_normalize(text)`);
    await q.query(`DROP FUNCTION ledger_iswc_valid(text)`);
    await q.query(`DROP FUNCTION ledger_ipi_valid(text)`);
  }
}
