import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { explainCurrencyCode } from '../../../../../libs/identifiers/src/index.js';
import { STATEMENT_FORMATS, type StatementFormat } from '../../../../../libs/statements/src/index.js';
import { LangQueryProperty } from '../../common/lang.js';
import { PageQueryDto } from '../../common/pagination.dto.js';
import type { Lang } from '../../../../../libs/i18n/src/index.js';
import { Satisfies } from '../../common/validation.js';
import { SignedTreeHeadDto } from '../../ledger/dto/log.dto.js';
import { StatementCorrectionsDto } from './statement-corrections.dto.js';

const YEAR = /^(1[89]|2[0-9])[0-9]{2}$/;
const YEAR_MESSAGE = 'must be a calendar year written YYYY (1800-2999), e.g. 2025';

export class StatementQueryDto {
  @ApiProperty({ example: '2025', description: 'Lines whose period of use ends in this calendar year' })
  @IsDefined({ message: 'is required (a calendar year, YYYY)' }) @Matches(YEAR, { message: YEAR_MESSAGE })
  year: string;

  @ApiPropertyOptional({ example: 'EUR', default: 'EUR', description: 'ISO 4217 currency every amount is converted to' })
  @IsOptional() @Satisfies(explainCurrencyCode)
  currency?: string;

  @ApiPropertyOptional({ enum: STATEMENT_FORMATS, default: 'json' })
  @IsOptional() @IsIn(STATEMENT_FORMATS, { message: `must be one of: ${STATEMENT_FORMATS.join(', ')}` })
  format?: StatementFormat;

  @LangQueryProperty()
  lang?: Lang;
}

export class StatementLinesQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2025' }) @IsDefined({ message: 'is required (a calendar year, YYYY)' }) @Matches(YEAR, { message: YEAR_MESSAGE })
  year: string;

  @ApiPropertyOptional({ example: 'EUR', default: 'EUR' }) @IsOptional() @Satisfies(explainCurrencyCode)
  currency?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the lines of this society' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' })
  societyId?: string;
}

export class RateUsedDto {
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ example: '2025-03-01', description: 'The day the rate was recorded for (the last on or before the line’s day)' }) rateDate: string;
  @ApiProperty({ example: '0.0105', description: 'Value of one unit of the currency in EUR' }) rateToEur: string;
}

export class PaidDto {
  @ApiProperty({ example: 'performing' }) category: string;
  @ApiProperty({ example: 'radio' }) useType: string;
  @ApiProperty({ example: '830.00', description: 'Net paid' }) amount: string;
}

export class AmountsDto {
  @ApiProperty({ example: '1000.00', description: 'Gross attributed' }) revenueAttributed: string;
  @ApiProperty({ example: '150.00' }) managementFees: string;
  @ApiProperty({ example: '20.00' }) otherDeductions: string;
  @ApiProperty({ example: '830.00', description: 'Net of the paid lines' }) paid: string;
  @ApiProperty({ example: '0.00', description: 'Net attributed but not paid yet' }) outstanding: string;
  @ApiProperty({ example: 1 }) lines: number;
}

export class UseAmountsDto extends AmountsDto {
  @ApiProperty({ example: 'performing' }) category: string;
  @ApiProperty({ example: 'radio' }) useType: string;
}

export class PeriodDto {
  @ApiProperty({ example: '2025-01-01' }) from: string;
  @ApiProperty({ example: '2025-12-31' }) to: string;
}

export class StatementMandateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() category: string;
  @ApiProperty() workType: string;
  @ApiProperty({ type: [String] }) territories: string[];
  @ApiProperty({ type: [String] }) excludedTerritories: string[];
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ enum: ['contractual', 'non-contractual'] }) basis: string;
  @ApiProperty() exclusive: boolean;
}

export class NonContractualDto {
  @ApiProperty({ example: '0.00', description: 'Gross attributed on lines managed without a mandate' }) amount: string;
  @ApiProperty({ example: 0 }) lines: number;
}

export class OverdueDto {
  @ApiProperty({ example: '120.00', description: 'Net of the unpaid lines past their Art. 13 deadline, in the statement currency' }) amount: string;
  @ApiProperty({ example: 2 }) lines: number;
  @ApiProperty({ nullable: true, type: String, example: '2026-09-30', description: 'The earliest deadline missed' }) oldestDeadline: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 68, description: 'Days the oldest is overdue' }) maxOverdueDays: number | null;
}

export class StatementSocietyContactDto {
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
}

export class StaleRateDto {
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ example: '2025-01-02', description: 'The day the rate was recorded for' }) rateDate: string;
  @ApiProperty({ example: '2025-03-31', description: 'The latest day it converted a line for' }) usedFor: string;
  @ApiProperty({ example: 88, description: 'Days from rateDate to usedFor' }) ageDays: number;
  @ApiProperty({ example: 3, description: 'Lines it converted while older than the limit' }) lines: number;
}

export class StaleRatesDto {
  @ApiProperty({ example: 7, description: 'RATE_MAX_AGE_DAYS: a rate older than this on the day it converts is stale (a policy of this ledger; no law sets it)' }) maxAgeDays: number;
  @ApiProperty({ type: [StaleRateDto] }) rates: StaleRateDto[];
}

export class SocietyStatementDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() societyName: string;
  @ApiProperty({
    type: StatementSocietyContactDto,
    nullable: true,
    description: "The society's contact details from the registry (null: none on record): where to ask about these figures and to check the contact details it holds for the holder (Art. 18(1)(a))",
  })
  contact: StatementSocietyContactDto | null;
  @ApiProperty({ example: '1000.00', description: 'Gross attributed to the holder' }) revenueAttributed: string;
  @ApiProperty({ type: [PaidDto], description: 'Net paid per category of rights and type of use' }) paid: PaidDto[];
  @ApiProperty({ example: '830.00' }) paidTotal: string;
  @ApiProperty({ example: '150.00' }) managementFees: string;
  @ApiProperty({ example: '20.00' }) otherDeductions: string;
  @ApiProperty({ example: '0.00', description: 'Attributed but not paid yet (net)' }) outstanding: string;
  @ApiProperty({ type: [UseAmountsDto], description: 'Every amount per category of rights and type of use' }) byUse: UseAmountsDto[];
  @ApiProperty({ type: PeriodDto, nullable: true, description: 'First and last day of use of the lines' }) periodOfUse: PeriodDto | null;
  @ApiProperty({ description: 'Number of lines (GET …/statement/lines lists them with their proofs)' }) lines: number;
  @ApiProperty({ type: [RateUsedDto], description: 'Every rate the society’s lines were converted with' }) rates: RateUsedDto[];
  @ApiProperty({ type: [StatementMandateDto], description: 'Mandates the society held for the holder during the year' }) mandates: StatementMandateDto[];
  @ApiProperty({ type: NonContractualDto, description: 'As the society declared its lines (mandate_basis)' }) nonContractual: NonContractualDto;
  @ApiProperty({ type: NonContractualDto, description: 'As the mandate register says when each package committed (lines without a derived status count as declared)' })
  verifiedNonContractual: NonContractualDto;
  @ApiProperty({ type: SignedTreeHeadDto, nullable: true, description: 'The signed head of the society’s log the statement was built from' }) head: SignedTreeHeadDto | null;
  @ApiProperty({ type: OverdueDto, description: 'Directive Art. 13(1): unpaid past nine months after the end of the financial year of collection' }) overdue: OverdueDto;
}

export class StatementDto {
  @ApiProperty({ format: 'uuid' }) rightsHolderId: string;
  @ApiProperty() rightsHolderName: string;
  @ApiProperty({ nullable: true, type: String }) rightsHolderIpi: string | null;
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: StatementCorrectionsDto, description: "The holder's lines of the year that corrections (packages superseding others) added, removed or changed, field by field" })
  corrections?: StatementCorrectionsDto;
  @ApiProperty({ type: [SocietyStatementDto] }) societies: SocietyStatementDto[];
  @ApiProperty({ type: AmountsDto, description: 'Sums over the societies (each the sum of the converted lines)' }) totals: AmountsDto;
  @ApiProperty({ type: [RateUsedDto], description: 'Every rate the statement used' }) rates: RateUsedDto[];
  @ApiProperty({ example: '2026-12-07', description: 'The day overdue money is judged on (today, UTC)' }) asOf: string;
  @ApiProperty({ type: OverdueDto, description: 'Overdue money, all societies' }) overdue: OverdueDto;
  @ApiProperty({ type: StaleRatesDto, description: 'Rates used more than maxAgeDays after the day they were recorded for (rates empty: none)' }) staleRates: StaleRatesDto;
}

export class LineAmountsDto {
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty() gross: string;
  @ApiProperty() managementFee: string;
  @ApiProperty() otherDeductions: string;
  @ApiProperty() net: string;
}

export class StatementLineDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() societyName: string;
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty() lineNo: number;
  @ApiProperty() lineId: string;
  @ApiProperty() category: string;
  @ApiProperty() useType: string;
  @ApiProperty() territory: string;
  @ApiProperty({ nullable: true, type: String }) workIswc: string | null;
  @ApiProperty() workTitle: string;
  @ApiProperty() useFrom: string;
  @ApiProperty() useTo: string;
  @ApiProperty({ enum: ['paid', 'unpaid'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) paidOn: string | null;
  @ApiProperty({ example: '2026-09-30', description: "Art. 13(1): nine months after the end of the society's financial year in which the use ended (the year of collection as the ledger reads it)" }) deadline: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Days past the deadline, unpaid; null when paid or not yet due' }) overdueDays: number | null;
  @ApiProperty() mandateBasis: string;
  @ApiProperty({ type: LineAmountsDto, description: 'As the society reported it' }) original: LineAmountsDto;
  @ApiProperty({ type: LineAmountsDto, description: 'In the statement currency, exactly as the statement counts it' }) converted: LineAmountsDto;
  @ApiProperty({ type: [RateUsedDto] }) rates: RateUsedDto[];
  @ApiProperty({ example: '/v1/submissions/…/lines/L-1/proof', description: "The line's inclusion proof in the society's signed log" }) proof: string;
}

export class StatementLinePageDto {
  @ApiProperty({ type: [StatementLineDto] }) items: StatementLineDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
