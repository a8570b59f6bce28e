import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.dto.js';

export const CLAIM_STATUSES = ['open', 'accepted', 'rejected'] as const;

export class UnclaimedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2025', description: 'Only lines whose use ended in this year' })
  @IsOptional() @Matches(/^(1[89]|2[0-9])[0-9]{2}$/, { message: 'must be a calendar year written YYYY (1800-2999), e.g. 2025' })
  year?: string;
}

export class CreateClaimDto {
  @ApiProperty({ format: 'uuid', description: 'The committed distribution-lines submission the line is in' }) @IsUUID('all', { message: 'must be a UUID' })
  submissionId: string;

  @ApiProperty({ example: 'RAO-2025Q1-U001', description: 'The line id, or #<n> for the line numbered n in the file' }) @IsString() @Length(1, 200)
  lineId: string;

  @ApiPropertyOptional({ example: 'My song, registered under my pseudonym', maxLength: 2000 }) @IsOptional() @IsString() @Length(0, 2000)
  note?: string;
}

export class SocietyClaimsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES }) @IsOptional() @IsIn(CLAIM_STATUSES, { message: `must be one of: ${CLAIM_STATUSES.join(', ')}` })
  status?: string;
}

export class ClaimRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: string;
  @ApiProperty() claimedAt: string;
}

export class UnclaimedLineDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() societyName: string;
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty() lineNo: number;
  @ApiProperty() lineId: string;
  @ApiProperty({ description: 'The name written on the line' }) nameOnLine: string;
  @ApiProperty({ nullable: true, type: String }) workIswc: string | null;
  @ApiProperty() workTitle: string;
  @ApiProperty() category: string;
  @ApiProperty() useType: string;
  @ApiProperty() territory: string;
  @ApiProperty() useFrom: string;
  @ApiProperty() useTo: string;
  @ApiProperty() currency: string;
  @ApiProperty() gross: string;
  @ApiProperty() managementFee: string;
  @ApiProperty() otherDeductions: string;
  @ApiProperty() net: string;
  @ApiProperty({ type: [String], enum: ['name', 'work'], description: 'Why it is listed' }) matchedBy: string[];
  @ApiProperty({ type: ClaimRefDto, nullable: true, description: "This holder's claim on it" }) claim: ClaimRefDto | null;
}

export class UnclaimedPageDto {
  @ApiProperty({ type: [UnclaimedLineDto] }) items: UnclaimedLineDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ClaimedLineDto {
  @ApiProperty() nameOnLine: string;
  @ApiProperty({ nullable: true, type: String }) workIswc: string | null;
  @ApiProperty() workTitle: string;
  @ApiProperty() category: string;
  @ApiProperty() useType: string;
  @ApiProperty() useFrom: string;
  @ApiProperty() useTo: string;
  @ApiProperty() currency: string;
  @ApiProperty() gross: string;
  @ApiProperty() net: string;
}

export class ClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() societyName: string;
  @ApiProperty({ format: 'uuid' }) rightsHolderId: string;
  @ApiProperty() rightsHolderName: string;
  @ApiProperty({ nullable: true, type: String }) rightsHolderIpi: string | null;
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty() lineNo: number;
  @ApiProperty() lineId: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: string;
  @ApiProperty() claimedAt: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ type: ClaimedLineDto }) line: ClaimedLineDto;
}

export class ClaimPageDto {
  @ApiProperty({ type: [ClaimDto] }) items: ClaimDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
