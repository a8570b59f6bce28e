import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { explainCountryCode, explainCurrencyCode } from '../../../../../libs/identifiers/src/index.js';
import { Satisfies } from '../../common/validation.js';

export class CreateSocietyDto {
  @ApiProperty({ example: 'Russian Authors Society' }) @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ example: '039', description: 'CISAC society code: three digits' })
  @IsString() @Satisfies((v) => (typeof v === 'string' && /^[0-9]{3}$/.test(v) ? null : 'must be a three-digit CISAC society code'))
  cisacCode: string;

  @ApiProperty({ example: 'RU', description: 'ISO 3166-1 alpha-2' }) @Satisfies(explainCountryCode)
  country: string;

  @ApiProperty({ example: 'RUB', description: 'ISO 4217' }) @Satisfies(explainCurrencyCode)
  currency: string;

  @ApiProperty({ example: 12, minimum: 1, maximum: 12 }) @Type(() => Number) @IsInt() @Min(1) @Max(12)
  fyEndMonth: number;

  @ApiProperty({ example: 31, minimum: 1, maximum: 31 }) @Type(() => Number) @IsInt() @Min(1) @Max(31)
  fyEndDay: number;
}

export class SocietyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() cisacCode: string;
  @ApiProperty() country: string;
  @ApiProperty() currency: string;
  @ApiProperty() fyEndMonth: number;
  @ApiProperty() fyEndDay: number;
  @ApiProperty() createdAt: string;
}

export class SocietyPageDto {
  @ApiProperty({ type: [SocietyDto] }) items: SocietyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
