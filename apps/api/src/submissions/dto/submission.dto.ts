import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MAX_WAIT_SECONDS, PACKAGE_FORMATS, PACKAGE_TYPES } from '../../../../../libs/submissions/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';

export class SubmitQueryDto {
  @ApiProperty({ enum: PACKAGE_TYPES }) @IsString()
  type: string;

  @ApiPropertyOptional({
    example: '2025Q1',
    description: 'The quarter the package reports, YYYYQn. Required, but for a type whose facts are not a quarter\'s (cwr: a works registration), which is filed under the quarter it is received in when left out.',
  })
  @IsOptional() @IsString()
  period?: string;
}

export class SubmissionGetQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_WAIT_SECONDS,
    default: 0,
    description:
      'Seconds to wait while the submission is queued or validating: the answer comes as soon as it has finished (committed, rejected or failed), ' +
      'or after this long with its status then. 0: answer at once.',
  })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number of seconds' }) @Min(0) @Max(MAX_WAIT_SECONDS)
  wait?: number;
}

export class SubmissionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PACKAGE_TYPES }) @IsOptional() @IsString()
  type?: string;

  @ApiPropertyOptional({ example: '2025Q1' }) @IsOptional() @IsString()
  period?: string;
}

export class InputProblemDto {
  @ApiPropertyOptional() line?: number;
  @ApiPropertyOptional() column?: string;
  @ApiPropertyOptional() field?: string;
  @ApiProperty() message: string;
}

export class SubmissionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ enum: PACKAGE_TYPES }) type: string;
  @ApiProperty({ example: '2025Q1' }) period: string;
  @ApiProperty({ enum: PACKAGE_FORMATS, description: "How the package was sent: CSV, JSON Lines (one object per line), or its type's own format (e.g. cwr)" }) format: string;
  @ApiProperty({
    enum: ['queued', 'validating', 'rejected', 'committed', 'superseded', 'failed'],
    description: 'failed: processing stopped after its last attempt for a reason not in the package (see failure); nothing was recorded',
  })
  status: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Data rows in the package' }) rows: number | null;
  @ApiProperty({ description: 'Percent done' }) progress: number;
  @ApiProperty({ nullable: true, type: String, description: 'staging, validating or committing while it runs' }) phase: string | null;
  @ApiProperty() errorCount: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why processing stopped (status failed), else null' }) failure: string | null;
  @ApiProperty({ type: [InputProblemDto], description: 'The first 1000 problems by line and column' }) errors: InputProblemDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Hex Merkle root of the committed lines' }) root: string | null;
  @ApiProperty({ nullable: true, type: Number }) logIndex: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The committed submission of the same society, type and period this one replaced (GET …/diff shows what changed); null: none' })
  supersedes: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The submission that replaced this one; null: none has' }) supersededBy: string | null;
  @ApiProperty({ description: 'Hex SHA-256 of the bytes received' }) sha256: string;
  @ApiProperty() byteSize: number;
  @ApiProperty({ nullable: true, type: String, description: 'The name the package was uploaded as (a multipart file); null when sent as the request body' }) fileName: string | null;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class SubmissionPageDto {
  @ApiProperty({ type: [SubmissionDto] }) items: SubmissionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
