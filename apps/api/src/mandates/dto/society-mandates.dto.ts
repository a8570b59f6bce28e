import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CATEGORIES, explainNoticeMonths, type Category } from '../../../../../libs/mandates/src/index.js';
import { OptOutPolicyDto } from './termination.dto.js';
import { IsIsoDate, Satisfies } from '../../common/validation.js';

export class SetMandatePolicyDto {
  @ApiProperty({ minimum: 0, maximum: 6, example: 3, description: 'Notice the society asks for, in months (Directive Art. 5(4): at most 6)' })
  @Satisfies(explainNoticeMonths)
  noticeMonths: number;

  @ApiProperty({ example: true, description: 'Terminations take effect only at the end of the financial year' })
  @IsBoolean({ message: 'must be true or false' })
  terminateAtFinancialYearEnd: boolean;

  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true, description: 'The categories of rights the society manages (absent: unchanged; default all); a mandate outside them is refused (422)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CATEGORIES.length) @IsIn(CATEGORIES, { each: true, message: `each must be one of: ${CATEGORIES.join(', ')}` })
  managedCategories?: Category[];

  @ApiPropertyOptional({ minimum: 1, maximum: 366, example: 30, description: "Days the society takes to answer a rights holder's mandate request (absent: unchanged; default 30 — the Directive sets no time)" })
  @IsOptional() @IsInt({ message: 'must be a whole number of days' }) @Min(1) @Max(366)
  responseDays?: number;
}

export class MandatePolicyDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() noticeMonths: number;
  @ApiProperty() terminateAtFinancialYearEnd: boolean;
  @ApiProperty({ example: 'RU', description: "The society's country: the jurisdiction of its opt-out policy" }) country: string;
  @ApiProperty() fyEndMonth: number;
  @ApiProperty() fyEndDay: number;
  @ApiProperty({ enum: CATEGORIES, isArray: true, description: 'The categories of rights the society manages (default: all)' }) managedCategories: string[];
  @ApiProperty({ description: "Days the society takes to answer a mandate request (default 30; the Directive sets none); past it unanswered, an audit finding" }) responseDays: number;
  @ApiProperty({ type: OptOutPolicyDto, description: 'How an opt-out from its non-contractual management takes effect, by jurisdiction, with the legal source' }) optOut: OptOutPolicyDto;
  @ApiProperty({ nullable: true, type: Number, description: 'null: nothing recorded, the defaults (6 months, at year end) apply' }) version: number | null;
  @ApiProperty({ nullable: true, type: String }) recordedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedBy: string | null;
}

export class NonContractualQueryDto {
  @ApiPropertyOptional({ example: '2025-06-30', description: 'The day the mandate counts refer to; default today' }) @IsOptional() @IsIsoDate()
  at?: string;

  @ApiPropertyOptional({ example: 2025, description: "The society's financial year whose lines (by end of use) the declared and verified shares cover; default every committed line" })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a year (YYYY)' }) @Min(1900, { message: 'must be a year (YYYY)' }) @Max(9999, { message: 'must be a year (YYYY)' })
  financialYear?: number;
}

export class NonContractualShareDto {
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ example: '1250.5', description: 'Gross of the lines concerned (decimal string)' }) amount: string;
  @ApiProperty({ description: 'Distinct identified rights holders on them' }) holders: number;
  @ApiProperty() lines: number;
  @ApiProperty({ example: '10000', description: 'Gross of every line of the currency (decimal string)' }) total: string;
  @ApiProperty({ nullable: true, type: String, example: '12.50', description: 'amount / total in percent (two decimals); null without money' }) sharePercent: string | null;
}

export class VerifiedNonContractualShareDto extends NonContractualShareDto {
  @ApiProperty({ example: '300', description: 'Of amount: rights the holder entrusted exclusively to another society' }) entrustedElsewhere: string;
  @ApiProperty({ description: 'Lines committed before statuses were derived: in neither amount' }) notDerivedLines: number;
}

export class NonContractualYearDto {
  @ApiProperty() year: number;
  @ApiProperty({ example: '2025-01-01' }) from: string;
  @ApiProperty({ example: '2025-12-31' }) to: string;
}

export class HolderCountsDto {
  @ApiProperty() nonContractual: number;
  @ApiProperty() total: number;
}

export class NonContractualMoneyDto {
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ example: '1250.5', description: 'Gross on committed distribution lines under non-contractual management (decimal string)' }) nonContractual: string;
  @ApiProperty({ example: '10000', description: 'Gross on all committed distribution lines (decimal string)' }) total: string;
  @ApiProperty() lines: number;
  @ApiProperty() nonContractualLines: number;
}

export class NonContractualReportDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: HolderCountsDto, description: 'Rights holders with a mandate valid on `at`' }) rightsHolders: HolderCountsDto;
  @ApiProperty({ type: HolderCountsDto, description: 'Identified rights holders on committed distribution lines' }) paidRightsHolders: HolderCountsDto;
  @ApiProperty({ type: [NonContractualMoneyDto] }) money: NonContractualMoneyDto[];
  @ApiProperty({ type: NonContractualYearDto, nullable: true, description: 'The financial year the shares cover; null: every committed line' }) financialYear: NonContractualYearDto | null;
  @ApiProperty({ type: [NonContractualShareDto], description: "Non-contractual money per currency as the society labelled its lines (mandate_basis)" }) declared: NonContractualShareDto[];
  @ApiProperty({ type: [VerifiedNonContractualShareDto], description: 'Non-contractual money per currency as the mandate register says (no-mandate or entrusted-elsewhere, derived when each package committed)' })
  verified: VerifiedNonContractualShareDto[];
}
