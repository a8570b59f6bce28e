import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsIsoDate } from '../../common/validation.js';

export class BalancesQueryDto {
  @ApiPropertyOptional({ example: '2025-03-31', description: 'Entries dated on or before this day (default: today, UTC)' })
  @IsOptional() @IsIsoDate()
  asOf?: string;
}

export class AccountBalanceDto {
  @ApiProperty({ example: 'pool:performing', description: 'cash, pool:<category>, deductions:<kind>, payable:<holder id|unidentified>, due-to:<CISAC>, due-from:<CISAC>, undistributed:<category>, non-distributable:<category>' })
  account: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '-1250.5', description: 'Decimal string; debits positive, credits negative' }) balance: string;
}

export class BalancesDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ example: '2025-03-31' }) asOf: string;
  @ApiProperty({ type: [AccountBalanceDto] }) balances: AccountBalanceDto[];
}

/** `financialYear` is required; it is checked after the society is known to be readable, so another tenant learns nothing. */
export class ReconciliationQueryDto {
  @ApiProperty({ example: 2025, description: "The financial year (required), named after the calendar year it ends in (the society's fyEndMonth/fyEndDay)" })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1900) @Max(9999)
  financialYear?: number;
}

export class CategoryFlowsDto {
  @ApiProperty({ example: 'performing' }) category: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'Collected (income and money received from other societies), decimal string' }) collected: string;
  @ApiProperty({ description: 'Deductions, decimal string' }) deductions: string;
  @ApiProperty({ description: 'Net amounts attributed to rights holders, decimal string' }) distributed: string;
  @ApiProperty({ description: 'Collected for and passed to other societies, decimal string' }) toOtherSocieties: string;
  @ApiProperty({ description: 'Set aside as undistributed or non-distributable, decimal string' }) undistributed: string;
  @ApiProperty({ description: 'collected − (deductions + distributed + toOtherSocieties + undistributed)' }) difference: string;
}

export class DifferenceDto {
  @ApiProperty() category: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'Decimal string, never 0' }) difference: string;
}

export class ReconciliationDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() financialYear: number;
  @ApiProperty({ example: '2025-01-01' }) from: string;
  @ApiProperty({ example: '2025-12-31' }) to: string;
  @ApiProperty({ type: [CategoryFlowsDto] }) categories: CategoryFlowsDto[];
  @ApiProperty({ type: [DifferenceDto], description: 'Every category and currency whose difference is not zero' }) differences: DifferenceDto[];
  @ApiProperty({ description: 'True when there is no difference' }) balanced: boolean;
}

export class MismatchDto {
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiPropertyOptional({ description: "The line's id (its id column, or #<line number>) when the line can be named" }) lineId?: string;
  @ApiProperty({ description: 'What does not agree' }) reason: string;
}

export class VerifyReportDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() checkedSubmissions: number;
  @ApiProperty() checkedLines: number;
  @ApiProperty({ description: 'Size of the latest signed head' }) treeSize: number;
  @ApiProperty({ type: [MismatchDto] }) mismatches: MismatchDto[];
}
