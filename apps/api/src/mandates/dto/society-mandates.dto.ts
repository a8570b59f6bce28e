import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { explainNoticeMonths } from '../../../../../libs/mandates/src/index.js';
import { IsIsoDate, Satisfies } from '../../common/validation.js';

export class SetMandatePolicyDto {
  @ApiProperty({ minimum: 0, maximum: 6, example: 3, description: 'Notice the society asks for, in months (Directive Art. 5(4): at most 6)' })
  @Satisfies(explainNoticeMonths)
  noticeMonths: number;

  @ApiProperty({ example: true, description: 'Terminations take effect only at the end of the financial year' })
  @IsBoolean({ message: 'must be true or false' })
  terminateAtFinancialYearEnd: boolean;
}

export class MandatePolicyDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() noticeMonths: number;
  @ApiProperty() terminateAtFinancialYearEnd: boolean;
  @ApiProperty() fyEndMonth: number;
  @ApiProperty() fyEndDay: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null: nothing recorded, the defaults (6 months, at year end) apply' }) version: number | null;
  @ApiProperty({ nullable: true, type: String }) recordedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedBy: string | null;
}

export class NonContractualQueryDto {
  @ApiPropertyOptional({ example: '2025-06-30', description: 'The day the mandate counts refer to; default today' }) @IsOptional() @IsIsoDate()
  at?: string;
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
}
