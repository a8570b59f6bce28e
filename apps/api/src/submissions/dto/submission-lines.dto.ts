import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LINE_MANDATE_STATUSES } from '../../../../../libs/mandates/src/index.js';
import { CATEGORIES, LINE_STATUSES, MANDATE_BASES } from '../../../../../libs/submissions/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';

export class SubmissionLinesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LINE_MANDATE_STATUSES, description: 'Only lines of this derived mandate status' })
  @IsOptional() @IsIn(LINE_MANDATE_STATUSES, { message: `must be one of: ${LINE_MANDATE_STATUSES.join(', ')}` })
  mandateStatus?: string;

  @ApiPropertyOptional({ description: 'Text in the line id, the rights holder name or IPI, or the work title (case-insensitive); for other types, in any cell', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: "The line with this id (the type's id column: line_id, income_id, …)", maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  lineId?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'The line at this line of the file (lineNo)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number' }) @Min(1) @Max(2_147_483_647)
  lineNo?: number;

  @ApiPropertyOptional({ enum: LINE_STATUSES, description: 'Distribution lines of this status' })
  @IsOptional() @IsIn(LINE_STATUSES, { message: `must be one of: ${LINE_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: CATEGORIES, description: 'Lines of this category of rights (types with a category column)' })
  @IsOptional() @IsIn(CATEGORIES, { message: `must be one of: ${CATEGORIES.join(', ')}` })
  category?: string;

  @ApiPropertyOptional({ example: 'RUB', description: 'Lines in this currency (types with a currency column)' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ enum: MANDATE_BASES, description: 'Distribution lines of this declared basis' })
  @IsOptional() @IsIn(MANDATE_BASES, { message: `must be one of: ${MANDATE_BASES.join(', ')}` })
  mandateBasis?: string;
}

/**
 * A line of a package. Every line has its number in the file, its id and its fields (the
 * values its leaf holds); a distribution line also has its typed columns and mandate
 * status (the properties marked "distribution lines" are present exactly for them).
 */
export class SubmissionLineDto {
  @ApiProperty({ description: 'Its line in the file (the header is line 1 of a CSV package)' }) lineNo: number;
  @ApiProperty({ nullable: true, type: String, description: "The line's id (line_id, income_id, deduction_id, transfer_id or member_id); null for a type without one (undistributed, mandates)" })
  lineId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    description: "Every column by its camelCase name, as the line's leaf holds it (the canonical text it is hashed as: amounts without trailing zeros, null for an empty cell)",
    example: { lineId: 'L-000001', gross: '1000', managementFee: '150', paidOn: '2025-03-30' },
  })
  fields: Record<string, string | null>;
  @ApiProperty({ required: false, nullable: true, type: String }) rightsHolderIpi?: string | null;
  @ApiProperty({ required: false }) rightsHolderName?: string;
  @ApiProperty({ required: false, nullable: true, type: String, format: 'uuid' }) rightsHolderId?: string | null;
  @ApiProperty({ required: false, nullable: true, type: String }) workIswc?: string | null;
  @ApiProperty({ required: false }) workTitle?: string;
  @ApiProperty({ required: false }) category?: string;
  @ApiProperty({ required: false, nullable: true, type: String, description: 'null: the line named no work type and matched mandates of any work type' }) workType?: string | null;
  @ApiProperty({ required: false, enum: ['exact', 'any'], description: 'any: no work type on the line, so mandates of any work type matched it' }) workTypeMatched?: 'exact' | 'any';
  @ApiProperty({ required: false }) useType?: string;
  @ApiProperty({ required: false }) territory?: string;
  @ApiProperty({ required: false }) useFrom?: string;
  @ApiProperty({ required: false }) useTo?: string;
  @ApiProperty({ required: false }) currency?: string;
  @ApiProperty({ required: false, example: '1000' }) gross?: string;
  @ApiProperty({ required: false }) managementFee?: string;
  @ApiProperty({ required: false }) otherDeductions?: string;
  @ApiProperty({ required: false }) net?: string;
  @ApiProperty({ required: false }) status?: string;
  @ApiProperty({ required: false, nullable: true, type: String }) paidOn?: string | null;
  @ApiProperty({ required: false, enum: ['contractual', 'non-contractual'], description: 'What the society declared' }) mandateBasis?: string;
  @ApiProperty({ required: false, enum: LINE_MANDATE_STATUSES, nullable: true, type: String, description: 'What the mandate register said when the package committed; null for lines committed before statuses were derived' })
  mandateStatus?: string | null;
  @ApiProperty({ required: false, type: [String], description: 'The mandates that decided the status' }) mandateIds?: string[];
}

export class SubmissionLinesPageDto {
  @ApiProperty({ type: [SubmissionLineDto] }) items: SubmissionLineDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The moment whose mandate register the statuses reflect (asKnownAt); null: none derived' }) mandatesKnownAt: string | null;
}
