import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LINE_MANDATE_STATUSES } from '../../../../../libs/mandates/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';

export class SubmissionLinesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LINE_MANDATE_STATUSES, description: 'Only lines of this derived mandate status' })
  @IsOptional() @IsIn(LINE_MANDATE_STATUSES, { message: `must be one of: ${LINE_MANDATE_STATUSES.join(', ')}` })
  mandateStatus?: string;

  @ApiPropertyOptional({ description: 'Text in the line id, the rights holder name or IPI, or the work title (case-insensitive)', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;
}

export class SubmissionLineDto {
  @ApiProperty() lineNo: number;
  @ApiProperty() lineId: string;
  @ApiProperty({ nullable: true, type: String }) rightsHolderIpi: string | null;
  @ApiProperty() rightsHolderName: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) rightsHolderId: string | null;
  @ApiProperty({ nullable: true, type: String }) workIswc: string | null;
  @ApiProperty() workTitle: string;
  @ApiProperty() category: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: the line named no work type and matched mandates of any work type' }) workType: string | null;
  @ApiProperty({ enum: ['exact', 'any'], description: 'any: no work type on the line, so mandates of any work type matched it' }) workTypeMatched: 'exact' | 'any';
  @ApiProperty() useType: string;
  @ApiProperty() territory: string;
  @ApiProperty() useFrom: string;
  @ApiProperty() useTo: string;
  @ApiProperty() currency: string;
  @ApiProperty({ example: '1000' }) gross: string;
  @ApiProperty() managementFee: string;
  @ApiProperty() otherDeductions: string;
  @ApiProperty() net: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) paidOn: string | null;
  @ApiProperty({ enum: ['contractual', 'non-contractual'], description: 'What the society declared' }) mandateBasis: string;
  @ApiProperty({ enum: LINE_MANDATE_STATUSES, nullable: true, type: String, description: 'What the mandate register said when the package committed; null for lines committed before statuses were derived' })
  mandateStatus: string | null;
  @ApiProperty({ type: [String], description: 'The mandates that decided the status' }) mandateIds: string[];
}

export class SubmissionLinesPageDto {
  @ApiProperty({ type: [SubmissionLineDto] }) items: SubmissionLineDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The moment whose mandate register the statuses reflect (asKnownAt); null: none derived' }) mandatesKnownAt: string | null;
}
