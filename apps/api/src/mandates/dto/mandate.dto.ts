import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { BASES, CATEGORIES, MANDATE_CHANGES, MANDATE_STATUSES, WORK_TYPES, explainKnownAt, type Basis, type Category, type WorkType } from '../../../../../libs/mandates/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';
import { IsIsoDate, Satisfies } from '../../common/validation.js';

const oneOf = (values: readonly string[]) => ({ message: `must be one of: ${values.join(', ')}` });

export class CreateMandateDto {
  @ApiProperty({ format: 'uuid', description: 'The society entrusted with the rights' }) @IsUUID('all', { message: 'must be a UUID' })
  societyId: string;

  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES, oneOf(CATEGORIES))
  category: Category;

  @ApiProperty({ enum: WORK_TYPES }) @IsIn(WORK_TYPES, oneOf(WORK_TYPES))
  workType: WorkType;

  @ApiProperty({ type: [String], example: ['WORLD'], description: 'ISO 3166-1 alpha-2 codes, or ["WORLD"] alone; no code twice' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(300) @IsString({ each: true })
  territories: string[];

  @ApiPropertyOptional({ type: [String], example: ['RU'], description: 'With ["WORLD"]: countries the mandate leaves out' })
  @IsOptional() @IsArray() @ArrayMaxSize(300) @IsString({ each: true })
  excludedTerritories?: string[];

  @ApiProperty({ example: '2025-01-01' }) @IsIsoDate()
  validFrom: string;

  @ApiPropertyOptional({ example: '2029-12-31', description: 'Last day of the mandate (inclusive); absent: open-ended' }) @IsOptional() @IsIsoDate()
  validTo?: string;

  @ApiProperty({ enum: BASES, description: 'contractual: the holder authorised the society; non-contractual: managed under an accreditation without consent' })
  @IsIn(BASES, oneOf(BASES))
  basis: Basis;

  @ApiProperty({ description: 'Exclusive: no other society may hold an exclusive mandate for the same rights (non-contractual mandates never are)' }) @IsBoolean({ message: 'must be true or false' })
  exclusive: boolean;

  @ApiPropertyOptional({ example: 'Signed membership agreement no. 2025/118', description: "Where the holder's consent is documented (Art. 5(7))" })
  @IsOptional() @IsString() @Length(1, 500)
  consentEvidence?: string;
}

export class ConsentDto {
  @ApiProperty({ enum: CATEGORIES, description: 'The category of rights consented to' }) category: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ nullable: true, type: String }) evidence: string | null;
}

export class MandateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ format: 'uuid' }) rightsHolderId: string;
  @ApiProperty({ nullable: true, type: String, description: "The society's own id (bulk loads)" }) externalId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The mandate a partial withdrawal split this one from' }) splitFrom: string | null;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: WORK_TYPES }) workType: string;
  @ApiProperty({ type: [String] }) territories: string[];
  @ApiProperty({ type: [String] }) excludedTerritories: string[];
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String, description: 'Last day managed; the day before validFrom when it was ended before it began' }) validTo: string | null;
  @ApiProperty({ enum: BASES }) basis: string;
  @ApiProperty() exclusive: boolean;
  @ApiProperty({ nullable: true, type: ConsentDto }) consent: ConsentDto | null;
  @ApiProperty({ enum: MANDATE_STATUSES, description: 'requested (by the rights holder, awaiting the society), active, refused (by the society, with a reason), ended (its period is over)' }) status: string;
  @ApiProperty({ description: 'Version number: each change is a new version; none is ever overwritten' }) version: number;
  @ApiProperty({ enum: MANDATE_CHANGES }) change: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) changeDetail: Record<string, unknown>;
  @ApiProperty({ description: 'When this version was recorded (transaction time)' }) recordedAt: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty() createdAt: string;
}

export class AcceptMandateDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day of the mandate; default the later of the day asked for and the day of the request; never before the day asked for' })
  @IsOptional() @IsIsoDate()
  effectiveFrom?: string;
}

export class RefuseMandateDto {
  @ApiProperty({ example: 'We manage performing rights for members resident in the EU only (statutes §4)', description: 'The objective grounds, in writing (Directive Art. 6(2))' })
  @IsString({ message: 'must be a text' }) @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  reason: string;
}

export class MandatePageDto {
  @ApiProperty({ type: [MandateDto] }) items: MandateDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** A knownAt moment: ISO timestamp with a zone, or a date (its end, UTC). */
export const IsKnownAt = () => Satisfies(explainKnownAt);

export class AsKnownAtQueryDto {
  @ApiPropertyOptional({ example: '2025-06-30T12:00:00Z', description: 'The ledger as it stood then (a date: its end, UTC). Default: now' })
  @IsOptional() @IsKnownAt()
  asKnownAt?: string;
}

export class MandateSliceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MANDATE_STATUSES, description: 'Only mandates in this status (e.g. requested: the requests awaiting an answer)' })
  @IsOptional() @IsIn(MANDATE_STATUSES, oneOf(MANDATE_STATUSES))
  status?: string;

  @ApiPropertyOptional({ example: '2025-06-30', description: 'Only mandates valid on this day. Default: any' }) @IsOptional() @IsIsoDate()
  at?: string;

  @ApiPropertyOptional({ example: '2025-06-30T12:00:00Z', description: 'The ledger as it stood then (a date: its end, UTC). Default: now' })
  @IsOptional() @IsKnownAt()
  asKnownAt?: string;
}
