import { Module } from '@nestjs/common';
import { SearchRepository } from './search.repository.js';
import { SearchService } from './search.service.js';
import { WorksFromLines } from './works-from-lines.js';

@Module({
  providers: [SearchRepository, SearchService, WorksFromLines],
  exports: [SearchService, WorksFromLines],
})
export class SearchModule {}
