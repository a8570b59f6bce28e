import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { REPORT_YEAR_RANGE, SOURCE_TYPES, TRANSPARENCY_FORMATS, TRANSPARENCY_REPORT_FORMAT, type TransparencyFormat } from '../../../../../libs/transparency/src/index.js';
import type { Lang } from '../../../../../libs/i18n/src/index.js';
import { PinnedHeadDto } from '../../audit/dto/audit.dto.js';
import { LangQueryProperty } from '../../common/lang.js';

/**
 * `financialYear` is required; its presence is checked after the society is known to be
 * readable (as for the reconciliation), so another tenant learns nothing from the answer.
 */
export class TransparencyQueryDto {
  @ApiProperty({ example: 2025, minimum: REPORT_YEAR_RANGE.min, maximum: REPORT_YEAR_RANGE.max, description: "The financial year (required), named after the calendar year it ends in (the society's fyEndMonth/fyEndDay)" })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole year (YYYY)' }) @Min(REPORT_YEAR_RANGE.min) @Max(REPORT_YEAR_RANGE.max)
  financialYear?: number;

  @ApiPropertyOptional({ enum: TRANSPARENCY_FORMATS, default: 'json' })
  @IsOptional() @IsIn(TRANSPARENCY_FORMATS, { message: `must be one of: ${TRANSPARENCY_FORMATS.join(', ')}` })
  format?: TransparencyFormat;

  @ApiPropertyOptional({ example: 12, minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: "Reproduce the report at the signed head of this tree size (default: the log's latest head)" })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number (a tree size of the log)' }) @Min(1, { message: 'must be a tree size of the log, 1 or more' })
  @Max(Number.MAX_SAFE_INTEGER, { message: `must be a tree size of the log, at most ${Number.MAX_SAFE_INTEGER}` })
  asOfTreeSize?: number;

  @LangQueryProperty()
  lang?: Lang;
}

// The report's own classes: @nestjs/swagger names a schema after its class, so a class named
// like another feature's (PeriodDto, NonContractualDto, …) would share that one's schema.
class ReportPeriodDto {
  @ApiProperty({ example: '2025-01-01' }) from: string;
  @ApiProperty({ example: '2025-12-31' }) to: string;
}

class ReportSocietyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '901' }) cisacCode: string;
  @ApiProperty({ example: 'RU' }) country: string;
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ example: 12 }) fyEndMonth: number;
  @ApiProperty({ example: 31 }) fyEndDay: number;
}

class CoverageDto {
  @ApiProperty({ enum: SOURCE_TYPES, description: 'The package type the section reads' }) type: string;
  @ApiProperty({ type: [String], example: ['2025Q1', '2025Q2'], description: 'Quarters of the year with a current package of that type at the head' }) periods: string[];
  @ApiProperty({ type: [String], example: ['2025Q3'], description: 'Quarters without one: the figures leave them out' }) missing: string[];
}

class PackageStateDto {
  @ApiProperty({ enum: SOURCE_TYPES }) type: string;
  @ApiProperty({ example: '2025Q1' }) period: string;
  @ApiProperty({ description: 'Every quarter must have one (income, deductions, distribution-lines)' }) required: boolean;
  @ApiProperty() present: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The current package of that type and quarter at the head' }) submissionId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Its leaf index in the log' }) leafIndex: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it entered the log' }) committedAt: string | null;
  @ApiProperty({ description: 'Packages of that type and quarter in the log up to the head (the current one and those it corrected)' }) submissions: number;
}

class MissingPackageDto {
  @ApiProperty({ enum: SOURCE_TYPES }) type: string;
  @ApiProperty({ example: '2025Q3' }) period: string;
}

class CompletenessDto {
  @ApiProperty({ description: 'True when every required package of every quarter is in the log' }) complete: boolean;
  @ApiProperty({ type: [String], example: ['income', 'deductions', 'distribution-lines'] }) requiredTypes: string[];
  @ApiProperty({ type: [MissingPackageDto] }) missing: MissingPackageDto[];
  @ApiProperty({ type: [PackageStateDto], description: 'Every package type × quarter of the year' }) packages: PackageStateDto[];
}

class RevenueRowDto {
  @ApiProperty({ example: 'performing' }) category: string;
  @ApiProperty({ example: 'radio' }) useType: string;
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ example: '1250000', description: 'Exact decimal string' }) amount: string;
  @ApiProperty() lines: number;
}

class ReportCurrencyAmountDto {
  @ApiProperty({ example: 'RUB' }) currency: string;
  @ApiProperty({ example: '1250000' }) amount: string;
  @ApiProperty() lines: number;
}

class RevenueDto {
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [RevenueRowDto], description: 'Income lines per category of rights, type of use and currency' }) byCategoryAndUse: RevenueRowDto[];
  @ApiProperty({ type: [ReportCurrencyAmountDto] }) totals: ReportCurrencyAmountDto[];
}

class DeductionRowDto {
  @ApiProperty({ enum: ['management', 'social-cultural', 'other'] }) kind: string;
  @ApiProperty() category: string;
  @ApiProperty() currency: string;
  @ApiProperty() amount: string;
  @ApiProperty() lines: number;
}

class DeductionTotalDto {
  @ApiProperty({ enum: ['management', 'social-cultural', 'other'] }) kind: string;
  @ApiProperty() currency: string;
  @ApiProperty() amount: string;
  @ApiProperty() lines: number;
}

class ManagementCostsDto {
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Management deductions' }) managementCosts: string;
  @ApiProperty({ description: 'Rights revenue (income lines)' }) revenue: string;
  @ApiProperty({ nullable: true, type: String, example: '12.00', description: 'Management costs / revenue × 100, 2 places half up, as the audit rule payout.management-cost-ratio prints it; null without revenue' }) ratioPercent: string | null;
  @ApiProperty({ nullable: true, type: String, example: '12.000000', description: 'The same to 6 places (the value the audit rule compares)' }) ratioPercentPrecise: string | null;
}

class DeductionsDto {
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [DeductionRowDto] }) byKindAndCategory: DeductionRowDto[];
  @ApiProperty({ type: [DeductionTotalDto] }) totals: DeductionTotalDto[];
  @ApiProperty({ type: [ManagementCostsDto] }) managementCosts: ManagementCostsDto[];
}

class SocialCulturalTotalDto {
  @ApiProperty() currency: string;
  @ApiProperty() amount: string;
  @ApiProperty() lines: number;
  @ApiProperty({ nullable: true, type: String, description: 'Percent of the revenue in that currency, 2 places; null without revenue' }) sharePercentOfRevenue: string | null;
}

class SocialCulturalLineDto {
  @ApiProperty({ example: '2025Q1' }) period: string;
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty() lineNo: number;
  @ApiProperty() deductionId: string;
  @ApiProperty() category: string;
  @ApiProperty() currency: string;
  @ApiProperty() amount: string;
  @ApiProperty({ description: 'What the deduction is for, as the package describes it' }) description: string;
}

class SocialCulturalDto {
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [SocialCulturalTotalDto] }) totals: SocialCulturalTotalDto[];
  @ApiProperty({ type: [SocialCulturalLineDto] }) lines: SocialCulturalLineDto[];
}

class HolderUseDto {
  @ApiProperty() category: string;
  @ApiProperty() useType: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Attributed, gross' }) gross: string;
  @ApiProperty() managementFees: string;
  @ApiProperty() otherDeductions: string;
  @ApiProperty({ description: 'Attributed, net' }) net: string;
  @ApiProperty({ description: 'Net of the paid lines' }) paid: string;
  @ApiProperty({ description: 'Net attributed to identified rights holders, not paid yet' }) unpaid: string;
  @ApiProperty({ description: 'Net of the unidentified lines: collected but not attributed' }) unidentified: string;
  @ApiProperty() lines: number;
}

class HolderTotalsDto {
  @ApiProperty() currency: string;
  @ApiProperty() gross: string;
  @ApiProperty() managementFees: string;
  @ApiProperty() otherDeductions: string;
  @ApiProperty() net: string;
  @ApiProperty() paid: string;
  @ApiProperty() paidLines: number;
  @ApiProperty() unpaid: string;
  @ApiProperty() unpaidLines: number;
  @ApiProperty() unidentified: string;
  @ApiProperty() unidentifiedLines: number;
  @ApiProperty() lines: number;
}

class PaymentDayDto {
  @ApiProperty({ example: '2025-03-28' }) paidOn: string;
  @ApiProperty({ example: 'performing' }) category: string;
  @ApiProperty({ example: 'radio' }) useType: string;
  @ApiProperty() currency: string;
  @ApiProperty() net: string;
  @ApiProperty() lines: number;
}

class PaymentsDto {
  @ApiProperty({ description: 'Distinct days of payment' }) days: number;
  @ApiProperty({ type: [PaymentDayDto], description: 'Net paid per day of payment, category of rights and type of use' }) dates: PaymentDayDto[];
}

class RightsHoldersDto {
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [HolderUseDto] }) byCategoryAndUse: HolderUseDto[];
  @ApiProperty({ type: [HolderTotalsDto] }) totals: HolderTotalsDto[];
  @ApiProperty({ type: PaymentsDto, description: 'Frequency of payments' }) payments: PaymentsDto;
}

class UndistributedItemDto {
  @ApiProperty() category: string;
  @ApiProperty({ example: 2024 }) fyOfCollection: number;
  @ApiProperty() currency: string;
  @ApiProperty() nonDistributable: boolean;
  @ApiProperty({ description: 'Why it is not distributed (reason for the delay)' }) reason: string;
  @ApiProperty({ nullable: true, type: String, description: 'The use decided for non-distributable amounts' }) decidedUse: string | null;
  @ApiProperty() amount: string;
  @ApiProperty() lines: number;
}

class UndistributedTotalDto {
  @ApiProperty() currency: string;
  @ApiProperty() undistributed: string;
  @ApiProperty() nonDistributable: string;
  @ApiProperty() lines: number;
}

class UndistributedDto {
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [UndistributedItemDto] }) items: UndistributedItemDto[];
  @ApiProperty({ type: [UndistributedTotalDto] }) totals: UndistributedTotalDto[];
}

class TransferFlowDto {
  @ApiProperty({ example: '904' }) counterpartyCisac: string;
  @ApiProperty({ enum: ['in', 'out'], description: 'out: to that society; in: from it' }) direction: string;
  @ApiProperty() category: string;
  @ApiProperty() currency: string;
  @ApiProperty() amount: string;
  @ApiProperty() paid: string;
  @ApiProperty({ description: 'Not paid yet (no paid_on)' }) due: string;
  @ApiProperty() lines: number;
}

class TransferTotalDto {
  @ApiProperty({ enum: ['in', 'out'] }) direction: string;
  @ApiProperty() currency: string;
  @ApiProperty() amount: string;
  @ApiProperty() paid: string;
  @ApiProperty() due: string;
  @ApiProperty() lines: number;
}

class OtherSocietiesDto {
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [TransferFlowDto] }) flows: TransferFlowDto[];
  @ApiProperty({ type: [TransferTotalDto] }) totals: TransferTotalDto[];
}

class NonContractualCurrencyDto {
  @ApiProperty() currency: string;
  @ApiProperty() gross: string;
  @ApiProperty() net: string;
  @ApiProperty() lines: number;
  @ApiProperty({ nullable: true, type: String, description: 'Percent of the gross of all the lines in that currency' }) sharePercentOfGross: string | null;
}

class ReportNonContractualDto {
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [NonContractualCurrencyDto] }) byCurrency: NonContractualCurrencyDto[];
  @ApiProperty({ description: 'Distinct identified rights holders managed without a mandate' }) rightsHolders: number;
  @ApiProperty({ description: 'Distinct identified rights holders on all the lines' }) identifiedRightsHolders: number;
  @ApiProperty({ description: 'Unidentified lines managed without a mandate' }) unidentifiedLines: number;
  @ApiProperty({ type: [NonContractualCurrencyDto], description: 'The same as the mandate register says (status derived when each package committed), beside the declared byCurrency' })
  verifiedByCurrency: NonContractualCurrencyDto[];
  @ApiProperty({ description: 'Distinct identified rights holders without a mandate according to the register' }) verifiedRightsHolders: number;
  @ApiProperty({ description: 'Lines committed before statuses were derived (counted by their declared basis)' }) linesWithoutDerivedStatus: number;
}

class ReportBoardSourceDto {
  @ApiProperty({ enum: ['board-package', 'registry', 'none'] }) kind: string;
  @ApiPropertyOptional({ format: 'uuid' }) submissionId?: string;
  @ApiPropertyOptional({ example: '2025Q2' }) period?: string;
}

class SeatsDto {
  @ApiProperty({ example: 'authors' }) constituency: string;
  @ApiProperty() seats: number;
}

class ReportBoardMemberDto {
  @ApiProperty() memberId: string;
  @ApiProperty() name: string;
  @ApiProperty() constituency: string;
  @ApiProperty() seatFrom: string;
  @ApiProperty({ nullable: true, type: String }) seatTo: string | null;
}

class BoardDto {
  @ApiProperty({ example: '2025-12-31', description: "The financial year's last day" }) date: string;
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: ReportBoardSourceDto }) source: ReportBoardSourceDto;
  @ApiProperty() seats: number;
  @ApiProperty({ type: [SeatsDto] }) byConstituency: SeatsDto[];
  @ApiProperty({ type: [ReportBoardMemberDto] }) members: ReportBoardMemberDto[];
}

class ReportDeclarationDto {
  @ApiProperty() memberId: string;
  @ApiProperty({ description: 'The current version as recorded by the head\'s time' }) version: number;
  @ApiProperty() interests: string;
  @ApiProperty({ example: '1200000', description: 'Exact decimal string' }) remuneration: string;
  @ApiProperty() currency: string;
  @ApiProperty({ example: '0', description: 'Exact decimal string' }) amountsAsRightholder: string;
  @ApiProperty() conflicts: string;
  @ApiProperty() recordedAt: string;
}

class DeclarationTotalDto {
  @ApiProperty() currency: string;
  @ApiProperty({ example: '2400000' }) remuneration: string;
  @ApiProperty({ example: '925' }) amountsAsRightholder: string;
  @ApiProperty() declarations: number;
}

class DeclarationsDto {
  @ApiProperty({ example: 'Directive 2014/26/EU Art. 10(2) (Art. 9(3)); Annex 1(f)' }) legalBasis: string;
  @ApiProperty({ type: [ReportDeclarationDto], description: "Each board member's current declaration for the year, by member id" }) items: ReportDeclarationDto[];
  @ApiProperty({ type: [String], description: "Members on the board at the year's end without a declaration for it" }) undeclared: string[];
  @ApiProperty({ type: [DeclarationTotalDto], description: 'Declared remuneration and amounts received as rights holders, per currency' }) totals: DeclarationTotalDto[];
}

class GovernanceDto {
  @ApiProperty({ type: BoardDto }) board: BoardDto;
  @ApiPropertyOptional({ type: DeclarationsDto, description: "The board members' annual declarations (Art. 10(2); issue 18)" }) declarations?: DeclarationsDto;
}

class CategoryFlowDto {
  @ApiProperty() category: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Income and money received from other societies' }) collected: string;
  @ApiProperty() deductions: string;
  @ApiProperty({ description: 'Net of the distribution lines' }) distributed: string;
  @ApiProperty() toOtherSocieties: string;
  @ApiProperty({ description: 'Undistributed and non-distributable' }) undistributed: string;
  @ApiProperty({ description: 'collected − (deductions + distributed + toOtherSocieties + undistributed)' }) difference: string;
}

class ConservationDto {
  @ApiProperty({ type: [CategoryFlowDto] }) categories: CategoryFlowDto[];
  @ApiProperty() balanced: boolean;
}

/** The report as served (format=json: RFC 8785 canonical JSON, members in code-point order). */
export class TransparencyReportDto {
  @ApiProperty({ example: TRANSPARENCY_REPORT_FORMAT }) format: string;
  @ApiProperty({ example: 'Directive 2014/26/EU Art. 22 and Annex' }) legalBasis: string;
  @ApiProperty({ type: ReportSocietyDto }) society: ReportSocietyDto;
  @ApiProperty({ example: 2025 }) financialYear: number;
  @ApiProperty({ type: ReportPeriodDto }) period: ReportPeriodDto;
  @ApiProperty({ type: [String], example: ['2025Q1', '2025Q2', '2025Q3', '2025Q4'], description: 'Quarters whose last day is in the year' }) quarters: string[];
  @ApiProperty({ example: '2026-08-31', description: "The year's end plus 8 months (Art. 22(1))" }) publicationDeadline: string;
  @ApiProperty({ type: PinnedHeadDto, description: "The signed head of the society's log the report was computed from (treeSize 0 and nulls: empty log)" }) head: PinnedHeadDto;
  @ApiProperty({ type: CompletenessDto }) completeness: CompletenessDto;
  @ApiProperty({ type: RevenueDto }) revenue: RevenueDto;
  @ApiProperty({ type: DeductionsDto }) deductions: DeductionsDto;
  @ApiProperty({ type: SocialCulturalDto, description: 'Special report on social, cultural and educational deductions (Annex 3)' }) socialCultural: SocialCulturalDto;
  @ApiProperty({ type: RightsHoldersDto }) rightsHolders: RightsHoldersDto;
  @ApiProperty({ type: UndistributedDto }) undistributed: UndistributedDto;
  @ApiProperty({ type: OtherSocietiesDto }) otherSocieties: OtherSocietiesDto;
  @ApiProperty({ type: ReportNonContractualDto }) nonContractual: ReportNonContractualDto;
  @ApiProperty({ type: GovernanceDto }) governance: GovernanceDto;
  @ApiProperty({ type: ConservationDto, description: 'Money flows per category, from the same lines (equal to the reconciliation of the journal)' }) conservation: ConservationDto;
  @ApiProperty({ type: [String], description: 'Annex items the packages do not carry' }) notCovered: string[];
}
