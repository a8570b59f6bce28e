import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { explainCurrencyCode } from '../../../../../libs/identifiers/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';
import { IsIsoDate, Satisfies } from '../../common/validation.js';

export class ExchangeRatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2025-03-31', description: 'The rates in effect that day (the last recorded on or before it); absent: every recorded rate, paged' })
  @IsOptional() @IsIsoDate()
  date?: string;

  @ApiPropertyOptional({ example: 'RUB' }) @IsOptional() @Satisfies(explainCurrencyCode)
  currency?: string;
}

export class RecordedRateDto {
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ example: '2025-03-01' }) rateDate: string;
  @ApiProperty({ example: '0.0105', description: 'Value of one unit of the currency in EUR' }) rateToEur: string;
  @ApiProperty() uploadedAt: string;
  @ApiProperty({ example: 'regulator: central bank feed' }) uploadedBy: string;
}

export class ExchangeRatesDto {
  @ApiProperty({ nullable: true, type: String, description: 'The day asked about (null: every recorded rate)' }) date: string | null;
  @ApiProperty({ type: [RecordedRateDto] }) items: RecordedRateDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RateUploadDto {
  @ApiProperty({ description: 'Rates recorded by this upload' }) stored: number;
  @ApiProperty({ description: 'Rates already recorded with the same value' }) unchanged: number;
  @ApiProperty({ type: [String] }) currencies: string[];
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
}
