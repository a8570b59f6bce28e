import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { explainCountryCode, explainDisplayName, explainIpi, explainIsni } from '../../../../../libs/identifiers/src/index.js';
import { NAME_SOURCES, RIGHTS_HOLDER_KINDS, type RightsHolderKind } from '../../../../../libs/registry/src/index.js';
import { Satisfies } from '../../common/validation.js';

const NAME_RULE = 'No control, bidirectional or invisible character, no zero-width joiner at either end, not blank, and no = + - @ at the start (docs/rights-holders.md)';

export class CreateRightsHolderDto {
  @ApiProperty({ example: 'Ivanova, Maria', description: NAME_RULE }) @IsString() @Length(1, 300) @Satisfies(explainDisplayName)
  name: string;

  @ApiProperty({ example: '00052210040', description: 'IPI name number: 11 digits with its mod-101 check' })
  @Satisfies(explainIpi)
  ipi: string;

  @ApiProperty({ enum: RIGHTS_HOLDER_KINDS }) @IsIn(RIGHTS_HOLDER_KINDS, { message: `must be one of: ${RIGHTS_HOLDER_KINDS.join(', ')}` })
  kind: RightsHolderKind;

  @ApiProperty({ example: 'RU', description: 'ISO 3166-1 alpha-2' }) @Satisfies(explainCountryCode)
  country: string;

  @ApiPropertyOptional({ example: '0000000121032683', description: 'ISNI with its ISO 7064 check character' })
  @IsOptional() @Satisfies(explainIsni)
  isni?: string;
}

export class RenameRightsHolderDto {
  @ApiProperty({ example: 'Ivanova, Maria', description: NAME_RULE }) @IsString() @Length(1, 300) @Satisfies(explainDisplayName)
  name: string;
}

export class RightsHolderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: NAME_SOURCES, description: 'Who the name comes from: an admin, the holder, or a society that registered the holder from its distribution lines (provisional)' })
  nameSource: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The society that registered the holder from its lines (shown to admins, regulators and that society; null otherwise)' })
  registeredBySocietyId: string | null;
  @ApiProperty({ nullable: true, type: String }) ipi: string | null;
  @ApiProperty({ nullable: true, type: String }) isni: string | null;
  @ApiProperty({ enum: RIGHTS_HOLDER_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty() createdAt: string;
}

export class RightsHolderPageDto {
  @ApiProperty({ type: [RightsHolderDto] }) items: RightsHolderDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
