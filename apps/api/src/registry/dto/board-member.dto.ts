import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { explainDisplayName, explainVisibleId } from '../../../../../libs/identifiers/src/index.js';
import { CONSTITUENCIES, type Constituency } from '../../../../../libs/registry/src/index.js';
import { IsIsoDate, Satisfies } from '../../common/validation.js';
import { PageQueryDto } from '../../common/pagination.dto.js';

export class CreateBoardMemberDto {
  @ApiProperty({ example: 'B-07', description: "The society's own id for the member (visible characters only)" }) @IsString() @Length(1, 100) @Satisfies(explainVisibleId)
  memberId: string;

  @ApiProperty({ example: 'Petrov, Ivan', description: 'The rules of a rights holder name (docs/rights-holders.md)' }) @IsString() @Length(1, 300) @Satisfies(explainDisplayName)
  name: string;

  @ApiProperty({ enum: CONSTITUENCIES }) @IsIn(CONSTITUENCIES, { message: `must be one of: ${CONSTITUENCIES.join(', ')}` })
  constituency: Constituency;

  @ApiProperty({ example: '2024-06-01' }) @IsIsoDate()
  seatFrom: string;

  @ApiPropertyOptional({ example: '2028-05-31' }) @IsOptional() @IsIsoDate()
  seatTo?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  rightsHolderId?: string;

  @ApiPropertyOptional({ example: 'Volga Songs Ltd', description: 'The organisation the member works for (the rules of a name); matched against the licensees in the society\'s income (docs/governance.md)' })
  @IsOptional() @IsString() @Length(1, 300) @Satisfies(explainDisplayName)
  organisation?: string;
}

export class BoardMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() memberId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CONSTITUENCIES }) constituency: string;
  @ApiProperty() seatFrom: string;
  @ApiProperty({ nullable: true, type: String }) seatTo: string | null;
  @ApiProperty({ nullable: true, type: String }) rightsHolderId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty() recordedAt: string;
}

export class BoardMemberPageDto {
  @ApiProperty({ type: [BoardMemberDto] }) items: BoardMemberDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class BoardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only seats held on this date' }) @IsOptional() @IsIsoDate()
  at?: string;
}
