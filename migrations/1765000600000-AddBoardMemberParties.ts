import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board members as parties (issue 18): a board line may name the member's IPI as a
 * rights holder and the organisation they work for; the registry's board members the
 * organisation (they already link a rights holder). Lines committed before these
 * columns have neither (null), and their leaves are unchanged: an empty cell adds no key.
 */
export class AddBoardMemberParties1765000600000 implements MigrationInterface {
  name = 'AddBoardMemberParties1765000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE board_lines ADD COLUMN rights_holder_ipi char(11), ADD COLUMN organisation text`);
    await q.query(`ALTER TABLE board_members ADD COLUMN organisation text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE board_members DROP COLUMN organisation`);
    await q.query(`ALTER TABLE board_lines DROP COLUMN organisation, DROP COLUMN rights_holder_ipi`);
  }
}
