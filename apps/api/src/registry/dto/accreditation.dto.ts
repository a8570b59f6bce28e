import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CATEGORIES } from '../../../../../libs/mandates/src/index.js';
import { IsIsoDate } from '../../common/validation.js';

export class CreateAccreditationDto {
  @ApiProperty({ example: 'Ministry of Culture of the Russian Federation' }) @IsString() @Length(1, 300)
  authority: string;

  @ApiProperty({ example: 'Public performance of musical works (Civil Code Art. 1244(1)(1))' }) @IsString() @Length(1, 1000)
  scope: string;

  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true, example: ['performing', 'communication'], description: 'The categories of rights the accreditation covers; absent: all. Non-contractual management outside them is an audit finding' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(CATEGORIES, { each: true, message: `each must be one of: ${CATEGORIES.join(', ')}` })
  categories?: string[];

  @ApiProperty({ example: '2018-08-15' }) @IsIsoDate()
  validFrom: string;

  @ApiProperty({ example: '2028-08-14' }) @IsIsoDate()
  validTo: string;
}

export class AccreditationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() authority: string;
  @ApiProperty() scope: string;
  @ApiProperty({ nullable: true, type: [String], description: 'Categories covered; null: recorded before categories were (read as all)' }) categories: string[] | null;
  @ApiProperty() validFrom: string;
  @ApiProperty() validTo: string;
  @ApiProperty() recordedAt: string;
}

export class AccreditationPageDto {
  @ApiProperty({ type: [AccreditationDto] }) items: AccreditationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
