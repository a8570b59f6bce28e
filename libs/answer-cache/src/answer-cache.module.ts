import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ANSWER_CACHE_OPTIONS, AnswerCache, type AnswerCacheOptions } from './answer-cache.service.js';

/** Provides the AnswerCache to the API process (the HTTP edge decides which routes use it). */
@Global()
@Module({})
export class AnswerCacheModule {
  static forRoot(options: AnswerCacheOptions): DynamicModule {
    return { module: AnswerCacheModule, providers: [{ provide: ANSWER_CACHE_OPTIONS, useValue: options }, AnswerCache], exports: [AnswerCache] };
  }
}
