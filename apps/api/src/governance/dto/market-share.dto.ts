import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  AMOUNT_BASES,
  type AmountBasis,
  DEFAULT_HOLDERS,
  HOLDER_KINDS,
  MARKET_SHARE_GROUPINGS,
  MAX_HOLDERS,
  type MarketShareGrouping,
} from '../../../../../libs/governance/src/index.js';
import { IsIsoDate } from '../../common/validation.js';
import { MoneyTotalsDto, WindowDto } from './entitlement.dto.js';

export class MarketShareQueryDto {
  @ApiPropertyOptional({ example: '2023-01-01', description: 'Default: the look-back window ending on `to`' }) @IsOptional() @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Default: the end of the last complete financial year' }) @IsOptional() @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ enum: MARKET_SHARE_GROUPINGS, default: 'constituency' })
  @IsOptional() @IsIn(MARKET_SHARE_GROUPINGS, { message: `must be one of: ${MARKET_SHARE_GROUPINGS.join(', ')}` })
  by?: MarketShareGrouping;

  @ApiPropertyOptional({ enum: AMOUNT_BASES, default: 'gross' })
  @IsOptional() @IsIn(AMOUNT_BASES, { message: `must be one of: ${AMOUNT_BASES.join(', ')}` })
  amount?: AmountBasis;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_HOLDERS, default: DEFAULT_HOLDERS, description: 'by=rights-holder: how many of the largest holders to list' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number' }) @Min(1) @Max(MAX_HOLDERS)
  limit?: number;
}

export class MarketShareItemDto {
  @ApiProperty({ description: 'The constituency name, or the rights holder id' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty() constituency: string;
  @ApiProperty({ enum: HOLDER_KINDS, isArray: true }) kinds: string[];
  @ApiProperty({ example: '1250.00' }) attributed: string;
  @ApiProperty({ nullable: true, type: String, example: '12.500000' }) sharePercent: string | null;
}

export class MarketShareDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: WindowDto }) window: WindowDto;
  @ApiProperty({ enum: AMOUNT_BASES }) amountBasis: string;
  @ApiProperty({ enum: MARKET_SHARE_GROUPINGS }) by: string;
  @ApiProperty({ type: MoneyTotalsDto }) totals: MoneyTotalsDto;
  @ApiProperty({ nullable: true, type: Number, description: 'by=rights-holder: identified holders with money in the window' }) holders: number | null;
  @ApiProperty({ type: [MarketShareItemDto] }) items: MarketShareItemDto[];
}
