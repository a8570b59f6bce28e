import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { explainCountryCode, WORLD_TERRITORY } from '../../../../../libs/identifiers/src/index.js';
import { BASES, CATEGORIES, WORK_TYPES, type Category, type WorkType } from '../../../../../libs/mandates/src/index.js';
import { IsIsoDate, Satisfies } from '../../common/validation.js';
import { IsKnownAt } from './mandate.dto.js';

export class WhoManagesQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'must be a UUID' })
  rightsHolderId: string;

  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES, { message: `must be one of: ${CATEGORIES.join(', ')}` })
  category: Category;

  @ApiProperty({ enum: WORK_TYPES }) @IsIn(WORK_TYPES, { message: `must be one of: ${WORK_TYPES.join(', ')}` })
  workType: WorkType;

  @ApiProperty({ example: 'SE', description: 'One country (ISO 3166-1 alpha-2)' })
  @Satisfies(function explainOneCountry(v: unknown) {
    return v === WORLD_TERRITORY ? 'ask about one country (ISO 3166-1 alpha-2); WORLD is not one' : explainCountryCode(v);
  })
  territory: string;

  @ApiPropertyOptional({ example: '2025-06-30', description: 'The day asked about; default today' }) @IsOptional() @IsIsoDate()
  at?: string;

  @ApiPropertyOptional({ example: '2025-06-30T12:00:00Z', description: 'The ledger as it stood then (a date: its end, UTC); default now' })
  @IsOptional() @IsKnownAt()
  asKnownAt?: string;
}

export class ManagingSocietyDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ format: 'uuid' }) mandateId: string;
  @ApiProperty({ enum: BASES }) basis: string;
  @ApiProperty() exclusive: boolean;
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validTo: string | null;
}

export class WhoManagesDto {
  @ApiProperty({ format: 'uuid' }) rightsHolderId: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: WORK_TYPES }) workType: string;
  @ApiProperty() territory: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: as the ledger stands now' }) asKnownAt: string | null;
  @ApiProperty({ type: [ManagingSocietyDto] }) societies: ManagingSocietyDto[];
}
