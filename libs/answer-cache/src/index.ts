/**
 * Computed answers of per-head reads kept by the signed heads (and counted changes) they
 * were computed from, shared by every API process through PostgreSQL or Redis
 * (docs/answer-cache.md). The HTTP edge (apps/api @CachedAnswer) decides what a question
 * is and what it depends on.
 */
export { AnswerCacheModule } from './answer-cache.module.js';
export { ANSWER_CACHE_MODES, AnswerCache } from './answer-cache.service.js';
export type { AnswerCacheMode, AnswerCacheOptions } from './answer-cache.service.js';
export { questionKey, scopeOf } from './answer-key.js';
export type { AnswerDependencies, AnswerScope, Question, StoredAnswer } from './answer-key.js';
export { codeVersion } from './code-version.js';
export { decodeEntry, encodeEntry } from './redis-answers.js';
