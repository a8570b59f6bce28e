import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DECLARATION_TEXT_MAX, DECLARATION_YEARS } from '../../../../../libs/governance/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';

/**
 * A declaration as sent. The fields are checked by the governance library
 * (validateDeclaration), which names each bad one; `@Allow` lets the strict pipe pass
 * them through and still refuse unknown fields.
 */
export class CreateBoardDeclarationDto {
  @ApiProperty({ example: 'B-01', description: "The member's id on the society's board package or board-members registry" }) @Allow()
  memberId: string;

  @ApiProperty({ example: 2025, minimum: DECLARATION_YEARS.min, description: 'The financial year declared (the year it ends in); not one that has not begun' }) @Allow()
  year: number;

  @ApiProperty({ example: 'Member of the society since 2004; no shares in its subsidiaries', maxLength: DECLARATION_TEXT_MAX, description: 'Art. 10(2)(a): any interests in the society ("none" when there are none)' }) @Allow()
  interests: string;

  @ApiProperty({ example: '1200000.00', description: 'Art. 10(2)(b): remuneration and other benefits received from the society in the year (decimal string, ≥ 0)' }) @Allow()
  remuneration: string;

  @ApiProperty({ example: 'RUB', description: 'ISO 4217 currency of both amounts' }) @Allow()
  currency: string;

  @ApiProperty({ example: '0', description: 'Art. 10(2)(c): amounts received from the society as a rights holder in the year (decimal string, ≥ 0)' }) @Allow()
  amountsAsRightholder: string;

  @ApiProperty({ example: 'none', maxLength: DECLARATION_TEXT_MAX, description: 'Art. 10(2)(d): any actual or potential conflict between personal interests or duties to others and the society\'s ("none" when there is none)' }) @Allow()
  conflicts: string;
}

export class BoardDeclarationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() memberId: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: '1 for the first declaration of the member and year, then 2, 3… (append-only: a new declaration is a new version)' }) version: number;
  @ApiProperty({ description: "The latest version of the member's declaration for the year" }) current: boolean;
  @ApiProperty() interests: string;
  @ApiProperty({ example: '1200000', description: 'Decimal string' }) remuneration: string;
  @ApiProperty() currency: string;
  @ApiProperty({ example: '0', description: 'Decimal string' }) amountsAsRightholder: string;
  @ApiProperty() conflicts: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ description: 'Who recorded it (role: label)' }) recordedBy: string;
}

export class BoardDeclarationPageDto {
  @ApiProperty({ type: [BoardDeclarationDto] }) items: BoardDeclarationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class BoardDeclarationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2025, description: 'Only declarations for this financial year' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole year' }) @Min(DECLARATION_YEARS.min) @Max(DECLARATION_YEARS.max)
  year?: number;

  @ApiPropertyOptional({ description: 'Only declarations of this member' })
  @IsOptional() @IsString() @Length(1, 100)
  memberId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'true: only the current version of each declaration' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'must be true or false' })
  current?: 'true' | 'false';
}
