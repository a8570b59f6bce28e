import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CATEGORIES, WORK_TYPES, type Category, type WorkType } from '../../../../../libs/mandates/src/index.js';
import { IsIsoDate } from '../../common/validation.js';
import { MandateDto } from './mandate.dto.js';

export class TerminationRequestDto {
  @ApiPropertyOptional({ example: '2025-03-10', description: "The day notice is given; default today; never in the future; from a rights holder, today only (a notice counts from when the ledger records it)" }) @IsOptional() @IsIsoDate()
  requestedOn?: string;

  @ApiPropertyOptional({ example: '2025-03-10', description: 'A society or admin recording a notice it received earlier: the day of receipt (with evidence)' }) @IsOptional() @IsIsoDate()
  receivedOn?: string;

  @ApiPropertyOptional({ example: 'Registered letter RR123456789RU, received 2025-03-10', description: 'Evidence of the receipt; required with a receivedOn or requestedOn before today' })
  @IsOptional() @IsString({ message: 'must be a text' }) @Length(1, 1000, { message: 'must be 1 to 1000 characters' })
  evidence?: string;

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

export class OptOutPolicyDto {
  @ApiProperty({ example: 'RU', description: "The society's country, or default" }) jurisdiction: string;
  @ApiProperty({ nullable: true, type: Number, description: "Months after receipt; null: the society's notice policy applies" }) noticeMonths: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) atFinancialYearEnd: boolean | null;
  @ApiProperty({ example: 'Civil Code of the Russian Federation Part IV Art. 1244(3)' }) source: string;
  @ApiProperty({ description: 'False: the legal text could not be checked; the figure is a parameter' }) confirmed: boolean;
  @ApiProperty() note: string;
}

export class TerminationResultDto {
  @ApiProperty({ format: 'uuid' }) mandateId: string;
  @ApiProperty({ enum: ['whole', 'partial'] }) kind: string;
  @ApiProperty({ enum: ['terminated', 'withdrawn', 'opted-out'] }) change: string;
  @ApiProperty() requestedOn: string;
  @ApiProperty({ description: 'The day the notice counts from: when the society received it (a holder\'s notice: when the ledger recorded it)' }) receivedOn: string;
  @ApiProperty({ nullable: true, type: String, description: 'Evidence of an earlier receipt' }) evidence: string | null;
  @ApiProperty({ description: "The notice applied, in months (the society's, at most 6; for an opt-out, its jurisdiction's when it sets one)" }) noticeMonths: number;
  @ApiProperty() noticeExpiresOn: string;
  @ApiProperty({ description: 'The last day the society manages what was withdrawn' }) effectiveOn: string;
  @ApiProperty() alignedToFinancialYearEnd: boolean;
  @ApiProperty({ type: FinancialYearEndDto }) financialYearEnd: FinancialYearEndDto;
  @ApiProperty({ description: 'Art. 5(5): money for uses through this day stays due' }) paymentsStayDueForUsesThrough: string;
  @ApiProperty({ type: WithdrawnDto }) withdrawn: WithdrawnDto;
  @ApiProperty({ type: MandateDto }) mandate: MandateDto;
  @ApiProperty({ type: MandateDto, nullable: true }) remainder: MandateDto | null;
  @ApiProperty({ type: OptOutPolicyDto, nullable: true, description: 'For an opt-out: the policy followed, with its legal source' }) optOutPolicy: OptOutPolicyDto | null;
}
