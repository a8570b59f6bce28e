import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CLAIM_STATUSES } from '../../../../../libs/statements/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';

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
  @ApiProperty({ nullable: true, type: String, example: 'GBAYE0601498', description: 'The recording the use came through (ISRC), when the line names one' }) recordingIsrc: string | null;
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
  @ApiProperty({ type: [String], enum: ['name', 'work', 'register', 'recording'], description: "Why it is listed: the name on the line is the holder's (name); its work is one the holder is paid for elsewhere (work); its work is registered in the society's works register with a share naming the holder's IPI (register); its recording (ISRC) is a recording of such a registered work (recording)" }) matchedBy: string[];
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

export class ClaimPaymentDto {
  @ApiProperty({ format: 'uuid', description: 'The later package that paid the claim' }) submissionId: string;
  @ApiProperty({ example: '2025Q1' }) period: string;
  @ApiProperty() lineNo: number;
  @ApiProperty() lineId: string;
  @ApiProperty({ example: '2025-03-28' }) paidOn: string;
  @ApiProperty() currency: string;
  @ApiProperty({ example: '10493.25' }) net: string;
}

export class ClaimEventDto {
  @ApiProperty({ description: '1 for the claim itself, then one per answer' }) seq: number;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: string;
  @ApiProperty({ enum: CLAIM_STATUSES, nullable: true, type: String, description: 'null for the claim itself' }) previousStatus: string | null;
  @ApiProperty({ description: "When, by the ledger's clock" }) at: string;
  @ApiProperty({ example: 'society: RAO-like Authors Society (demo)' }) recordedBy: string;
  @ApiProperty({ nullable: true, type: String, description: "A refusal's reason, or a note given with an acceptance" }) reason: string | null;
  @ApiProperty({ type: ClaimPaymentDto, nullable: true }) payment: ClaimPaymentDto | null;
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
  @ApiProperty({ nullable: true, type: String, description: 'When the society answered (accepted, refused or paid it); null while open' }) answeredAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was refused (refused claims only)' }) reason: string | null;
  @ApiProperty({ type: ClaimPaymentDto, nullable: true, description: 'The line of a later package that paid it (paid claims only)' }) payment: ClaimPaymentDto | null;
  @ApiProperty({ type: [ClaimEventDto], description: 'Every change of status, oldest first (append-only)' }) history: ClaimEventDto[];
  @ApiProperty({ type: ClaimedLineDto }) line: ClaimedLineDto;
}

export class AcceptClaimDto {
  @ApiPropertyOptional({ example: 'Cue sheet checked against your registration', maxLength: 2000 }) @IsOptional() @IsString({ message: 'must be a text' }) @Length(0, 2000, { message: 'must be at most 2000 characters' })
  note?: string;
}

export class RefuseClaimDto {
  @ApiProperty({ example: 'The cue sheet credits another composer of the same name (IPI 00052210040)', description: 'Why, in writing (Directive 2014/26/EU Art. 33(2))' })
  @IsString({ message: 'must be a text' }) @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  reason: string;
}

export class PayClaimDto {
  @ApiProperty({ format: 'uuid', description: "A committed, not superseded distribution-lines package of the same society, committed after the claimed line's" })
  @IsUUID('all', { message: 'must be a UUID' })
  submissionId: string;

  @ApiProperty({ example: 'RAO-2025Q1-C001', description: "The paying line's id, or #<n> for the line numbered n: paid, to the claimant, same currency, net, category, period of use and work as the claimed line" })
  @IsString({ message: 'must be a text' }) @Length(1, 200, { message: 'must be 1 to 200 characters' })
  lineId: string;
}

export class ClaimPageDto {
  @ApiProperty({ type: [ClaimDto] }) items: ClaimDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
