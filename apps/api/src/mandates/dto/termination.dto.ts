import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { CATEGORIES, WORK_TYPES, type Category, type WorkType } from '../../../../../libs/mandates/src/index.js';
import { IsIsoDate } from '../../common/validation.js';
import { MandateDto } from './mandate.dto.js';

export class TerminationRequestDto {
  @ApiPropertyOptional({ example: '2025-03-10', description: 'The day notice is given; default today; never in the future' }) @IsOptional() @IsIsoDate()
  requestedOn?: string;

  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true, description: 'Withdraw only these categories (default: all)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @IsIn(CATEGORIES, { each: true, message: `each must be one of: ${CATEGORIES.join(', ')}` })
  categories?: Category[];

  @ApiPropertyOptional({ enum: WORK_TYPES, isArray: true, description: 'Withdraw only these types of work (default: all)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @IsIn(WORK_TYPES, { each: true, message: `each must be one of: ${WORK_TYPES.join(', ')}` })
  workTypes?: WorkType[];

  @ApiPropertyOptional({ type: [String], example: ['SE', 'NO'], description: 'Withdraw only these territories (codes, or ["WORLD"]); the mandate splits' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(300) @IsString({ each: true })
  territories?: string[];

  @ApiPropertyOptional({ type: [String], description: 'With territories ["WORLD"]: countries not withdrawn' })
  @IsOptional() @IsArray() @ArrayMaxSize(300) @IsString({ each: true })
  excludedTerritories?: string[];
}

export class WithdrawnDto {
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: WORK_TYPES }) workType: string;
  @ApiProperty({ type: [String] }) territories: string[];
  @ApiProperty({ type: [String] }) excludedTerritories: string[];
}

export class FinancialYearEndDto {
  @ApiProperty() month: number;
  @ApiProperty() day: number;
}

export class TerminationResultDto {
  @ApiProperty({ format: 'uuid' }) mandateId: string;
  @ApiProperty({ enum: ['whole', 'partial'] }) kind: string;
  @ApiProperty({ enum: ['terminated', 'withdrawn', 'opted-out'] }) change: string;
  @ApiProperty() requestedOn: string;
  @ApiProperty({ description: "The society's notice, in months (at most 6)" }) noticeMonths: number;
  @ApiProperty() noticeExpiresOn: string;
  @ApiProperty({ description: 'The last day the society manages what was withdrawn' }) effectiveOn: string;
  @ApiProperty() alignedToFinancialYearEnd: boolean;
  @ApiProperty({ type: FinancialYearEndDto }) financialYearEnd: FinancialYearEndDto;
  @ApiProperty({ description: 'Art. 5(5): money for uses through this day stays due' }) paymentsStayDueForUsesThrough: string;
  @ApiProperty({ type: WithdrawnDto }) withdrawn: WithdrawnDto;
  @ApiProperty({ type: MandateDto }) mandate: MandateDto;
  @ApiProperty({ type: MandateDto, nullable: true }) remainder: MandateDto | null;
}
