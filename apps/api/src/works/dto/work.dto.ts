import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../../../../../libs/database/src/index.js';
import { CONFLICT_REASONS, type ConflictReason } from '../../../../../libs/works/src/index.js';

export class WorksQueryDto {
  @ApiPropertyOptional({ description: 'Works with this ISWC (T-034.524.680-1 or T0345246801)', example: 'T-034.524.680-1' })
  @IsOptional() @IsString()
  iswc?: string;

  @ApiPropertyOptional({ description: 'Works with a title (their own or an alternative title) like this text, in Cyrillic or Latin spelling', example: 'Winter Road' })
  @IsOptional() @IsString()
  q?: string;

  @ApiPropertyOptional({ description: 'Works whose current registrations name this IPI name number as a writer or publisher', example: '00014107338' })
  @IsOptional() @IsString()
  ipi?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Admins and regulators: one society's works" })
  @IsOptional() @IsString()
  societyId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString()
  cursor?: string;
}

export class WorkGetQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'Show this version of the registration (default: the current one)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  version?: number;
}

export class WorkSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ description: "The society's work number (the ACK's Recipient Creation #)", example: '1' }) number: string;
  @ApiProperty({ nullable: true, type: String, example: 'T0345246801' }) iswc: string | null;
  @ApiProperty({ description: 'Title of the current registration' }) title: string;
  @ApiProperty({ description: "Who first registered the work: the CWR sender's 11-digit IPI name number, else its sender ID" }) submitter: string;
  @ApiProperty({ description: "The submitter's own work number (CWR Submitter Work #)" }) submitterWorkNumber: string;
  @ApiProperty() currentVersion: number;
  @ApiProperty({ description: 'Current registrations of different submitters conflict' }) inConflict: boolean;
  @ApiProperty({ format: 'uuid', description: 'The CWR package the work was first registered from' }) submissionId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WorkPageDto {
  @ApiProperty({ type: [WorkSummaryDto], description: 'By title, then id' }) items: WorkSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class WorkTitleDto {
  @ApiProperty() title: string;
  @ApiProperty({ description: "OT: the work's own title; otherwise the CWR title type of an alternative title (AT, TE, FT, …)" }) titleType: string;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
}

export class WorkRecordingDto {
  @ApiProperty({ nullable: true, type: String, example: 'GBAYE0601498' }) isrc: string | null;
  @ApiProperty({ nullable: true, type: String }) recordingTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) albumTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) releaseDate: string | null;
}

export class OwnershipShareDto {
  @ApiProperty({ description: 'Percent, exact', example: '50.00' }) share: string;
  @ApiProperty({ nullable: true, type: String, description: 'CISAC society code the party is affiliated with for the right', example: '052' }) society: string | null;
}

export class OwnershipDto {
  @ApiProperty({ type: OwnershipShareDto }) PR: OwnershipShareDto;
  @ApiProperty({ type: OwnershipShareDto }) MR: OwnershipShareDto;
  @ApiProperty({ type: OwnershipShareDto }) SR: OwnershipShareDto;
}

export class CollectionDto {
  @ApiProperty({ description: 'CISAC TIS territory code', example: '2136' }) tis: string;
  @ApiProperty({ nullable: true, type: String, example: 'WORLD' }) territory: string | null;
  @ApiProperty({ description: 'Included (true) or excluded' }) include: boolean;
  @ApiProperty({ example: '50.00' }) PR: string;
  @ApiProperty({ example: '100.00' }) MR: string;
  @ApiProperty({ example: '100.00' }) SR: string;
}

export class WorkPartyDto {
  @ApiProperty() partyNo: number;
  @ApiProperty({ enum: ['writer', 'publisher'] }) kind: 'writer' | 'publisher';
  @ApiProperty({ enum: ['SWR', 'OWR', 'SPU', 'OPU'] }) recordType: string;
  @ApiProperty({ description: 'Controlled by the submitter (SWR/SPU)' }) controlled: boolean;
  @ApiProperty({ description: "The submitter's interested party number" }) ipNumber: string;
  @ApiProperty({ nullable: true, type: String, example: '00014107338' }) ipiNameNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) ipiBaseNumber: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Writer designation (CA, C, A, AR, AD, …) or publisher type (E, AQ, AM, SE, PA, ES)' }) role: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Publisher sequence # (chain)' }) chain: number | null;
  @ApiProperty({ type: OwnershipDto }) ownership: OwnershipDto;
  @ApiProperty({ type: [CollectionDto], description: 'Collection shares per territory, in file order (an inclusion sets, an exclusion removes)' }) collection: CollectionDto[];
}

export class WorkVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['NWR', 'REV', 'ISW', 'EXC'] }) transactionType: string;
  @ApiProperty({ description: 'CISAC transaction status the ACK gave it (AS, AC, CO)' }) status: string;
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty({ description: 'First line of the transaction in its file' }) line: number;
  @ApiProperty() lastLine: number;
  @ApiProperty({ nullable: true, type: Number }) groupId: number | null;
  @ApiProperty() transactionSequence: number;
  @ApiProperty() submitter: string;
  @ApiProperty() submitterWorkNumber: string;
  @ApiProperty({ nullable: true, type: String }) iswc: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class WorkConflictDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The version that raised it' }) version: number;
  @ApiProperty({ type: [Number], description: 'The versions (of other submitters) it conflicts with' }) otherVersions: number[];
  @ApiProperty({ enum: CONFLICT_REASONS }) reason: ConflictReason;
  @ApiProperty({ nullable: true, enum: ['PR', 'MR', 'SR'], type: String }) right: 'PR' | 'MR' | 'SR' | null;
  @ApiProperty({ nullable: true, type: String, description: 'TIS code: a country, or 2136 WORLD when over everywhere' }) tis: string | null;
  @ApiProperty({ nullable: true, type: String }) territory: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Percent, exact', example: '150.00' }) total: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The evidence: shares per submitter, or the writers each names' }) detail: Record<string, unknown>;
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
}

export class WorkDto extends WorkSummaryDto {
  @ApiProperty({ description: 'The version shown' }) version: number;
  @ApiProperty({ type: [Number], description: 'The current registration of each submitter (its latest version)' }) currentVersions: number[];
  @ApiProperty({ type: [WorkTitleDto] }) titles: WorkTitleDto[];
  @ApiProperty({ type: [WorkRecordingDto] }) recordings: WorkRecordingDto[];
  @ApiProperty({ type: [WorkPartyDto], description: 'Writers and publishers of the version shown, with ownership per right and collection per territory' }) parties: WorkPartyDto[];
  @ApiProperty({ type: [WorkVersionDto], description: 'Every registration, newest first' }) versions: WorkVersionDto[];
  @ApiProperty({ type: [WorkConflictDto], description: 'Conflicts found, newest first' }) conflicts: WorkConflictDto[];
}
