import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A society's contact details in the registry (issue 17): postal address, e-mail, phone
 * and website, each optional. Statements print them beside the society's figures, so a
 * rights holder knows where to ask about them or correct the details the society holds
 * (Directive 2014/26/EU Art. 18(1)(a)). Societies registered before have none (null).
 */
export class AddSocietyContactDetails1765100700000 implements MigrationInterface {
  name = 'AddSocietyContactDetails1765100700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE societies
      ADD COLUMN contact_address text CHECK (char_length(contact_address) BETWEEN 1 AND 500),
      ADD COLUMN contact_email text CHECK (char_length(contact_email) BETWEEN 3 AND 254 AND contact_email LIKE '%_@_%'),
      ADD COLUMN contact_phone text CHECK (char_length(contact_phone) BETWEEN 3 AND 40),
      ADD COLUMN website text CHECK (char_length(website) BETWEEN 8 AND 500 AND website ~ '^https?://')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE societies DROP COLUMN website, DROP COLUMN contact_phone, DROP COLUMN contact_email, DROP COLUMN contact_address`);
  }
}
