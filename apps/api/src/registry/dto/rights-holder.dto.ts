import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { explainCountryCode, explainIpi, explainIsni } from '../../../../../libs/identifiers/src/index.js';
import { RIGHTS_HOLDER_KINDS, type RightsHolderKind } from '../../../../../libs/registry/src/index.js';
import { Satisfies } from '../../common/validation.js';

export class CreateRightsHolderDto {
  @ApiProperty({ example: 'Ivanova, Maria' }) @IsString() @Length(1, 300)
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

export class RightsHolderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
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
