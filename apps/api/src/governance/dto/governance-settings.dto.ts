import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { METHODS } from '../../../../../libs/apportionment/src/index.js';
import {
  BOARD_SIZE_RANGE,
  DEFAULT_CONSTITUENCY_MAP,
  DEFAULT_LOOKBACK_YEARS,
  DEFAULT_METHOD,
  HOLDER_KINDS,
  LOOKBACK_YEARS_RANGE,
} from '../../../../../libs/governance/src/index.js';

const MAP_DESCRIPTION = `Rights-holder kind (${HOLDER_KINDS.join(', ')}) → constituency name; every kind, non-empty names. Kinds mapped to one name form one constituency. Default: one constituency per kind, named as on the board`;

export class SetGovernanceSettingsDto {
  @ApiProperty({ minimum: BOARD_SIZE_RANGE.min, maximum: BOARD_SIZE_RANGE.max, example: 7, description: 'Board seats to apportion' })
  @IsInt({ message: 'must be a whole number' }) @Min(BOARD_SIZE_RANGE.min) @Max(BOARD_SIZE_RANGE.max)
  boardSize: number;

  @ApiPropertyOptional({ enum: METHODS, default: DEFAULT_METHOD })
  @IsOptional() @IsIn(METHODS, { message: `must be one of: ${METHODS.join(', ')}` })
  method?: string;

  @ApiPropertyOptional({ minimum: LOOKBACK_YEARS_RANGE.min, maximum: LOOKBACK_YEARS_RANGE.max, default: DEFAULT_LOOKBACK_YEARS, description: 'Look-back window in financial years' })
  @IsOptional() @IsInt({ message: 'must be a whole number' }) @Min(LOOKBACK_YEARS_RANGE.min) @Max(LOOKBACK_YEARS_RANGE.max)
  lookbackYears?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { ...DEFAULT_CONSTITUENCY_MAP, author: 'authors and composers', composer: 'authors and composers' },
    description: MAP_DESCRIPTION,
  })
  @IsOptional() @IsObject({ message: 'must be an object mapping each rights-holder kind to a constituency name' })
  constituencyMap?: Record<string, string>;
}

export class GovernanceSettingsDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ description: 'false: nothing recorded yet, the defaults apply' }) configured: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'null while not configured: the entitlement then uses the size of the actual board' }) boardSize: number | null;
  @ApiProperty({ enum: METHODS }) method: string;
  @ApiProperty() lookbackYears: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: MAP_DESCRIPTION }) constituencyMap: Record<string, string>;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedBy: string | null;
}
