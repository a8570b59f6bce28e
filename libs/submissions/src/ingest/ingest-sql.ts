import { type ComputedColumns, leafHashSql, PACKAGES, type PackageType, type Quarter } from '../../../package-catalogue/src/index.js';

/** How many problems a rejected package lists; the total is always given. */
export const ERROR_LIMIT = 1000;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The staging table of a submission: unlogged, every column text, a line number per row. */
export function stagingTable(submissionId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(submissionId)) throw new Error(`not a submission id: ${submissionId}`);
  return `staging.s_${submissionId.replace(/-/g, '')}`;
}

/**
 * The staging table of a small package: a temporary table of the ingest's connection,
 * one per package type and way of numbering, made at the connection's first small
 * package and emptied after each (TRUNCATE … RESTART IDENTITY), so a clerk's package
 * costs no table made and dropped. Only that connection sees it (no validation slices on
 * other connections, no parallel workers): for small packages only.
 */
export function sessionStagingTable(type: PackageType, lineNumbers: LineNumbering): string {
  return `pg_temp.staging_${type.replace(/-/g, '_')}_${lineNumbers}`;
}

/**
 * How a package's staged rows are numbered: `counted` by COPY (a CSV file's records,
 * from 2), `given` with each record (a JSON Lines record's line in the file), or
 * `source` (rows an input reader made: numbered 1, 2, … in the order read, each with
 * SOURCE_LINE, the line of the uploaded file it comes from, where its problems are
 * reported).
 */
export type LineNumbering = 'counted' | 'given' | 'source';

/**
 * The staging column holding a row's line in the uploaded file (`source` numbering): a
 * name no package type's column takes (RESERVED_COLUMNS in libs/package-catalogue), so a
 * type may have a column of its own for the source line (dsr's source_line).
 */
export const SOURCE_LINE = 'ledger_source_line';

/**
 * The staging table. A CSV package's lines are numbered by a sequence as COPY reads
 * them: line_no counts records from 2, line 1 being the header (a cached sequence: one
 * call per row into the sequence, not one write). A JSON Lines package's lines come
 * numbered (`given`): a record's line in the file, blank lines skipped. Rows an input
 * reader made (`source`) come numbered, with their source line. `session`: the
 * connection's temporary table (sessionStagingTable), made if it does not exist yet.
 */
export function createStagingSql(type: PackageType, table: string, lineNumbers: LineNumbering = 'counted', session = false): string {
  // A column a header may leave out (mayBeAbsent) is empty when it does.
  const cols = PACKAGES[type].columns.map((c) => `${c.name} text NOT NULL${c.mayBeAbsent ? ` DEFAULT ''` : ''}`).join(', ');
  const lineNo =
    lineNumbers === 'given'
      ? 'line_no integer NOT NULL'
      : lineNumbers === 'source'
        ? `line_no integer NOT NULL, ${SOURCE_LINE} integer NOT NULL`
        : 'line_no integer GENERATED ALWAYS AS IDENTITY (START WITH 2 CACHE 10000)';
  return `${session ? 'CREATE TEMPORARY TABLE IF NOT EXISTS' : 'CREATE UNLOGGED TABLE'} ${table} (${lineNo}, ${cols})`;
}

/** COPY of the whole file (header included, skipped by HEADER) in the header's column order. */
export function copySql(table: string, headerOrder: string[]): string {
  const cols = headerOrder.join(', ');
  return `COPY ${table} (${cols}) FROM STDIN WITH (FORMAT csv, HEADER true, ENCODING 'UTF8', FORCE_NOT_NULL (${cols}))`;
}

/** COPY of numbered records without a header: `line_no,"v1",…` in the type's column order (see NdjsonToCsv). */
export function copyNumberedSql(type: PackageType, table: string): string {
  const cols = PACKAGES[type].columns.map((c) => c.name).join(', ');
  return `COPY ${table} (line_no, ${cols}) FROM STDIN WITH (FORMAT csv, ENCODING 'UTF8', FORCE_NOT_NULL (${cols}))`;
}

/** COPY of rows an input reader made: `line_no,source line,"v1",…` in the type's column order (see SourceRowsToCsv). */
export function copySourceSql(type: PackageType, table: string): string {
  const cols = PACKAGES[type].columns.map((c) => c.name).join(', ');
  return `COPY ${table} (line_no, ${SOURCE_LINE}, ${cols}) FROM STDIN WITH (FORMAT csv, ENCODING 'UTF8', FORCE_NOT_NULL (${cols}))`;
}

/**
 * One set-based statement that lists every problem of every staged row: each column's
 * checks, the rules across columns, and duplicate line ids. Returns the first
 * ERROR_LIMIT problems by line and column, each with the total count.
 *
 * A `perValue` column is checked once per distinct value: a hash aggregate of the column
 * computes its message and parse flag per value, and a hash join hands them to the rows
 * (a probe is much cheaper than the regexes and digit arithmetic of an IPI, ISWC, date
 * or amount, and real packages repeat those values over many lines). The other columns
 * are checked on the row; their parse flags are computed once per row (OFFSET 0).
 */
export function validationSql(type: PackageType, q: Quarter, table: string, slice?: ValidationSlice, options: { all?: boolean; sourceLines?: boolean } = {}): string {
  const p = PACKAGES[type];
  if (slice && !(Number.isSafeInteger(slice.from) && Number.isSafeInteger(slice.to))) throw new Error('a validation slice is a range of line numbers');
  const where = slice ? `WHERE s.line_no BETWEEN ${slice.from} AND ${slice.to}` : '';
  const names: string[] = [];
  const checks: string[] = [];
  const flags: string[] = [];
  const joins: string[] = [];
  for (const c of p.columns) {
    names.push(c.name);
    if (c.perValue) {
      const v = `v_${c.name}`;
      const cell = `s.${c.name}`;
      // GROUP BY keeps the subquery (and so its expressions) below the join: once per value.
      joins.push(
        `JOIN (SELECT ${cell} AS v${c.parses ? `, ${c.parses(cell)} AS ok` : ''}, CASE ${c.problem(cell, q).join(' ')} END AS msg
              FROM ${table} s ${where} GROUP BY ${cell}) ${v} ON ${v}.v = ${cell}`,
      );
      flags.push(`${v}.msg AS msg_${c.name}`);
      if (c.parses) flags.push(`${v}.ok AS ok_${c.name}`);
      checks.push(`s.msg_${c.name}`);
      continue;
    }
    const ok = c.parses ? `s.ok_${c.name}` : undefined;
    if (c.parses) flags.push(`${c.parses(`s.${c.name}`)} AS ok_${c.name}`);
    checks.push(`CASE ${c.problem(`s.${c.name}`, q, ok).join(' ')} END`);
  }
  for (const r of p.rules) {
    const when = r.guard ? `WHEN NOT (${r.guard}) THEN NULL WHEN ${r.breaks}` : `WHEN ${r.breaks}`;
    names.push(r.column);
    checks.push(`CASE ${when} THEN ${lit(r.message)} END`);
  }
  const nameArray = `ARRAY[${names.map(lit).join(', ')}]`;
  const m = checks.map((_, i) => `c.m${i}`);
  // Rows an input reader made (`sourceLines`) name the line of the uploaded file they come
  // from (SOURCE_LINE), not their place in the package.
  const line = options.sourceLines ? SOURCE_LINE : 'line_no';
  // Duplicate ids: a hash aggregate finds the ids used more than once and their first
  // line (no sort of every row), then a join names the later lines.
  const id = p.idColumn;
  const duplicates = id && (!slice || slice.duplicates)
    ? `UNION ALL
       SELECT s.${line}, ${names.length + 1}, ${lit(id)}, '"' || left(s.${id}, 60) || '" repeats the ${id} of line ' || d.${options.sourceLines ? 'first_source' : 'first'}
       FROM ${table} s JOIN (SELECT u.${id}, min(u.line_no) AS first${options.sourceLines ? `, min(u.${SOURCE_LINE}) AS first_source` : ''} FROM ${table} u WHERE u.${id} <> ''
                              GROUP BY u.${id} HAVING count(*) > 1) d ON d.${id} = s.${id}
       WHERE s.line_no <> d.first`
    : '';
  // One pass computes every check of a row into its own column (OFFSET 0: once); only rows
  // with a problem build the array that is unnested into (line, column, message).
  return `
    WITH checked AS (
      SELECT s.${line}${options.sourceLines ? ' AS line_no' : ''}, ${checks.map((ch, i) => `${ch} AS m${i}`).join(',\n        ')}
      FROM (SELECT s.*${flags.map((f) => `, ${f}`).join('')} FROM ${table} s
            ${joins.join('\n            ')} ${where} OFFSET 0) s -- each parse flag computed once per row
      OFFSET 0
    ), problems AS (
      SELECT c.line_no, u.k, u.col, u.msg
      FROM checked c CROSS JOIN LATERAL unnest(ARRAY[${m.join(', ')}], ${nameArray}) WITH ORDINALITY AS u(msg, col, k)
      WHERE num_nonnulls(${m.join(', ')}) > 0 AND u.msg IS NOT NULL
      ${duplicates}
    )
    ${
      options.all
        ? 'SELECT line_no AS line, col AS column, msg AS message, k FROM problems'
        : `SELECT line_no AS line, col AS column, msg AS message, k, count(*) OVER () AS total
    FROM problems ORDER BY line_no, col COLLATE "C", k LIMIT ${ERROR_LIMIT}`
    }`;
}

/**
 * Keeps every problem of a rejected package in submission_problems (issue 17 item 3:
 * errors.csv lists them all; the submission row lists the first ERROR_LIMIT): those of
 * the validating statement over the whole staged table (`table`, null when staging
 * refused every record), and those set aside while staging, already in `stagedProblems`
 * (a table of line, col, message). `seq` is each problem's place in the order the API
 * lists problems: line, column by code point, then the check (staging's first). $1
 * society id, $2 submission id. A retried attempt writes the same rows again: kept once.
 */
export function keepAllProblemsSql(type: PackageType, q: Quarter, table: string | null, stagedProblems: string, sourceLines = false): string {
  const validation = table ? `SELECT v.line, v.column, v.message, v.k::int AS k FROM (${validationSql(type, q, table, undefined, { all: true, sourceLines })}) v UNION ALL ` : '';
  return `
    INSERT INTO submission_problems (society_id, submission_id, seq, line, "column", message)
    SELECT $1, $2, row_number() OVER (ORDER BY p.line NULLS FIRST, p.column COLLATE "C", p.k), p.line, NULLIF(p.column, ''), p.message
    FROM (${validation}SELECT s.line, COALESCE(s.col, '') AS column, s.message, -1 AS k FROM ${stagedProblems} s) p
    ON CONFLICT DO NOTHING`;
}

/**
 * A range of staged lines checked by one validating statement: a large package is
 * validated by several statements side by side on their own connections (PostgreSQL
 * runs the row pass of one statement on one core). Exactly one slice also lists the
 * duplicate ids, which need every line.
 */
export interface ValidationSlice {
  from: number;
  to: number;
  duplicates: boolean;
}

/**
 * `parts` slices covering the staged line numbers `firstLine` … `lastLine` (a CSV
 * package's 2 … rows + 1; a JSON Lines package's may have gaps where lines were
 * blank), the first one listing duplicates.
 */
export function validationSlices(firstLine: number, lastLine: number, parts: number): ValidationSlice[] {
  const span = lastLine - firstLine + 1;
  if (!Number.isSafeInteger(firstLine) || !Number.isSafeInteger(span) || span < 1 || !Number.isSafeInteger(parts) || parts < 1) {
    throw new RangeError('the line range must be non-empty and parts a positive integer');
  }
  const n = Math.min(parts, span);
  return Array.from({ length: n }, (_, i) => ({
    from: firstLine + Math.floor((i * span) / n),
    to: firstLine - 1 + Math.floor(((i + 1) * span) / n),
    duplicates: i === 0,
  }));
}

/** A problem as the validating statement returns it. */
export interface ProblemRow {
  line: number;
  column: string;
  message: string;
  k: number | string;
  total: number | string;
}

/**
 * The problems of all slices in the order one statement over the whole package gives
 * (line, column by code point, then the check's position), the first ERROR_LIMIT, and
 * the total over all slices.
 */
export function mergeProblems(slices: ProblemRow[][]): { problems: ProblemRow[]; total: number } {
  const total = slices.reduce((sum, rows) => sum + (rows.length > 0 ? Number(rows[0].total) : 0), 0);
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const problems = slices
    .flat()
    .sort((a, b) => a.line - b.line || byCodePoint(a.column, b.column) || Number(a.k) - Number(b.k))
    .slice(0, ERROR_LIMIT);
  return { problems, total };
}

/**
 * A staged IPI (text) as the key of rights_holders.ipi (char(11)): compared as text, the
 * column would be cast and its unique index of no use, so every package would read the
 * whole register; compared as char(11), the planner may probe the index (a small
 * package) or hash the register (a large one). The same for every valid IPI (11 digits).
 */
export const ipiKey = (cell: string) => `(${cell})::char(11)`;

/**
 * The columns of the lines table a package does not hold (the type's `computed`, then
 * those its computeColumns hook made, which win), or undefined when there are none.
 */
export function computedColumns(type: PackageType, atCommit?: ComputedColumns): ComputedColumns | undefined {
  const fixed = PACKAGES[type].computed;
  if (!fixed && !atCommit) return undefined;
  const joins = [fixed?.joins, atCommit?.joins].filter((j): j is string => !!j);
  return { columns: { ...fixed?.columns, ...atCommit?.columns }, ...(joins.length > 0 ? { joins: joins.join(' ') } : {}) };
}

/**
 * Registers, from the lines' names, rights holders whose valid IPI (staged column `ipi`)
 * is not yet known, under the name in staged column `name`: a provisional registration
 * by the society ($1), `name_source = 'society'`. A known IPI is never renamed by a line
 * (whatever name the line gives); an admin confirms or replaces the name, the holder
 * corrects it (docs/rights-holders.md). The names passed validation's name rules
 * (libs/identifiers visible-text.ts).
 */
export function registerUnknownHoldersSql(table: string, columns: { ipi: string; name: string } = { ipi: 'rights_holder_ipi', name: 'rights_holder_name' }): string {
  const { ipi, name } = columns;
  for (const c of [ipi, name]) if (!/^[a-z_][a-z_0-9]*$/.test(c)) throw new Error(`not a column name: ${c}`);
  // Each unknown IPI's first line names it: a hash aggregate finds those lines (no sort of
  // every staged row), then only they are read again (and sorted: few rows).
  return `
    INSERT INTO rights_holders (name, ipi, kind, name_source, registered_by_society_id)
    SELECT s.${name}, s.${ipi}, 'other', 'society', $1::uuid
    FROM ${table} s
    JOIN (SELECT u.${ipi}, min(u.line_no) AS first FROM ${table} u
          WHERE u.${ipi} <> '' AND NOT EXISTS (SELECT 1 FROM rights_holders rh WHERE rh.ipi = ${ipiKey(`u.${ipi}`)})
          GROUP BY u.${ipi}) f ON s.line_no = f.first
    -- In IPI order: two societies' ingests registering overlapping holders at once take
    -- the unique index's locks in one order, so neither waits for the other in a cycle.
    ORDER BY s.${ipi}
    ON CONFLICT DO NOTHING`;
}

/**
 * Moves the staged rows of a valid package into its lines table, typed, with each line's
 * leaf hash and its computed columns (computedColumns). $1 society id, $2 submission id.
 * (No ORDER BY: line_no orders the lines.)
 */
export function insertLinesSql(type: PackageType, table: string, computed = computedColumns(type)): string {
  const p = PACKAGES[type];
  const names = p.columns.map((c) => c.name);
  const typed = p.columns.map((c) => `${c.typed(`s.${c.name}`)} AS ${c.name}`).join(', ');
  const extra = Object.entries(computed?.columns ?? {});
  return `
    INSERT INTO ${p.table} (society_id, submission_id, line_no, ${names.join(', ')}${extra.map(([n]) => `, ${n}`).join('')}, leaf_hash)
    SELECT $1, $2, t.line_no, ${names.map((n) => `t.${n}`).join(', ')}${extra.map(([n]) => `, t.${n}`).join('')}, ${leafHashSql(type, 't')}
    FROM (SELECT s.line_no, ${typed}${extra.map(([n, e]) => `, ${e} AS ${n}`).join('')} FROM ${table} s${computed?.joins ? ` ${computed.joins}` : ''} OFFSET 0) t -- OFFSET 0: cast each cell once, not again inside the leaf
    `;
}

/**
 * The SELECT that makes a validated package's lines, for writeSubmissionPartition: every
 * column of the parent (named and typed as the catalog says) computed from the staged
 * text, the leaf hash from the staged text too (no typed value is needed to hash, so the
 * SELECT needs no fence and may run in parallel workers), and the columns the package
 * does not hold from `computed` (computedColumns: e.g. a distribution line's holder and
 * the mandate status derived at the commit).
 */
export function partitionSelectSql(type: PackageType, staging: string, societyId: string, submissionId: string, computed = computedColumns(type)) {
  for (const id of [societyId, submissionId]) if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not an id: ${id}`);
  const p = PACKAGES[type];
  const byName = new Map(p.columns.map((c) => [c.name, c]));
  const extra = computed?.columns ?? {};
  return (columns: { name: string; type: string }[]): string => {
    const select = columns.map(({ name, type: sqlType }) => {
      let expr: string;
      if (name === 'society_id') expr = `'${societyId}'`;
      else if (name === 'submission_id') expr = `'${submissionId}'`;
      else if (name === 'line_no') expr = 's.line_no';
      else if (name === 'leaf_hash') expr = leafHashSql(type, 's', 'staged');
      else if (Object.hasOwn(extra, name)) expr = extra[name];
      else {
        const column = byName.get(name);
        if (!column) throw new Error(`${p.table}.${name} is not a column of the ${type} package`);
        expr = column.typed(`s.${name}`);
      }
      // (A typed expression already cast to the column's type is not cast again.)
      return expr.endsWith(`::${sqlType}`) ? `${expr} AS ${name}` : `(${expr})::${sqlType} AS ${name}`;
    });
    return `SELECT ${select.join(', ')} FROM ${staging} s${computed?.joins ? ` ${computed.joins}` : ''}`;
  };
}

/** Every line of a table (a submission's partition) as `line_no<TAB>leaf hash hex`, for COPY TO, in no particular order. */
export function partitionLeavesCopySql(partition: string): string {
  if (!/^lines\.[a-z_0-9]+$/.test(partition)) throw new Error(`not a partition: ${partition}`);
  return `COPY (SELECT line_no, encode(leaf_hash, 'hex') FROM ${partition}) TO STDOUT`;
}
