import { readFileSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { MerkleFormatError, importPrivateKey, parseKeySet, type PublicKeyRecord } from '../../merkle/src/index.js';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable the processes read, validated once at boot.
 * A wrong value stops the process with a message naming the variable (never its value:
 * some are secrets).
 */
export class AppConfig {
  @Transform(toInt) @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT: number = 3000;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  HOST: string = '127.0.0.1';

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DATA_DIR: string = './data';

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16, { message: 'must be at least 16 characters' })
  ADMIN_TOKEN?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(['0', '1', 'true', 'false'], { message: 'must be 0, 1, true or false' })
  DEMO?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Largest accepted upload, in bytes (a package beyond it gets 413). */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  UPLOAD_LIMIT_BYTES: number = 2 * 1024 * 1024 * 1024;

  /**
   * Largest inflation ratio of a gzip upload (decompressed bytes per compressed byte,
   * checked while it streams; the first MiB is free): a body inflating further is a 413
   * with little written. gzip of real packages stays well under 50.
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  UPLOAD_MAX_INFLATION: number = 200;

  /** Longest line of a package (a CSV record, or a JSON Lines line), in bytes: 413 beyond, at upload. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1024)
  UPLOAD_MAX_LINE_BYTES: number = 1024 * 1024;

  /** Longest cell of a package (a CSV field, or a JSON string), in bytes: 413 beyond, at upload. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1024)
  UPLOAD_MAX_CELL_BYTES: number = 64 * 1024;

  /** Uploads of one society at a time in this process; one more is a 429 with Retry-After. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  UPLOAD_CONCURRENCY_PER_SOCIETY: number = 2;

  /** Uploads at a time in this process, all societies together; one more is a 429 with Retry-After. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  UPLOAD_CONCURRENCY: number = 16;

  /** An upload whose body sends nothing for this long ends with 408 (nothing kept). */
  @Transform(toInt) @IsOptional() @IsInt() @Min(100)
  UPLOAD_IDLE_TIMEOUT_MS: number = 30_000;

  /**
   * Longest time to receive a whole request, body included (an upload ends with 408 and
   * nothing kept; Node closes any other request with 408). Also the age beyond which an
   * upload's leftover `.part` file is removed at boot.
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(100)
  REQUEST_TIMEOUT_MS: number = 30 * 60_000;

  /** Requests per minute per client before 429. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 60_000;

  /**
   * Refused tokens (unknown, revoked, expired) one address may present a minute; beyond,
   * any token from it is a 429 until the minute is over (brute-force guard). A policy of
   * this ledger: valid tokens are never refused, so a client reaches it only by guessing.
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  AUTH_FAILURES_PER_MINUTE: number = 300;

  /**
   * The longest a token issued through POST /v1/tokens may live, in days: its default
   * lifetime and the limit on expiresAt / expiresInDays. A policy of this ledger (no law
   * sets it). Tokens issued before expiry existed never expire until revoked.
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1) @Max(36_500)
  TOKEN_MAX_LIFETIME_DAYS: number = 365;

  /**
   * A statement that converts with an exchange rate recorded more than this many days
   * before the day it converts for says so (the rate is stale). A policy of this ledger:
   * Directive 2014/26/EU sets no exchange-rate method or age. 7 allows for the reference
   * rates' weekend and holiday gaps (libs/statements/src/stale-rates.ts).
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(0) @Max(3650)
  RATE_MAX_AGE_DAYS: number = 7;

  /** Comma-separated origins allowed by CORS; unset means CORS is off. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  /**
   * The Ed25519 private key that signs the log's tree heads: base64 of its 32-byte seed,
   * or PKCS#8 PEM. Unset: generated once in DATA_DIR/log-signing-key.txt.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  LOG_SIGNING_KEY?: string;

  /**
   * Path of a JSON key set file, `{"keys": [{keyId, algorithm, publicKey, retiredAt?}, …]}`
   * (the form GET /v1/log/keys serves), of retired public keys whose heads the ledger
   * still trusts. Read and checked at boot (`trustedKeys`).
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  LOG_TRUSTED_KEYS?: string;

  /** The keys of LOG_TRUSTED_KEYS, read by loadConfig ([] when unset). */
  trustedKeys: readonly PublicKeyRecord[];

  /**
   * Path of a C2SP tlog-policy file (`witness NAME VKEY URL` lines, `group …`, `quorum
   * NAME|N|none`): the witnesses each new checkpoint of every society's log goes to, and
   * the quorum of cosignatures it needs (docs/witness.md). Unset: no witnesses.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  LOG_WITNESSES?: string;

  /** First wait before asking a witness again after a network error, 5xx or 429 (doubled each time, 4 tries a round). */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  LOG_WITNESS_RETRY_MS: number = 1000;

  /**
   * SMTP server for e-mail notifications, as a URL (`smtp://user:pass@host:587`,
   * `smtps://…` for TLS from the start). Unset: no e-mail is sent (e-mail subscriptions
   * are kept, the inbox and webhooks work as usual).
   */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From of notification e-mails. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(3)
  SMTP_FROM: string = 'Collective Ledger <ledger@localhost>';

  /** Attempts at delivering one notification to a webhook or an address before it goes to the dead-letter list (a policy, no law sets it). */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1) @Max(30)
  NOTIFY_MAX_ATTEMPTS: number = 8;

  /** Wait after a failed delivery before the next attempt, doubled after each further failure (at most 6 hours). */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  NOTIFY_RETRY_MS: number = 30_000;

  /** How long a webhook has to answer a delivery (a slower answer counts as a failure). */
  @Transform(toInt) @IsOptional() @IsInt() @Min(100) @Max(120_000)
  NOTIFY_TIMEOUT_MS: number = 10_000;

  /** How often a worker looks for notifications to fan out, deliveries due again and the day's due-events run. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(10)
  NOTIFY_POLL_MS: number = 5_000;

  /** Jobs of one kind (ingest, audit) a worker process runs at once (docs/jobs.md). */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1) @Max(64)
  JOBS_CONCURRENCY: number = 2;

  /**
   * Jobs of one kind and one society running at once; below JOBS_CONCURRENCY (when that
   * is above 1) so a society flooding the queue always leaves a slot to the others.
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1) @Max(64)
  JOBS_PER_SOCIETY: number = 1;

  /**
   * Where computed answers of per-head reads (statements, entitlements, the regulator
   * overview, checkpoints, the public society list, transparency reports) are kept, shared
   * by every API process: `postgres` (the answer_cache table), `redis`, or `off` (every
   * request computes its answer). Unset: redis with REDIS_URL, else postgres
   * (docs/answer-cache.md).
   */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['postgres', 'redis', 'off'], { message: 'must be postgres, redis or off' })
  ANSWER_CACHE?: string;

  /** Answers kept at most (all processes together); beyond, the least recently stored go. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  ANSWER_CACHE_MAX_ENTRIES: number = 100_000;

  /**
   * How long an API process may reuse a token lookup, in ms (0: it looks every token up).
   * Revocation takes effect at once whatever this is: every process hears of it from
   * PostgreSQL (docs/answer-cache.md); the bound is for a listener that lost its
   * connection unnoticed. A policy of this ledger (no law sets it).
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(0) @Max(300_000)
  TOKEN_CACHE_TTL_MS: number = 30_000;

  /** Token lookups an API process keeps at most (the least recently used go first). */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1)
  TOKEN_CACHE_MAX_ENTRIES: number = 100_000;

  /** Key prefix of the queues in Redis (several deployments can share one Redis). */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ . or -' })
  QUEUE_PREFIX: string = 'ledger';

  /**
   * Fault injection for the crash tests only: `<phase>:<ms>` makes the ingest wait that
   * long in the middle of a phase (`staging`: mid-COPY, `commit`: inside the commit
   * transaction) so a test can kill the worker there.
   */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^(staging|commit):[0-9]{1,6}$/, { message: 'must be staging:<ms> or commit:<ms>' })
  INGEST_PAUSE?: string;

  /** True when the demo data should be loaded: DEMO when given, else only on the embedded database. */
  get demoEnabled(): boolean {
    if (this.DEMO !== undefined) return this.DEMO === '1' || this.DEMO === 'true';
    return this.DATABASE_URL === undefined;
  }

  /** Where answers are kept: ANSWER_CACHE, else Redis when REDIS_URL is set, else PostgreSQL. */
  get answerCacheMode(): 'postgres' | 'redis' | 'off' {
    return (this.ANSWER_CACHE as 'postgres' | 'redis' | 'off' | undefined) ?? (this.REDIS_URL ? 'redis' : 'postgres');
  }

  get corsOrigins(): string[] {
    return (this.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  }
}

export class ConfigError extends Error {}

const KNOWN = Object.keys(new AppConfig());

/** Reads and validates the environment; throws ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string | undefined> = {};
  for (const key of [...KNOWN, 'DATABASE_URL', 'REDIS_URL', 'ADMIN_TOKEN', 'DEMO', 'CORS_ORIGINS', 'LOG_SIGNING_KEY', 'LOG_TRUSTED_KEYS', 'LOG_WITNESSES', 'INGEST_PAUSE', 'SMTP_URL', 'ANSWER_CACHE']) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw);
  const problems = validateSync(config, { forbidUnknownValues: false });
  const lines = problems.map((p) => `  ${p.property}: ${Object.values(p.constraints ?? {}).join('; ').replace(`${p.property} `, '')}`);
  if (config.LOG_SIGNING_KEY !== undefined && !problems.some((p) => p.property === 'LOG_SIGNING_KEY')) {
    try {
      importPrivateKey(config.LOG_SIGNING_KEY);
    } catch {
      lines.push('  LOG_SIGNING_KEY: is not an Ed25519 private key (base64 of its 32-byte seed, or PKCS#8 PEM)');
    }
  }
  config.trustedKeys = [];
  if (config.LOG_TRUSTED_KEYS !== undefined && !problems.some((p) => p.property === 'LOG_TRUSTED_KEYS')) {
    try {
      config.trustedKeys = readTrustedKeys(config.LOG_TRUSTED_KEYS);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      lines.push(`  LOG_TRUSTED_KEYS: ${error.message}`);
    }
  }
  if (config.JOBS_CONCURRENCY > 1 && config.JOBS_PER_SOCIETY >= config.JOBS_CONCURRENCY && !problems.some((p) => p.property.startsWith('JOBS_'))) {
    lines.push(`  JOBS_PER_SOCIETY: must be below JOBS_CONCURRENCY (${config.JOBS_CONCURRENCY}), so that another society always finds a free slot`);
  }
  if (config.ANSWER_CACHE === 'redis' && !config.REDIS_URL && !problems.some((p) => p.property === 'ANSWER_CACHE')) {
    lines.push('  ANSWER_CACHE: redis needs REDIS_URL');
  }
  if (lines.length > 0) throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  return config;
}

/**
 * Reads the key set file named by LOG_TRUSTED_KEYS; a ConfigError says what is wrong
 * (the path is named: it is not a secret, and neither are the public keys in it).
 */
export function readTrustedKeys(file: string): PublicKeyRecord[] {
  if (/^\s*[[{]/.test(file)) {
    throw new ConfigError('must be the path of a JSON key set file ({"keys": [...]}, as GET /v1/log/keys serves it), not the JSON itself');
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the key set file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new ConfigError(`the key set file ${file} is not JSON`);
  }
  try {
    return parseKeySet(document);
  } catch (error) {
    if (error instanceof MerkleFormatError) {
      throw new ConfigError(`the key set file ${file} is not a key set {"keys": [{keyId, algorithm, publicKey, retiredAt?}]}: ${error.message}`);
    }
    throw error;
  }
}
