/**
 * How the schema spreads over a Citus cluster (docs/scale.md): every table holding a
 * society's data is distributed by `society_id`, all of them colocated (a society's
 * rows of every table on one node); the few tables that belong to no society are
 * reference tables, copied to every node; TypeORM's own bookkeeping stays on the
 * coordinator. `distributionProblems` lists what in the catalog Citus could not
 * distribute that way (test/foundation/citus-distribution.e2e-spec.ts runs it after the
 * migrations and after a commit); `citusDistributionSql` is the plan as Citus calls.
 *
 * No framework and no database here: `readDistributionCatalog` takes anything with a
 * `query` method.
 */

/** The column every distributed table is sharded by. */
export const DISTRIBUTION_COLUMN = 'society_id';

/**
 * The reference tables: copied whole to every node (Citus `create_reference_table`),
 * because they belong to no one society. Each with the reason. Every other table of the
 * schema must carry `society_id` and be distributed by it.
 */
export const REFERENCE_TABLES: Readonly<Record<string, string>> = {
  societies:
    'the tenants themselves: every distributed table names its society through a foreign key to it, and every request reads it (tenancy, financial year); a few hundred rows worldwide',
  rights_holders:
    'one registry across societies: a holder (one IPI name number, unique worldwide) is a member of several societies, and statements, mandates and claims of every society refer to it',
  api_tokens:
    "a credential is found by its hash before anyone knows which society asks, and admins' and regulators' tokens belong to no society",
  exchange_rates: 'rates to the euro by date and currency, the same for every society',
  ref_countries: 'ISO 3166-1 codes, the same for every society',
  ref_currencies: 'ISO 4217 codes and minor units, the same for every society',
  audit_parameters: 'audit rule parameters set per jurisdiction (a country), not per society',
  webhooks:
    "a principal's notification settings, like its credentials: rights holders', regulators' and admins' webhooks belong to no society, and an event's fan-out reads those of every recipient",
  email_subscriptions: "a principal's e-mail addresses for notifications, for the same reasons as webhooks",
  due_event_runs: 'one row a day for the whole ledger: the day the daily due-events job ran for',
};

/** Tables that stay on the coordinator only (Citus local tables), with the reason. */
export const COORDINATOR_TABLES: Readonly<Record<string, string>> = {
  schema_migrations: "TypeORM's record of the migrations applied, read and written only by the process that migrates",
  answer_cache:
    'computed answers of per-head reads (docs/answer-cache.md): derived and disposable, an answer may span societies (a holder\'s statement, the overview), keyed by a hash that names the caller\'s scope; with REDIS_URL the answers are kept in Redis instead',
};

/**
 * Distributed tables partitioned in more levels than Citus distributes (it takes one
 * level: citusdata/citus#4911), with the reason and what a Citus deployment does
 * instead. Each is allowed this many levels here and no more.
 */
export const SINGLE_NODE_PARTITION_LEVELS: Readonly<Record<string, { levels: number; reason: string }>> = {
  distribution_lines: {
    levels: 2,
    reason:
      'on one node the lines are partitioned by society, then by submission, so that a commit attaches a prepared table and a society\'s reads prune to its partition; on Citus the sharding by society_id does the first level, and the submission partitions attach to the distributed parent directly (one level): see docs/scale.md',
  },
};

/** What the checks read of the catalog (schemas public and lines). */
export interface DistributionCatalog {
  /** Every table that is not a partition of another (partitions follow their root). */
  tables: { name: string; columns: { name: string; notNull: boolean }[]; partitionLevels: number }[];
  /** Primary keys, unique, exclusion and foreign-key constraints of those tables (none inherited by a partition). */
  constraints: { table: string; name: string; kind: 'primary' | 'unique' | 'exclusion' | 'foreign'; columns: string[]; references?: { table: string; columns: string[] } }[];
  /** Every index of those tables and of their partitions; a key column is null for an expression. */
  indexes: { table: string; name: string; unique: boolean; keys: (string | null)[]; constraint?: boolean }[];
  /** Every sequence, with the tables whose columns own it or take their default from it. */
  sequences: { name: string; tables: string[] }[];
}

export type TableRole = 'distributed' | 'reference' | 'coordinator';

export function roleOf(table: string): TableRole {
  if (Object.hasOwn(REFERENCE_TABLES, table)) return 'reference';
  if (Object.hasOwn(COORDINATOR_TABLES, table)) return 'coordinator';
  return 'distributed';
}

/**
 * Everything in the catalog that Citus could not distribute by society_id as planned,
 * one sentence each (empty: distributable):
 * - a table that neither carries society_id (NOT NULL) nor is named a reference or
 *   coordinator table, and a named one the schema does not have;
 * - a distributed table without a primary key, or whose primary key, unique or
 *   exclusion constraint, or unique index lacks society_id (Citus enforces uniqueness
 *   per shard only);
 * - an index of a distributed table (or of its partitions) not led by society_id (the
 *   project's rule, so a society's reads stay on its rows);
 * - a foreign key between distributed tables that does not pair society_id with
 *   society_id, one from a reference table to a distributed table, or one from or to a
 *   coordinator table (Citus enforces a foreign key only between rows on one node);
 * - a sequence (serial, identity or nextval default) used by a distributed or reference
 *   table: one counter shared by every society, on the coordinator;
 * - partitioning in more levels than Citus distributes (one), beyond
 *   SINGLE_NODE_PARTITION_LEVELS.
 */
export function distributionProblems(catalog: DistributionCatalog, exceptions = SINGLE_NODE_PARTITION_LEVELS): string[] {
  const problems: string[] = [];
  const tables = new Map(catalog.tables.map((t) => [t.name, t]));
  const root = (name: string) => name.replace(/^lines\./, '');
  for (const listed of [...Object.keys(REFERENCE_TABLES), ...Object.keys(COORDINATOR_TABLES)]) {
    if (!tables.has(listed)) problems.push(`${listed} is named a ${roleOf(listed)} table but the schema has no such table`);
  }
  for (const t of catalog.tables) {
    const role = roleOf(t.name);
    if (role === 'distributed') {
      const column = t.columns.find((c) => c.name === DISTRIBUTION_COLUMN);
      if (!column) {
        problems.push(`${t.name} has no ${DISTRIBUTION_COLUMN} column and is not named a reference table (REFERENCE_TABLES, with the reason) or a coordinator table`);
        continue;
      }
      if (!column.notNull) problems.push(`${t.name}.${DISTRIBUTION_COLUMN} may be NULL: Citus refuses a row without its distribution column`);
      if (!catalog.constraints.some((c) => c.table === t.name && c.kind === 'primary')) problems.push(`${t.name} has no primary key`);
      const allowed = exceptions[t.name]?.levels ?? 1;
      if (t.partitionLevels > allowed) {
        problems.push(`${t.name} is partitioned in ${t.partitionLevels} levels: Citus distributes one level of partitions (citusdata/citus#4911)`);
      }
    } else if (role === 'reference' && t.columns.some((c) => c.name === DISTRIBUTION_COLUMN && c.notNull)) {
      problems.push(`${t.name} is named a reference table but every row of it belongs to one society (${DISTRIBUTION_COLUMN} NOT NULL): distribute it`);
    } else if (t.partitionLevels > 1) {
      problems.push(`${t.name} (a ${role} table) is partitioned in ${t.partitionLevels} levels: Citus distributes one level of partitions`);
    }
  }
  const distributed = (name: string) => tables.has(root(name)) && roleOf(root(name)) === 'distributed' && tables.get(root(name))!.columns.some((c) => c.name === DISTRIBUTION_COLUMN);
  for (const c of catalog.constraints) {
    if (c.kind === 'foreign') continue;
    if (!distributed(c.table)) continue;
    if (!c.columns.includes(DISTRIBUTION_COLUMN)) {
      const what = c.kind === 'primary' ? 'primary key' : c.kind === 'unique' ? 'unique constraint' : 'exclusion constraint';
      problems.push(`the ${what} ${c.name} of ${c.table} (${c.columns.join(', ')}) lacks ${DISTRIBUTION_COLUMN}: Citus can only enforce it within a shard`);
    } else if (c.columns[0] !== DISTRIBUTION_COLUMN) {
      problems.push(`the ${c.kind === 'primary' ? 'primary key' : 'constraint'} ${c.name} of ${c.table} (${c.columns.join(', ')}) does not start with ${DISTRIBUTION_COLUMN} (the project's rule)`);
    }
  }
  for (const index of catalog.indexes) {
    if (!distributed(index.table) || index.constraint) continue; // a constraint's index: checked with the constraint
    if (index.unique && !index.keys.includes(DISTRIBUTION_COLUMN)) {
      problems.push(`the unique index ${index.name} of ${index.table} lacks ${DISTRIBUTION_COLUMN}: Citus can only enforce it within a shard`);
    } else if (index.keys[0] !== DISTRIBUTION_COLUMN) {
      problems.push(`the index ${index.name} of ${index.table} (${index.keys.map((k) => k ?? '(expression)').join(', ')}) does not start with ${DISTRIBUTION_COLUMN} (the project's rule)`);
    }
  }
  for (const fk of catalog.constraints) {
    if (fk.kind !== 'foreign' || !fk.references) continue;
    const from = roleOf(root(fk.table));
    const to = roleOf(root(fk.references.table));
    const name = `the foreign key ${fk.name} of ${fk.table} (${fk.columns.join(', ')}) to ${fk.references.table} (${fk.references.columns.join(', ')})`;
    if (from === 'coordinator' || to === 'coordinator') {
      problems.push(`${name} involves a coordinator table: Citus enforces foreign keys between distributed and reference tables only`);
    } else if (from === 'reference' && to === 'distributed') {
      problems.push(`${name} goes from a reference table to a distributed one: Citus refuses it (the referenced rows are on one node, the referencing ones on all)`);
    } else if (from === 'distributed' && to === 'distributed') {
      const at = fk.columns.indexOf(DISTRIBUTION_COLUMN);
      if (at === -1 || fk.references.columns[at] !== DISTRIBUTION_COLUMN) {
        problems.push(`${name} does not pair ${DISTRIBUTION_COLUMN} with ${DISTRIBUTION_COLUMN}: the two rows may be on different nodes`);
      }
    }
  }
  for (const s of catalog.sequences) {
    for (const table of s.tables) {
      if (roleOf(root(table)) !== 'coordinator') {
        problems.push(`the sequence ${s.name} numbers rows of ${table}: one counter shared by every society, kept on the coordinator (use uuids or a number per society)`);
      }
    }
  }
  return problems;
}

type Sql = { query(sql: string, params?: unknown[]): Promise<any> };

/** Reads the facts distributionProblems checks, from schemas public and lines (staging holds a package's working tables only). */
export async function readDistributionCatalog(db: Sql): Promise<DistributionCatalog> {
  const schemas = `('public', 'lines')`;
  const name = (alias: string) => `CASE WHEN ${alias}n.nspname = 'public' THEN ${alias}c.relname ELSE ${alias}n.nspname || '.' || ${alias}c.relname END`;
  const tables: { name: string; columns: { name: string; notNull: boolean }[]; partitionLevels: number }[] = await db.query(`
    WITH RECURSIVE roots AS (
      SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ${schemas} AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = 'public'
    ), tree AS (
      SELECT oid AS root, oid, 0 AS depth FROM roots
      UNION ALL
      SELECT t.root, i.inhrelid, t.depth + 1 FROM tree t JOIN pg_inherits i ON i.inhparent = t.oid
    )
    SELECT ${name('')} AS name,
           (SELECT json_agg(json_build_object('name', a.attname, 'notNull', a.attnotnull) ORDER BY a.attnum)
              FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
           (SELECT max(depth) FROM tree t WHERE t.root = c.oid)::int AS "partitionLevels"
    FROM roots r JOIN pg_class c ON c.oid = r.oid JOIN pg_namespace n ON n.oid = c.relnamespace
    ORDER BY 1`);
  const constraints: DistributionCatalog['constraints'] = await db.query(`
    SELECT ${name('')} AS table, k.conname AS name,
           CASE k.contype WHEN 'p' THEN 'primary' WHEN 'u' THEN 'unique' WHEN 'x' THEN 'exclusion' ELSE 'foreign' END AS kind,
           (SELECT json_agg(a.attname ORDER BY x.i) FROM unnest(k.conkey) WITH ORDINALITY x(attnum, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum) AS columns,
           CASE WHEN k.contype = 'f' THEN json_build_object(
             'table', ${name('r')},
             'columns', (SELECT json_agg(a.attname ORDER BY x.i) FROM unnest(k.confkey) WITH ORDINALITY x(attnum, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.attnum)) END AS references
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class rc ON rc.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
    WHERE n.nspname IN ${schemas} AND k.contype IN ('p', 'u', 'x', 'f') AND k.conparentid = 0 AND NOT c.relispartition
    ORDER BY 1, 2`);
  const indexes: DistributionCatalog['indexes'] = await db.query(`
    SELECT ${name('')} AS table, ic.relname AS name, x.indisunique AS unique,
           EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid) AS constraint,
           (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(x.indkey[0:x.indnkeyatts - 1]) WITH ORDINALITY k(attnum, i)
              LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) AS keys
    FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
    JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ${schemas}
    ORDER BY 1, 2`);
  const sequences: DistributionCatalog['sequences'] = await db.query(`
    SELECT sn.nspname || '.' || s.relname AS name,
           coalesce((SELECT json_agg(DISTINCT u.name) FROM (
             SELECT ${name('')} AS name FROM pg_depend d JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
             UNION
             SELECT ${name('')} FROM pg_attrdef ad JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refobjid = s.oid
             JOIN pg_class c ON c.oid = ad.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           ) u), '[]') AS tables
    FROM pg_class s JOIN pg_namespace sn ON sn.oid = s.relnamespace
    WHERE s.relkind = 'S' AND sn.nspname IN ${schemas}
    ORDER BY 1`);
  // A partition's index or constraint is its root's: check it under the root's name.
  const rootOf = await partitionRoots(db);
  return {
    tables,
    constraints: constraints.map((c) => ({ ...c, table: rootOf.get(c.table) ?? c.table, ...(c.references ? { references: { ...c.references, table: rootOf.get(c.references.table) ?? c.references.table } } : {}) })),
    indexes: indexes.map((i) => ({ ...i, table: rootOf.get(i.table) ?? i.table })),
    sequences: sequences.map((s) => ({ ...s, tables: s.tables.map((t) => rootOf.get(t) ?? t) })),
  };
}

/** Each partition (schema-qualified unless public) → the root table it belongs to. */
async function partitionRoots(db: Sql): Promise<Map<string, string>> {
  const rows: { partition: string; root: string }[] = await db.query(`
    SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END AS partition,
           (SELECT r.relname FROM pg_partition_ancestors(c.oid) a(relid) JOIN pg_class r ON r.oid = a.relid WHERE NOT r.relispartition) AS root
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relispartition AND n.nspname IN ('public', 'lines')`);
  return new Map(rows.map((r) => [r.partition, r.root]));
}

/**
 * The Citus calls that distribute the schema: the reference tables first (those others
 * reference before them), then every distributed table by society_id, colocated with the
 * first, a referenced table before the tables that reference it. Partitions follow their
 * parent; coordinator tables stay as they are.
 */
export function citusDistributionSql(catalog: DistributionCatalog): string[] {
  const byRole = (role: TableRole) => catalog.tables.map((t) => t.name).filter((t) => roleOf(t) === role);
  const order = (names: string[]) => {
    const deps = new Map(names.map((n) => [n, new Set(catalog.constraints.filter((c) => c.kind === 'foreign' && c.table === n && c.references && c.references.table !== n && names.includes(c.references.table)).map((c) => c.references!.table))]));
    const sorted: string[] = [];
    const visit = (n: string, path: Set<string>) => {
      if (sorted.includes(n)) return;
      if (path.has(n)) throw new Error(`foreign keys form a cycle through ${n}`);
      path.add(n);
      for (const d of [...deps.get(n)!].sort()) visit(d, path);
      path.delete(n);
      sorted.push(n);
    };
    for (const n of [...names].sort()) visit(n, new Set());
    return sorted;
  };
  const reference = order(byRole('reference'));
  let distributed = order(byRole('distributed'));
  // Colocated with the submissions, distributed first (it references no distributed table;
  // otherwise the first in order anchors the group: colocation is transitive).
  const referencesDistributed = (t: string) => catalog.constraints.some((c) => c.kind === 'foreign' && c.table === t && c.references && c.references.table !== t && distributed.includes(c.references.table));
  const anchor = distributed.includes('submissions') && !referencesDistributed('submissions') ? 'submissions' : distributed[0];
  distributed = [anchor, ...distributed.filter((t) => t !== anchor)];
  return [
    ...reference.map((t) => `SELECT create_reference_table('${t}');`),
    ...distributed.map((t) => `SELECT create_distributed_table('${t}', '${DISTRIBUTION_COLUMN}'${t === anchor ? `, colocate_with => 'none'` : `, colocate_with => '${anchor}'`});`),
  ];
}
