import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AnswerDependencies, type Question, type StoredAnswer, questionKey } from './answer-key.js';
import { AnswersRepository, type Lookup } from './answers.repository.js';
import { codeVersion } from './code-version.js';
import { RedisAnswers } from './redis-answers.js';

export const ANSWER_CACHE_MODES = ['postgres', 'redis', 'off'] as const;
export type AnswerCacheMode = (typeof ANSWER_CACHE_MODES)[number];

export interface AnswerCacheOptions {
  /** Where answers are kept: PostgreSQL (answer_cache), Redis, or nowhere (every request computes). */
  mode: AnswerCacheMode;
  /** With mode redis. */
  redisUrl?: string;
  /** Key prefix in Redis (QUEUE_PREFIX: deployments sharing a Redis keep apart). */
  prefix: string;
  /** Answers kept at most; the least recently stored go first (ANSWER_CACHE_MAX_ENTRIES). */
  maxEntries: number;
  /** Larger answers are served but not kept. */
  maxBodyBytes?: number;
}

export const ANSWER_CACHE_OPTIONS = Symbol('ANSWER_CACHE_OPTIONS');

/** Every this many answers stored by a process, it trims the store to its bound and compacts the change counts. */
const HOUSEKEEPING_EVERY = 256;
/** Larger answers are served but not kept: a statement is a few kilobytes, the overview of 228 societies a few hundred. */
const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Computed answers of per-head reads, shared by every API process (docs/answer-cache.md).
 * A question (route, parameters, the caller's scope, the day, the build: questionKey) is
 * answered from the store only under the fingerprint of what the answer was computed from:
 * the signed heads (size and root) of the societies it depends on and the counted changes
 * of their registers and of the whole ledger. A new head or a change makes a new
 * fingerprint, so the next request computes and stores the new answer in place of the old
 * one: answers are invalidated by head and change, never by time, and the store is bounded
 * by number. The fingerprint is always read from PostgreSQL, in the same statement as the
 * answer when answers are kept there: a hit is one round trip.
 */
@Injectable()
export class AnswerCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AnswerCache');
  private readonly repository: AnswersRepository;
  private readonly redis: RedisAnswers | null;
  private readonly build: string;
  private stored = 0;
  private housekeeping: Promise<void> | null = null;

  constructor(
    db: DataSource,
    @Inject(ANSWER_CACHE_OPTIONS) private readonly options: AnswerCacheOptions,
  ) {
    this.repository = new AnswersRepository(db);
    if (options.mode === 'redis' && !options.redisUrl) throw new Error('answers kept in Redis need REDIS_URL');
    this.redis = options.mode === 'redis' ? new RedisAnswers(options.redisUrl!, options.prefix) : null;
    this.build = options.mode === 'off' ? '' : codeVersion();
  }

  get mode(): AnswerCacheMode {
    return this.options.mode;
  }

  async onModuleInit(): Promise<void> {
    if (this.redis) await this.redis.connect((e) => this.logger.warn(`Redis (answers): ${e.message}`));
    if (this.options.mode !== 'off') await this.repository.compactChanges().catch((e: Error) => this.logger.warn(`compacting change counts: ${e.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.housekeeping;
    await this.redis?.close();
  }

  /** The key of a question asked of this build. */
  key(question: Omit<Question, 'build'>): Buffer {
    return questionKey({ ...question, build: this.build });
  }

  /** The current fingerprint of `deps`, and the answer to `base` stored under it, if any. */
  async lookup(base: Buffer, deps: AnswerDependencies): Promise<Lookup> {
    if (!this.redis) return this.repository.lookup(base, deps);
    const fingerprint = await this.repository.fingerprint(deps);
    try {
      return { fingerprint, answer: await this.redis.get(base, fingerprint) };
    } catch (error) {
      this.logger.warn(`reading an answer from Redis: ${(error as Error).message}`);
      return { fingerprint, answer: null };
    }
  }

  /**
   * Keeps the answer to `base` computed under `fingerprint` (read before computing it: the
   * answer is then at least as new as the fingerprint says, never older).
   */
  async store(base: Buffer, fingerprint: Buffer, answer: StoredAnswer): Promise<void> {
    if (answer.body.length > (this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) return;
    if (this.redis) await this.redis.store(base, fingerprint, answer);
    else await this.repository.store(base, fingerprint, answer);
    if (++this.stored % HOUSEKEEPING_EVERY === 0) this.housekeeping ??= this.keepHouse().finally(() => (this.housekeeping = null));
  }

  /** Trims the store to its bound and compacts the change counts now (also done every few hundred answers stored). */
  async keepHouse(): Promise<void> {
    try {
      const gone = this.redis ? await this.redis.trim(this.options.maxEntries) : await this.repository.trim(this.options.maxEntries);
      if (gone > 0) this.logger.debug?.(`dropped the ${gone} least recently stored answers (ANSWER_CACHE_MAX_ENTRIES ${this.options.maxEntries})`);
      await this.repository.compactChanges();
    } catch (error) {
      this.logger.warn(`answer cache housekeeping: ${(error as Error).message}`);
    }
  }
}
