import { describe, expect, it } from '@jest/globals';
import { citusDistributionSql, COORDINATOR_TABLES, type DistributionCatalog, distributionProblems, REFERENCE_TABLES } from './distribution.js';

const col = (name: string, notNull = true) => ({ name, notNull });

/** A small schema Citus distributes as planned: every named table, two distributed tables and a partitioned one. */
function good(): DistributionCatalog {
  const named = [...Object.keys(REFERENCE_TABLES), ...Object.keys(COORDINATOR_TABLES)];
  return {
    tables: [
      ...named.map((name) => ({ name, columns: [col('id')], partitionLevels: 0 })),
      { name: 'submissions', columns: [col('society_id'), col('id')], partitionLevels: 0 },
      { name: 'journal_entries', columns: [col('society_id'), col('id'), col('submission_id')], partitionLevels: 0 },
      { name: 'distribution_lines', columns: [col('society_id'), col('submission_id'), col('line_no'), col('rights_holder_id', false)], partitionLevels: 2 },
    ],
    constraints: [
      ...named.map((name) => ({ table: name, name: `${name}_pkey`, kind: 'primary' as const, columns: ['id'] })),
      { table: 'submissions', name: 'submissions_pkey', kind: 'primary', columns: ['society_id', 'id'] },
      { table: 'submissions', name: 'submissions_society_fkey', kind: 'foreign', columns: ['society_id'], references: { table: 'societies', columns: ['id'] } },
      { table: 'journal_entries', name: 'journal_entries_pkey', kind: 'primary', columns: ['society_id', 'id'] },
      { table: 'journal_entries', name: 'journal_entries_submission_fkey', kind: 'foreign', columns: ['society_id', 'submission_id'], references: { table: 'submissions', columns: ['society_id', 'id'] } },
      { table: 'distribution_lines', name: 'distribution_lines_pkey', kind: 'primary', columns: ['society_id', 'submission_id', 'line_no'] },
      { table: 'distribution_lines', name: 'distribution_lines_holder_fkey', kind: 'foreign', columns: ['rights_holder_id'], references: { table: 'rights_holders', columns: ['id'] } },
      { table: 'api_tokens', name: 'api_tokens_society_fkey', kind: 'foreign', columns: ['society_id'], references: { table: 'societies', columns: ['id'] } },
    ],
    indexes: [
      { table: 'submissions', name: 'submissions_pkey', unique: true, keys: ['society_id', 'id'], constraint: true },
      { table: 'distribution_lines', name: 'distribution_lines_by_holder', unique: false, keys: ['society_id', 'rights_holder_id'] },
      { table: 'distribution_lines', name: 'lines.distribution_lines_p1_by_name', unique: false, keys: ['society_id', null] },
      { table: 'exchange_rates', name: 'exchange_rates_by_currency', unique: false, keys: ['currency', 'rate_date'] },
    ],
    sequences: [{ name: 'public.schema_migrations_id_seq', tables: ['schema_migrations'] }],
  };
}

function withChange(change: (c: DistributionCatalog) => void): DistributionCatalog {
  const c = good();
  change(c);
  return c;
}

const table = (c: DistributionCatalog, name: string) => c.tables.find((t) => t.name === name)!;

describe('distributionProblems', () => {
  it('finds nothing in a schema Citus distributes by society_id (reference tables may reference each other, distributed ones the reference tables)', () => {
    expect(distributionProblems(good())).toEqual([]);
  });

  it('names a table that neither carries society_id nor is named a reference table, and a named table the schema lacks', () => {
    expect(distributionProblems(withChange((c) => c.tables.push({ name: 'notifications', columns: [col('id'), col('holder_id')], partitionLevels: 0 })))).toEqual([
      'notifications has no society_id column and is not named a reference table (REFERENCE_TABLES, with the reason) or a coordinator table',
    ]);
    expect(distributionProblems(withChange((c) => (c.tables = c.tables.filter((t) => t.name !== 'exchange_rates'))))).toEqual([
      'exchange_rates is named a reference table but the schema has no such table',
    ]);
  });

  it('names a reference table whose every row belongs to one society', () => {
    expect(distributionProblems(withChange((c) => table(c, 'exchange_rates').columns.push(col('society_id'))))).toEqual([
      'exchange_rates is named a reference table but every row of it belongs to one society (society_id NOT NULL): distribute it',
    ]);
    expect(distributionProblems(withChange((c) => table(c, 'api_tokens').columns.push(col('society_id', false))))).toEqual([]);
  });

  it('names a nullable society_id and a distributed table without a primary key', () => {
    expect(distributionProblems(withChange((c) => (table(c, 'submissions').columns[0].notNull = false)))).toEqual([
      'submissions.society_id may be NULL: Citus refuses a row without its distribution column',
    ]);
    expect(distributionProblems(withChange((c) => (c.constraints = c.constraints.filter((k) => k.name !== 'journal_entries_pkey'))))).toEqual(['journal_entries has no primary key']);
  });

  it('names a primary key, unique constraint or unique index without society_id, and one that does not start with it', () => {
    expect(
      distributionProblems(
        withChange((c) => {
          c.constraints.find((k) => k.name === 'journal_entries_pkey')!.columns = ['id'];
          c.constraints.push({ table: 'submissions', name: 'submissions_sha_key', kind: 'unique', columns: ['sha256'] });
          c.constraints.push({ table: 'submissions', name: 'submissions_period_key', kind: 'unique', columns: ['period', 'society_id'] });
          c.indexes.push({ table: 'distribution_lines', name: 'lines.distribution_lines_p1_line_id', unique: true, keys: ['submission_id', 'line_id'] });
        }),
      ),
    ).toEqual([
      'the primary key journal_entries_pkey of journal_entries (id) lacks society_id: Citus can only enforce it within a shard',
      'the unique constraint submissions_sha_key of submissions (sha256) lacks society_id: Citus can only enforce it within a shard',
      "the constraint submissions_period_key of submissions (period, society_id) does not start with society_id (the project's rule)",
      'the unique index lines.distribution_lines_p1_line_id of distribution_lines lacks society_id: Citus can only enforce it within a shard',
    ]);
  });

  it("names an index of a distributed table (or of a partition) not led by society_id, and leaves the reference tables' indexes alone", () => {
    expect(distributionProblems(withChange((c) => c.indexes.push({ table: 'distribution_lines', name: 'lines.distribution_lines_p1_work', unique: false, keys: [null, 'society_id'] })))).toEqual([
      "the index lines.distribution_lines_p1_work of distribution_lines ((expression), society_id) does not start with society_id (the project's rule)",
    ]);
  });

  it('names a foreign key between distributed tables that does not pair society_id with society_id, one from a reference table to a distributed one, and one to a coordinator table', () => {
    expect(
      distributionProblems(
        withChange((c) => {
          c.constraints.find((k) => k.name === 'journal_entries_submission_fkey')!.references!.columns = ['id', 'society_id'];
          c.constraints.push({ table: 'rights_holders', name: 'rights_holders_first_submission_fkey', kind: 'foreign', columns: ['submission_society', 'submission_id'], references: { table: 'submissions', columns: ['society_id', 'id'] } });
          c.constraints.push({ table: 'submissions', name: 'submissions_migration_fkey', kind: 'foreign', columns: ['migration_id'], references: { table: 'schema_migrations', columns: ['id'] } });
        }),
      ),
    ).toEqual([
      'the foreign key journal_entries_submission_fkey of journal_entries (society_id, submission_id) to submissions (id, society_id) does not pair society_id with society_id: the two rows may be on different nodes',
      'the foreign key rights_holders_first_submission_fkey of rights_holders (submission_society, submission_id) to submissions (society_id, id) goes from a reference table to a distributed one: Citus refuses it (the referenced rows are on one node, the referencing ones on all)',
      'the foreign key submissions_migration_fkey of submissions (migration_id) to schema_migrations (id) involves a coordinator table: Citus enforces foreign keys between distributed and reference tables only',
    ]);
  });

  it('names a sequence numbering rows of a distributed or reference table, not one of a coordinator table', () => {
    expect(
      distributionProblems(
        withChange((c) => {
          c.sequences.push({ name: 'public.journal_entries_no_seq', tables: ['journal_entries'] });
          c.sequences.push({ name: 'public.exchange_rates_id_seq', tables: ['exchange_rates'] });
        }),
      ),
    ).toEqual([
      'the sequence public.journal_entries_no_seq numbers rows of journal_entries: one counter shared by every society, kept on the coordinator (use uuids or a number per society)',
      'the sequence public.exchange_rates_id_seq numbers rows of exchange_rates: one counter shared by every society, kept on the coordinator (use uuids or a number per society)',
    ]);
  });

  it('names partitioning in more levels than Citus distributes, beyond the named exception', () => {
    expect(distributionProblems(withChange((c) => (table(c, 'journal_entries').partitionLevels = 2)))).toEqual([
      'journal_entries is partitioned in 2 levels: Citus distributes one level of partitions (citusdata/citus#4911)',
    ]);
    expect(distributionProblems(withChange((c) => (table(c, 'distribution_lines').partitionLevels = 3)))).toEqual([
      'distribution_lines is partitioned in 3 levels: Citus distributes one level of partitions (citusdata/citus#4911)',
    ]);
    expect(distributionProblems(good(), {})).toEqual(['distribution_lines is partitioned in 2 levels: Citus distributes one level of partitions (citusdata/citus#4911)']);
  });
});

describe('citusDistributionSql', () => {
  it('makes the reference tables first, then distributes every other table by society_id, colocated with submissions, a referenced table before those referencing it', () => {
    const sql = citusDistributionSql(good());
    const named = Object.keys(REFERENCE_TABLES);
    expect(sql.slice(0, named.length).sort()).toEqual(named.map((t) => `SELECT create_reference_table('${t}');`).sort());
    expect(sql.slice(named.length)).toEqual([
      "SELECT create_distributed_table('submissions', 'society_id', colocate_with => 'none');",
      "SELECT create_distributed_table('distribution_lines', 'society_id', colocate_with => 'submissions');",
      "SELECT create_distributed_table('journal_entries', 'society_id', colocate_with => 'submissions');",
    ]);
    expect(sql.join('\n')).not.toContain('schema_migrations');
  });
});
