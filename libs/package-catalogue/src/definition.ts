/**
 * A package type, in one place (issue 16): what its lines hold and how they are checked
 * (columns, row rules), how a line is hashed (its leaf: the columns' `leaf`), what a
 * committed package posts to the journal, what else its commit does (commit hooks),
 * its template and docs page, and, for a type whose files are not the ledger's CSV or
 * JSON Lines, how such a file is read (an input format).
 *
 * A type is one file, libs/package-catalogue/src/types/<type>.ts, exporting one
 * `PackageTypeDefinition`, listed in the catalogue (libs/package-catalogue/src/index.ts).
 * The ingest (libs/submissions) orchestrates; it has no branch per type. This library is
 * pure: no NestJS, no database driver. A hook that needs a service of the ledger's (the
 * rights-holder register, the mandate register) gets it through `CommitServices`, which
 * the ingest implements; SQL runs through the `query` function a context hands over.
 */
import type { InputProblem } from '../../errors/src/index.js';

/**
 * A calendar quarter `YYYYQn` with its first and last day (the same shape as
 * libs/submissions' `Quarter`, which parsePeriod returns).
 */
export interface Quarter {
  /** `YYYYQn`. */
  period: string;
  /** The quarter's year. */
  year: number;
  /** 1 to 4. */
  quarter: 1 | 2 | 3 | 4;
  /** First day, YYYY-MM-DD. */
  first: string;
  /** Last day, YYYY-MM-DD. */
  last: string;
  /** Today (UTC), when known: dates of facts after it are refused (CONTRACT.md, no facts from the future). */
  today?: string;
}

/**
 * How one column is checked, stored and hashed. Everything here is SQL text generated
 * from constants (never from user input): the validation runs as one set-based
 * statement over the staged rows (every column text), not row by row in JS.
 */
export interface Column {
  /** The column's name: the CSV header, the JSON Lines key, the lines table's column and the leaf's key. */
  name: string;
  /**
   * CASE branches (`WHEN … THEN 'message'`) naming what is wrong with the staged text
   * `col`; none matches when the cell is fine. `ok`: a precomputed boolean column that
   * says the cell parses (see `parses`), so a statement needing it often computes it once.
   */
  problem(col: string, q: Quarter, ok?: string): string[];
  /** SQL boolean: the staged text parses as this column's type (amounts and dates). */
  parses?(col: string): string;
  /** The checks depend on the cell's text alone and cost more than a hash probe: run once per distinct value. */
  perValue?: boolean;
  /** The stored (typed) value, from a staged text that passed the checks. */
  typed(col: string): string;
  /** The JSON value of the stored column in the line's canonical JSON (its leaf): a JSON string, or `null`. */
  leaf(col: string): string;
  /** The same JSON value as `leaf`, from the staged text of a cell that passed the checks. */
  stagedLeaf(col: string): string;
  /**
   * Added to the type after packages were committed without it: a header or record may
   * leave it out, and an empty cell gives no key in the leaf (older leaves still hold).
   */
  mayBeAbsent?: boolean;
}

/** A check across the columns of one row; it runs only where those columns are individually valid. */
export interface RowRule {
  /** The column a breaking row's problem names. */
  column: string;
  /** SQL boolean that must hold before `breaks` may be evaluated (e.g. the cells parse). */
  guard?: string;
  /** SQL boolean over staged columns `s.<name>`: true when the row breaks the rule. */
  breaks: string;
  /** The problem's message (the docs page quotes it: a unit test checks). */
  message: string;
}

/**
 * Columns of the lines table that a package does not hold, computed when its lines are
 * written (e.g. a distribution line's `rights_holder_id`, looked up by its IPI).
 */
export interface ComputedColumns {
  /** Lines-table column → SQL expression over the staged row `s` (all text) and the relations `joins` adds. */
  columns: Record<string, string>;
  /** FROM-clause joins after `FROM <staging table> s` (e.g. `LEFT JOIN rights_holders rh ON …`). */
  joins?: string;
}

/**
 * A filter of the lines API (GET /v1/submissions/{id}/lines) on a column of the lines
 * table that the package does not hold (a computed column, e.g. a distribution line's
 * derived `mandate_status`). Filters on the package's own columns (status, category,
 * currency, mandateBasis) need no declaration: a type has them when it has the column.
 */
export interface LineFilter {
  /** The query parameter, e.g. `mandateStatus`. */
  field: string;
  /** The lines-table column it compares (as text, equal), e.g. `mandate_status`. */
  column: string;
  /** The values it takes (another is a 400 naming the field). */
  values: readonly string[];
  /** What the column is, in words, for the 400 a type without the filter answers (`income lines have no mandate status`). */
  label: string;
}

/**
 * How the lines API (GET /v1/submissions/{id}/lines) shows and searches a type's lines,
 * beyond what every line has (lineNo, lineId: the id column, fields: its leaf's values).
 * None: those three only, `q` searching every cell, no filter but the package columns'.
 */
export interface LinesView {
  /**
   * Typed properties each line also has, in this order after lineId: API name → SQL
   * expression over the line `l` (a row of the type's lines table, computed columns
   * included), e.g. `{ gross: 'trim_scale(l.gross)::text' }`. SQL text from constants.
   */
  properties?: Readonly<Record<string, string>>;
  /** The columns (package or computed) whose text `q` searches, case-insensitive; none: the whole leaf (every cell). */
  search?: readonly string[];
  /** Filters on computed columns (see LineFilter). */
  filters?: readonly LineFilter[];
}

/** What `CommitHooks.computeColumns` made: more computed columns, and what to keep and drop afterwards. */
export interface ComputedAtCommit extends ComputedColumns {
  /** The moment (ISO 8601, ms) of the mandate register the columns reflect; kept as the submission's mandatesKnownAt. */
  mandatesKnownAt?: string | null;
  /** Drops what was made for the columns (a work table); called once the lines are written, whatever happened. */
  dispose?(): Promise<void>;
}

/** Runs one SQL statement on the ingest's connection (inside the commit's transaction where the hook says so). */
export type QueryFn = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/**
 * A mandate as a `mandates` package records it in the mandate register (one per
 * mandate_id; its lines' territories together). Mirrors libs/mandates' BulkMandateRow.
 */
export interface MandateRecord {
  /** Line of the mandate's first line (where problems are reported). */
  line: number;
  /** The society's own id of the mandate (mandate_id). */
  externalId: string;
  /** The rights holder's IPI name number (11 digits). */
  rightsHolderIpi: string;
  /** Category of rights (CATEGORIES). */
  category: string;
  /** Work type (WORK_TYPES). */
  workType: string;
  /** ISO 3166-1 alpha-2 codes or WORLD. */
  territories: string[];
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD, or null: open-ended. */
  validTo: string | null;
  /** contractual or non-contractual. */
  basis: string;
  /** Whether the mandate is exclusive. */
  exclusive: boolean;
}

/**
 * Services of the ledger's that commit hooks may call: the ingest implements them, so
 * this library stays free of NestJS and the database. Each runs on the ingest's
 * connection (in the commit's transaction when the hook runs in it).
 */
export interface CommitServices {
  /**
   * Registers provisionally (name_source `society`) the rights holders whose valid IPI in
   * staged column `ipi` is not registered yet, under the name in staged column `name`
   * of the first line naming each.
   */
  registerUnknownHolders(stagingTable: string, columns: { ipi: string; name: string }): Promise<void>;
  /**
   * The mandate status of staged distribution lines as the mandate register knows it
   * now (libs/mandates mandateStatusSql): the columns `mandate_status` and
   * `mandate_ids`, the join that gives them, and the moment read.
   */
  mandateStatus(stagingTable: string, options: { small: boolean }): Promise<ComputedAtCommit>;
  /**
   * Records mandates in the mandate register (bitemporal, conflict-checked). A conflict
   * or a rule the register refuses throws PackageRejection (the package is rejected).
   */
  recordMandates(mandates: MandateRecord[]): Promise<void>;
}

/** What every hook context holds. */
export interface PackageContext {
  /** The package type's name. */
  type: string;
  /** The society sending the package. */
  societyId: string;
  /** The submission being ingested. */
  submissionId: string;
  /** The quarter the package reports. */
  period: Quarter;
  /** Now, by the ledger's Clock (ISO 8601 instant, e.g. `2026-12-07T13:30:00.000Z`): for what a hook dates (an ACK, a register's recorded_at). */
  now: string;
  /** Runs SQL on the ingest's connection. */
  query: QueryFn;
  /** The ledger's services (see CommitServices). */
  services: CommitServices;
}

/** A hook's context while the validated rows are still staged (before the lines are written). */
export interface StagedContext extends PackageContext {
  /** The staging table: one text column per column, `line_no` (the line's number in the package). */
  stagingTable: string;
  /** A small package (staged in its connection's temporary table; lines INSERTed into a ready table). */
  small: boolean;
}

/**
 * A hook's context inside the commit's transaction, after the lines are written. An
 * error thrown rolls the whole commit back: PackageRejection rejects the package (like
 * a validation problem), any other error fails the attempt (retried).
 */
export interface CommitContext<Collected = unknown> extends PackageContext {
  /** The table holding this package's lines: the type's lines table, or the partition about to be attached. Filter by society_id and submission_id. */
  linesTable: string;
  /** The lines written. */
  rows: number;
  /** What the input reader collected while reading (InputReader.collected); undefined for a CSV or JSON Lines package. */
  collected: Collected | undefined;
}

/** The context of `afterReject`: the package was rejected; nothing of its lines was kept. */
export interface RejectContext<Collected = unknown> extends PackageContext {
  /** What the reader collected, if it read the file to its end; undefined otherwise (or for CSV and JSON Lines). */
  collected: Collected | undefined;
  /** How many problems the package has in all (the `problems` handed over are the first ERROR_LIMIT). */
  total: number;
}

/**
 * What a package's commit does besides writing, hashing and posting its lines. Every
 * hook runs for a package of the type, whatever format it came in. Order: beforeLines,
 * computeColumns, (lines written), afterLines, (journal, log), input afterCommit.
 */
export interface CommitHooks {
  /**
   * Before the lines are written, over the validated staged rows (e.g. register unknown
   * rights holders). For a partitioned type it runs before the commit's transaction (the
   * lines are prepared beforehand), otherwise in it; it must be safe to run again.
   */
  beforeLines?(ctx: StagedContext): Promise<void>;
  /** Computed columns that need the ledger at commit time (e.g. mandate status); added to `computed`. */
  computeColumns?(ctx: StagedContext): Promise<ComputedAtCommit>;
  /** In the commit's transaction, right after the lines are written (e.g. record the mandates a package lists). */
  afterLines?(ctx: CommitContext): Promise<void>;
}

/**
 * A problem in an uploaded file, at its line and column in that file. A package with
 * any is rejected, with the same rejection record and limits as a CSV package's.
 */
export interface SourceProblem {
  /** 1-based line of the uploaded file (after decompression). */
  line: number;
  /** Where in the line, as the format names it: e.g. `"116 (SPU prShare)"` or a DSR cell `"7"`. Optional. */
  column?: string;
  /** What is wrong, in words. */
  message: string;
}

/** One row of the type's columns an input reader made from the uploaded file. */
export interface SourceRow {
  /** 1-based line of the uploaded file the row comes from (its first line): SQL validation problems of the row are reported there. */
  line: number;
  /** The cells, in the type's column order (`columns`), as text ('' for empty), exactly as a CSV cell would hold them. */
  cells: readonly string[];
}

/** What an input reader yields: rows, problems, or arrays of either (a batch saves per-item overhead on big files). */
export type SourceItem = SourceRow | SourceProblem;

/** What a reader is told about the package it reads. */
export interface ReadContext {
  /** The package type's name. */
  type: string;
  /** The society sending the package. */
  societyId: string;
  /** The submission being ingested. */
  submissionId: string;
  /** The quarter the package reports (with `today`). */
  period: Quarter;
  /** Now, by the ledger's Clock (ISO 8601 instant). */
  now: string;
  /** The name the file was uploaded as, if any. */
  fileName: string | null;
}

/** Reads one uploaded file. Made per package (`InputFormat.reader`), so it may keep state. */
export interface InputReader<Collected = unknown> {
  /**
   * Reads the uploaded bytes as they stream (decompressed of any Content-Encoding, as
   * stored; never the whole file in memory) and yields rows in the type's columns and
   * problems at the file's lines and columns, in any interleaving, as it goes. A row
   * is told from a problem by `cells`. Rows are staged as they come and numbered 1, 2, …
   * in the order yielded: that is their `line_no` in the lines table. Throwing fails
   * the attempt (the ledger's fault, retried): report the file's faults as problems.
   */
  read(bytes: AsyncIterable<Uint8Array>): AsyncIterable<SourceItem | readonly SourceItem[]>;
  /**
   * What the reader collected for the hooks (e.g. the transactions an ACK answers), once
   * `read` has finished: kept in memory until the package is committed or rejected, so small.
   */
  collected?(): Collected;
}

/**
 * A format other than the ledger's CSV and JSON Lines in which packages of a type are
 * sent (e.g. CISAC CWR, DDEX DSR). The file is kept as received; the ingest streams it
 * through `reader().read`, stages the rows it yields, and validates them with the type's
 * columns and rules like any package (problems remapped to the file's lines).
 */
export interface InputFormat<Collected = unknown> {
  /** The format's name, kept as the submission's `format` (lowercase letters, digits, '-'; not csv or ndjson), e.g. `cwr`. */
  name: string;
  /** Content-Types an upload of this format may be sent with (a body, or a multipart file part). */
  mediaTypes: readonly string[];
  /** File name endings (without the dot, lowercase) naming this format in a multipart upload, e.g. `['cwr', 'v21', 'v22']`. */
  extensions: readonly string[];
  /** Whether the type also takes the ledger's CSV and JSON Lines (default: only this format). */
  alsoLedgerFormats?: boolean;
  /**
   * A file from which the reader makes no row and reports no problem still commits, with
   * no lines (e.g. a CWR file whose every transaction was refused: its ACK says so, and
   * afterCommit writes it). Default: such a file is rejected ("holds nothing").
   */
  allowEmpty?: boolean;
  /** A reader for one package. */
  reader(ctx: ReadContext): InputReader<Collected>;
  /**
   * Inside the commit's transaction, last before it commits (after the lines, the
   * journal and the log): e.g. write a works register and an ACK file. A thrown error
   * rolls the commit back (PackageRejection rejects the package; anything else fails
   * the attempt, retried).
   */
  afterCommit?(ctx: CommitContext<Collected>): Promise<void>;
  /**
   * After the package was rejected (its problems recorded, nothing of it kept), outside
   * any transaction: e.g. store an ACK for the rejected file. Must be idempotent (a
   * retried attempt may run it again); an error is logged, the rejection stands.
   */
  afterReject?(ctx: RejectContext<Collected>, problems: readonly InputProblem[]): Promise<void>;
}

/**
 * A package type: one file in libs/package-catalogue/src/types/, listed in the catalogue.
 * `Name`: the type's name as a literal type (definePackageType infers it).
 */
export interface PackageTypeDefinition<Name extends string = string, Collected = unknown> {
  /** The type's name (`?type=` of an upload, submissions.type): lowercase letters and '-'. */
  type: Name;
  /** The table its committed lines go to (society_id, submission_id, line_no, the columns, leaf_hash, computed columns). */
  table: string;
  /** What one line means, for the docs and the API. */
  describe: string;
  /** The columns, in template order; the leaf's keys are their names in code-unit order. */
  columns: Column[];
  /** Checks across the columns of a row. */
  rules: RowRule[];
  /**
   * The lines table is partitioned per society and submission; a package's lines are
   * written as a partition of their own with indexes built in bulk (the type that takes
   * millions of lines per package).
   */
  partitioned?: boolean;
  /** Column whose value must be unique within the package (the line's id), if any. */
  idColumn?: string;
  /** Two example rows for the template (CSV and JSON Lines), in column order. */
  examples: string[][];
  /** The docs page, from the repository root: `docs/packages/<type>.md` (a unit test checks it names every column and rule). */
  docs: string;
  /**
   * The journal postings of a committed package: SQL returning (kind, account, currency,
   * amount) over the type's lines table written `FROM <table> ` ($1 society, $2
   * submission); the rows of each kind sum to zero per currency. None: posts nothing.
   */
  journal?: string;
  /** The journal entry kinds `journal` posts (`<type>` or `<type>:<event>`). */
  entryKinds?: readonly string[];
  /**
   * The package's facts are not a quarter's (a works registration): an upload may leave
   * `period` out, and the package is filed under the quarter it was received in (the
   * ledger's Clock). Every other type needs the quarter it reports (CONTRACT.md).
   */
  periodOptional?: boolean;
  /** The annual transparency report (Directive 2014/26/EU Art. 22 and Annex) reads this type. */
  transparency?: boolean;
  /**
   * Every quarter must have a package of this type for the transparency report to be
   * complete (Annex figures no year can lack: revenue, deductions, amounts attributed and
   * paid): the report's REQUIRED_TYPES and the default `requiredTypes` of the audit rule
   * governance.transparency-report. Implies `transparency`.
   */
  transparencyRequired?: boolean;
  /** Columns of the lines table the package does not hold, computed when its lines are written. */
  computed?: ComputedColumns;
  /**
   * The lines-table column naming each line's rights holder (rights_holders.id; a computed
   * column), if the lines are holders' lines: a committed correction of such a type tells
   * each holder whose lines it changed (`line.changed`, libs/notifications).
   */
  holderColumn?: string;
  /** How the lines API shows, searches and filters the type's lines (see LinesView). */
  lines?: LinesView;
  /** What the commit does besides the lines, the journal and the log. */
  hooks?: CommitHooks;
  /** The type's files come in another format than CSV and JSON Lines (see InputFormat). */
  input?: InputFormat<Collected>;
}

/** A type file's definition, its name kept as a literal type: `export const income = definePackageType({ type: 'income', … })`. */
export function definePackageType<const Name extends string, Collected = unknown>(definition: PackageTypeDefinition<Name, Collected>): PackageTypeDefinition<Name, Collected> {
  return definition;
}

/**
 * Thrown by a hook (or a reader's afterCommit) to reject the package: the commit rolls
 * back and the package ends `rejected` with these problems, like a validation failure.
 */
export class PackageRejection extends Error {
  constructor(
    /** The first problems (at most ERROR_LIMIT). */
    readonly problems: InputProblem[],
    /** How many there are in all. */
    readonly total: number = problems.length,
  ) {
    super('package rejected');
  }
}
