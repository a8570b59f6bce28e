import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  SEARCH_KINDS,
  SEARCH_MATCHES,
  type SearchKind,
  type SearchMatch,
} from '../../../../../libs/search/src/index.js';

export class SearchQueryDto {
  @ApiProperty({
    description: `A name or title in Cyrillic or Latin letters (either finds the other), an IPI name number, an ISNI, an ISWC (T-034.524.680-1 or T0345246801), a CISAC society code or a line id; 1 to ${MAX_QUERY_LENGTH} characters`,
    example: 'Иванова',
  })
  // Presence, emptiness and length are checked by the search itself, with one message each.
  @IsOptional() @IsString()
  q?: string;

  @ApiPropertyOptional({ enum: SEARCH_KINDS, description: 'Only this kind of thing' })
  @IsOptional() @IsIn(SEARCH_KINDS, { message: `must be one of: ${SEARCH_KINDS.join(', ')}` })
  kind?: SearchKind;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SEARCH_LIMIT, default: DEFAULT_SEARCH_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SEARCH_LIMIT)
  limit?: number;
}

export class SearchItemDto {
  @ApiProperty({ enum: SEARCH_KINDS }) kind: SearchKind;
  @ApiProperty({ description: 'Rights holder, society: its id. Work: its ISWC (stored form), or "title:" and the search key of its title. Line: "{submissionId}/{lineId}"' })
  id: string;
  @ApiProperty({ description: 'Name or title; for a line, the name and the title written on it' }) label: string;
  @ApiProperty({ enum: SEARCH_MATCHES, description: 'What matched: an identifier written out (ranked first), or the name or title' }) match: SearchMatch;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Rights holder' }) ipi?: string | null;
  @ApiPropertyOptional({ description: 'Society' }) cisacCode?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Work, line: display form', example: 'T-034.524.680-1' }) iswc?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: "Work, line: the society whose lines name it (null for a rights holder's own works)" }) societyId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) societyName?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Line: its package; work: the package its title was read from (one naming it)' }) submissionId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Work: its id in the works register (GET /v1/works/{id}), present when a CWR registration made it' }) workId?: string | null;
  @ApiPropertyOptional({ description: 'Line' }) lineId?: string;
  @ApiPropertyOptional({ description: 'Line: the quarter of its package', example: '2025Q1' }) period?: string;
  @ApiPropertyOptional({ description: 'Line: paid, unpaid or unidentified' }) status?: string;
  @ApiPropertyOptional({ description: 'Line: its package was replaced by a later one' }) superseded?: boolean;
}

export class SearchResultDto {
  @ApiProperty({ type: [SearchItemDto], description: 'Best first' }) items: SearchItemDto[];
}
