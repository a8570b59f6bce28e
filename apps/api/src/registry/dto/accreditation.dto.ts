import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsIsoDate } from '../../common/validation.js';

export class CreateAccreditationDto {
  @ApiProperty({ example: 'Ministry of Culture of the Russian Federation' }) @IsString() @Length(1, 300)
  authority: string;

  @ApiProperty({ example: 'Public performance of musical works (Civil Code Art. 1244(1)(1))' }) @IsString() @Length(1, 1000)
  scope: string;

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
  @ApiProperty() validFrom: string;
  @ApiProperty() validTo: string;
  @ApiProperty() recordedAt: string;
}

export class AccreditationPageDto {
  @ApiProperty({ type: [AccreditationDto] }) items: AccreditationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
