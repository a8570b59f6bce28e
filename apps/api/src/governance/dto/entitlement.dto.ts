import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { type ApportionmentMethod, METHODS } from '../../../../../libs/apportionment/src/index.js';
import { AMOUNT_BASES, type AmountBasis, HOLDER_KINDS, MAX_HISTORY_YEARS } from '../../../../../libs/governance/src/index.js';
import { IsIsoDate } from '../../common/validation.js';
import { IndicesDto, TieDto } from './apportionment.dto.js';

export class EntitlementQueryDto {
  @ApiPropertyOptional({ enum: METHODS, description: "Default: the society's governance settings, else sainte-lague" })
  @IsOptional() @IsIn(METHODS, { message: `must be one of: ${METHODS.join(', ')}` })
  method?: ApportionmentMethod;

  @ApiPropertyOptional({ example: '2023-01-01', description: 'First day of the window; default: the look-back window ending on `to`' })
  @IsOptional() @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Last day of the window, the day the actual board is read on; default: the end of the last complete financial year' })
  @IsOptional() @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_HISTORY_YEARS, default: 0, description: 'Also give the entitlement at the end of each of the last N financial years ending by `to`' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number' }) @Min(0) @Max(MAX_HISTORY_YEARS)
  history?: number;

  @ApiPropertyOptional({ enum: AMOUNT_BASES, default: 'gross', description: "Which amount of a distribution line is the money attributed: gross (default) or net of the society's deductions" })
  @IsOptional() @IsIn(AMOUNT_BASES, { message: `must be one of: ${AMOUNT_BASES.join(', ')}` })
  amount?: AmountBasis;
}

export class WindowDto {
  @ApiProperty({ example: '2023-01-01' }) from: string;
  @ApiProperty({ example: '2025-12-31' }) to: string;
}

export class BoardSourceDto {
  @ApiProperty({ enum: ['board-package', 'registry', 'none'], description: 'board-package: the latest committed board package whose quarter began by the date and that seats someone on it; registry: the board members recorded through the API; none: nobody seated' })
  kind: string;
  @ApiPropertyOptional({ format: 'uuid' }) submissionId?: string;
  @ApiPropertyOptional({ example: '2025Q4' }) period?: string;
}

export class CurrencyAmountDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1200.00' }) amount: string;
}

export class MoneyTotalsDto {
  @ApiProperty({ example: '1250000.00', description: "Money attributed to identified rights holders in the society's currency: the whole the shares are of" }) attributed: string;
  @ApiProperty({ example: '0.00', description: 'Money on lines with no identified rights holder (in no share)' }) unidentified: string;
  @ApiProperty({ type: [CurrencyAmountDto], description: "Money in other currencies than the society's, left out of the shares" }) otherCurrencies: CurrencyAmountDto[];
}

export class ConstituencyEntitlementDto {
  @ApiProperty({ example: 'publishers' }) constituency: string;
  @ApiProperty({ enum: HOLDER_KINDS, isArray: true }) kinds: string[];
  @ApiProperty({ example: '750000.00', description: 'Money attributed to its rights holders (decimal string)' }) attributed: string;
  @ApiProperty({ nullable: true, type: String, example: '60.000000', description: 'Share of the attributed money, percent, 6 places' }) sharePercent: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Seats the share is worth on a board of boardSize' }) entitledSeats: number | null;
  @ApiProperty({ nullable: true, type: Number }) lowerQuota: number | null;
  @ApiProperty({ nullable: true, type: Number }) upperQuota: number | null;
  @ApiProperty({ description: 'Seats held on asOf' }) actualSeats: number;
  @ApiProperty({ nullable: true, type: Number, description: 'actualSeats − entitledSeats: negative when under-represented' }) gap: number | null;
}

export class EntitlementSnapshotDto {
  @ApiProperty({ type: WindowDto }) window: WindowDto;
  @ApiProperty({ description: 'The day the actual board is read on' }) asOf: string;
  @ApiProperty({ type: BoardSourceDto }) board: BoardSourceDto;
  @ApiProperty({ type: MoneyTotalsDto }) totals: MoneyTotalsDto;
  @ApiProperty({ type: [ConstituencyEntitlementDto] }) constituencies: ConstituencyEntitlementDto[];
  @ApiProperty() actualBoardSize: number;
  @ApiProperty({ type: IndicesDto, nullable: true, description: 'Disproportionality of the actual board against the money shares' }) indices: IndicesDto | null;
  @ApiProperty({ type: IndicesDto, nullable: true, description: 'Disproportionality of the entitled seats against the money shares' }) entitledIndices: IndicesDto | null;
  @ApiProperty({ type: [TieDto] }) ties: TieDto[];
}

export class HistoricalEntitlementDto extends EntitlementSnapshotDto {
  @ApiProperty({ example: 2024, description: 'The financial year (named after the calendar year it ends in) the window ends with' }) financialYear: number;
}

export class BoardEntitlementDto extends EntitlementSnapshotDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ enum: METHODS }) method: string;
  @ApiProperty() boardSize: number;
  @ApiProperty({ enum: ['settings', 'actual-board'] }) boardSizeSource: string;
  @ApiProperty() lookbackYears: number;
  @ApiProperty({ enum: AMOUNT_BASES }) amountBasis: string;
  @ApiProperty({ type: [HistoricalEntitlementDto], description: 'Oldest first' }) history: HistoricalEntitlementDto[];
}
