import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PACKAGE_TYPES } from '../../../../../libs/submissions/src/index.js';

export class DiffLineDto {
  @ApiProperty({ description: "The line's id (line_id for distribution lines; the type's id column otherwise)" }) lineId: string;
  @ApiProperty({ description: 'Its line in its own package' }) lineNo: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', nullable: true }, description: 'Every column by its camelCase name, as the leaf holds it' })
  fields: Record<string, string | null>;
}

export class FieldChangeDto {
  @ApiProperty({ nullable: true, type: String, description: 'The value in the package replaced (null: empty)' }) from: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The value in this package (null: empty)' }) to: string | null;
}

export class ChangedLineDto {
  @ApiProperty() lineId: string;
  @ApiProperty({ description: 'Its line in the package replaced' }) fromLineNo: number;
  @ApiProperty({ description: 'Its line in this package' }) toLineNo: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldChangeDto' },
    description: 'Each field whose value changed (camelCase column names), e.g. {"gross": {"from": "1000", "to": "1200"}}',
  })
  fields: Record<string, FieldChangeDto>;
}

export class DiffCountsDto {
  @ApiProperty() added: number;
  @ApiProperty() removed: number;
  @ApiProperty() changed: number;
}

export class SubmissionDiffDto {
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty({ format: 'uuid', description: 'The package this one replaced (a submission that supersedes nothing has no diff: 409)' }) supersedes: string;
  @ApiProperty({ enum: PACKAGE_TYPES }) type: string;
  @ApiProperty({ description: 'The column the lines are paired by', example: 'line_id' }) idColumn: string;
  @ApiProperty({ type: [DiffLineDto], description: 'Lines only in this package, by line id' }) added: DiffLineDto[];
  @ApiProperty({ type: [DiffLineDto], description: 'Lines only in the package replaced, by line id' }) removed: DiffLineDto[];
  @ApiProperty({ type: [ChangedLineDto], description: 'Lines in both whose values differ, by line id' }) changed: ChangedLineDto[];
  @ApiProperty({ type: DiffCountsDto, description: 'How many of each (written last: the answer is streamed)' }) counts: DiffCountsDto;
}

export class SubmissionDiffQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, description: 'At most this many items in each of added, removed and changed (the first by line id); counts still count them all. Absent: every item.' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number' }) @Min(1) @Max(10_000)
  limit?: number;
}
