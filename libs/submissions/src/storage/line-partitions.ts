/**
 * Bulk writing of a package's lines into a partitioned line table (distribution_lines,
 * see migrations/1764300007000-PartitionDistributionLines.ts).
 *
 * The parent is LIST-partitioned by society_id; each society's partition (created on
 * first use, in its own short transaction) is LIST-partitioned by submission_id. A
 * package's lines go into a table of their own:
 *
 *   1. CREATE TABLE … AS SELECT the typed lines with their leaf hashes, straight from
 *      the staging table (the SELECT may run in parallel workers);
 *   2. NOT NULL and the partition bound as constraints (one scan), the parent's primary
 *      key and indexes built in bulk (one sort each), read from the catalog so that an
 *      index added by a later migration is built here too;
 *   3. in the committing transaction, ATTACH to the society's partition: PostgreSQL
 *      checks the foreign key with one join, adopts the indexes, and clones the
 *      append-only row triggers.
 *
 * Steps 1 and 2 run before the committing transaction (the ingest reads the leaf hashes
 * and the journal's sums from the table meanwhile, on another connection): the table
 * is not part of distribution_lines, so nobody reading lines sees it, and a crashed
 * attempt's table is dropped by the retry (dropUnattachedSubmissionPartition). The
 * lines become visible all at once when the transaction that attaches them commits.
 */
import type { QueryRunner } from 'typeorm';

/** What runs a statement: a QueryRunner inside the transaction, or the DataSource. */
type Sql = { query(sql: string, params?: unknown[]): Promise<any> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TABLE = /^[a-z_]+$/;

function uuid(value: string): string {
  if (!UUID.test(value)) throw new Error(`not a uuid: ${JSON.stringify(value)}`);
  return value;
}

function table(name: string): string {
  if (!TABLE.test(name)) throw new Error(`not a line table: ${JSON.stringify(name)}`);
  return name;
}

/** The partition of `parent` holding one society's lines. */
export function societyPartition(parent: string, societyId: string): string {
  return `lines.${table(parent)}_s${uuid(societyId).replace(/-/g, '')}`;
}

/** The partition of `parent` holding one submission's lines. */
export function submissionPartition(parent: string, submissionId: string): string {
  return `lines.${table(parent)}_p${uuid(submissionId).replace(/-/g, '')}`;
}

const noTruncate = (relation: string) =>
  `CREATE TRIGGER no_truncate BEFORE TRUNCATE ON ${relation} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_rewrite()`;

/**
 * Makes sure the society's partition of `parent` exists. Runs in a transaction of its
 * own (an advisory lock keeps two workers from racing to create it); the partition is
 * created apart and then attached, which locks the parent only against other attaches,
 * never against readers.
 */
export async function ensureSocietyPartition(runner: QueryRunner, parent: string, societyId: string): Promise<string> {
  const name = societyPartition(parent, societyId);
  const exists = async () => ((await runner.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [name])) as { present: boolean }[])[0].present;
  if (await exists()) return name;
  await runner.startTransaction();
  try {
    await runner.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [name]);
    if (!(await exists())) {
      await runner.query(`CREATE TABLE ${name} (LIKE ${table(parent)}) PARTITION BY LIST (submission_id)`);
      await runner.query(noTruncate(name));
      await runner.query(`ALTER TABLE ${table(parent)} ATTACH PARTITION ${name} FOR VALUES IN ('${uuid(societyId)}')`);
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
  return name;
}

/** A column of the parent table as the catalog has it. */
export interface ParentColumn {
  name: string;
  /** format_type(): the exact type with its modifier, e.g. numeric(26,8), character(11). */
  type: string;
  notNull: boolean;
}

export async function parentColumns(q: Sql, parent: string): Promise<ParentColumn[]> {
  return q.query(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type, attnotnull AS "notNull"
     FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table(parent)],
  );
}

export interface SubmissionPartitionSpec {
  parent: string;
  societyId: string;
  submissionId: string;
  /** The SELECT producing every column of the parent, named as the parent's columns and cast to their types. */
  select: (columns: ParentColumn[]) => string;
}

/** Tells how long each step took (ms), for the ingest's debug log. */
function stopwatch(timings: Record<string, number>) {
  let last = Date.now();
  return (step: string) => {
    const now = Date.now();
    timings[step] = (timings[step] ?? 0) + now - last;
    last = now;
  };
}

/**
 * Step 1 of writing a submission's lines as a partition: the lines themselves, in a new
 * table that is not part of the parent (readers of the parent do not see it). Returns
 * its name. After ensureSocietyPartition.
 */
export async function createSubmissionPartition(q: Sql, p: SubmissionPartitionSpec, timings: Record<string, number> = {}): Promise<string> {
  const took = stopwatch(timings);
  const name = submissionPartition(p.parent, p.submissionId);
  const columns = await parentColumns(q, p.parent);
  // A hash join keeps the staged (line) order cheap to restore; a merge join would sort
  // every line by the join key first.
  await q.query(`SET enable_mergejoin = off`);
  try {
    await q.query(`CREATE TABLE ${name} AS ${p.select(columns)}`);
  } finally {
    await q.query(`RESET enable_mergejoin`);
  }
  took('create');
  return name;
}

/**
 * Step 2: every index of the parent built in bulk, NOT NULL and the partition bound as
 * constraints (one scan), the primary key, and the TRUNCATE guard. The table is still
 * not part of the parent.
 */
export async function indexSubmissionPartition(q: Sql, p: SubmissionPartitionSpec, timings: Record<string, number> = {}): Promise<void> {
  const took = stopwatch(timings);
  const ddl = partitionDdl(await parentShape(q, p.parent), p);
  // Every index of the parent but the primary key, built on the new table under its own
  // name. First, because CREATE INDEX lets other connections read the table meanwhile.
  for (const sql of ddl.indexes) await q.query(sql);
  took('indexes');
  for (const sql of ddl.constraints) await q.query(sql);
  took('constraints');
}

/** The parent table as the catalog has it now: its columns, the definitions of its indexes but the primary key, and its primary key's. */
export interface ParentShape {
  columns: ParentColumn[];
  indexes: string[];
  primaryKey: string;
}

/** ParentShape in one statement. */
export async function parentShape(q: Sql, parent: string): Promise<ParentShape> {
  const rows: { columns: ParentColumn[]; indexes: string[]; primaryKey: string[] | null }[] = await q.query(
    `SELECT (SELECT json_agg(json_build_object('name', attname, 'type', format_type(atttypid, atttypmod), 'notNull', attnotnull) ORDER BY attnum)
               FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped) AS columns,
            (SELECT coalesce(json_agg(pg_get_indexdef(i.indexrelid) ORDER BY i.indexrelid), '[]')
               FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary) AS indexes,
            (SELECT array_agg(pg_get_constraintdef(oid)) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p') AS "primaryKey"`,
    [table(parent)],
  );
  const { columns, indexes, primaryKey } = rows[0];
  if (primaryKey?.length !== 1) throw new Error(`${parent} has no primary key`);
  return { columns, indexes, primaryKey: primaryKey[0] };
}

/**
 * The statements that give a submission's table the parent's indexes (named
 * `<table>_i<k>`), then its NOT NULL columns and the partition bound as constraints
 * (one scan), the primary key (`<table>_pkey`) and the TRUNCATE guard.
 */
export function partitionDdl(shape: ParentShape, p: SubmissionPartitionSpec): { indexes: string[]; constraints: string[] } {
  const parent = table(p.parent);
  const name = submissionPartition(parent, p.submissionId);
  const short = name.slice('lines.'.length);
  const indexes = shape.indexes.map((def, i) => {
    const on = / ON ONLY (\S+) /.exec(def);
    if (!on) throw new Error(`unexpected index definition on ${parent}: ${def}`);
    const body = def.slice(on.index + on[0].length);
    const unique = def.startsWith('CREATE UNIQUE INDEX') ? 'UNIQUE ' : '';
    return `CREATE ${unique}INDEX ${short}_i${i + 1} ON ${name} ${body}`;
  });
  const notNull = shape.columns.filter((c) => c.notNull).map((c) => `ALTER COLUMN ${c.name} SET NOT NULL`);
  const constraints = [
    `ALTER TABLE ${name} ${[...notNull, `ADD CONSTRAINT ${short}_bound CHECK (society_id = '${uuid(p.societyId)}' AND submission_id = '${uuid(p.submissionId)}')`].join(', ')}`,
    `ALTER TABLE ${name} ADD CONSTRAINT ${short}_pkey ${shape.primaryKey}`,
    noTruncate(name),
  ];
  return { indexes, constraints };
}

/**
 * Steps 1 and 2 for a small package (see SMALL_PACKAGE_BYTES in the ingest), before its
 * lines exist: the table made empty, LIKE the parent, and indexed and constrained as
 * indexSubmissionPartition does (the same indexes, names and constraints), in one
 * transaction sent as one round trip. Its commit need not wait for the disk: the
 * commit that attaches the table does, and it comes later in the log. The ingest makes
 * it on a connection of its own while the package is staged and validated, then
 * INSERTs the lines (each row goes into the indexes as it is inserted: for a few
 * thousand rows that costs less than a sort per index). Returns the table's name and
 * the parent's columns (the INSERT's column list).
 */
export async function createSmallSubmissionTable(q: Sql, p: Omit<SubmissionPartitionSpec, 'select'>): Promise<{ name: string; columns: ParentColumn[] }> {
  const name = submissionPartition(p.parent, p.submissionId);
  const shape = await parentShape(q, p.parent);
  const ddl = partitionDdl(shape, { ...p, select: () => '' });
  // No parameters: every name and value in it is checked (submissionPartition, partitionDdl).
  await q.query(['BEGIN', 'SET LOCAL synchronous_commit = off', `CREATE TABLE ${name} (LIKE ${table(p.parent)})`, ...ddl.indexes, ...ddl.constraints, 'COMMIT'].join('; '));
  return { name, columns: shape.columns };
}

/** The INSERT that fills a table made by createSmallSubmissionTable with the lines `p.select` makes. */
export function smallSubmissionInsertSql(made: { name: string; columns: ParentColumn[] }, p: SubmissionPartitionSpec): string {
  return `INSERT INTO ${made.name} (${made.columns.map((c) => c.name).join(', ')}) ${p.select(made.columns)}`;
}

/**
 * Step 3, inside the committing transaction: ATTACH to the society's partition.
 * PostgreSQL checks the foreign key with one join, adopts the indexes and clones the
 * append-only row triggers; from the commit on, the lines are part of the parent.
 */
export async function attachSubmissionPartition(q: Sql, p: SubmissionPartitionSpec, timings: Record<string, number> = {}): Promise<void> {
  const took = stopwatch(timings);
  const name = submissionPartition(p.parent, p.submissionId);
  await q.query(`ALTER TABLE ${societyPartition(p.parent, p.societyId)} ATTACH PARTITION ${name} FOR VALUES IN ('${uuid(p.submissionId)}')`);
  took('attach');
}

/**
 * Drops what a crashed attempt left of a submission's table before it was attached.
 * Never an attached partition: committed lines are never dropped. The caller holds the
 * submission's advisory lock, so no other attempt attaches it meanwhile.
 */
export async function dropUnattachedSubmissionPartition(q: Sql, parent: string, submissionId: string): Promise<void> {
  const name = submissionPartition(parent, submissionId);
  const rows: { attached: boolean }[] = await q.query(`SELECT relispartition AS attached FROM pg_class WHERE oid = to_regclass($1)`, [name]);
  if (rows.length === 0) return;
  if (rows[0].attached) throw new Error(`${name} is already attached: the submission was committed`);
  await q.query(`DROP TABLE ${name}`);
}

/**
 * Creates an empty partition for a submission whose lines are then INSERTed row by row
 * (fixtures and benchmarks that fabricate lines). The ingest uses writeSubmissionPartition.
 */
export async function createEmptySubmissionPartition(runner: QueryRunner, parent: string, societyId: string, submissionId: string): Promise<string> {
  const society = await ensureSocietyPartition(runner, parent, societyId);
  const name = submissionPartition(parent, submissionId);
  await runner.query(`CREATE TABLE ${name} PARTITION OF ${society} FOR VALUES IN ('${uuid(submissionId)}')`);
  await runner.query(noTruncate(name));
  return name;
}
