import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { explainCountryCode, explainCurrencyCode } from '../../../../../libs/identifiers/src/index.js';
import { Satisfies } from '../../common/validation.js';

/**
 * A society's contact details; each part optional (absent or null: not on record). Plain
 * text without control characters; the website an http(s) address.
 */
export class SocietyContactDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'ul. Bolshaya Bronnaya 6a, 123104 Moscow, Russia', maxLength: 500 })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @Length(1, 500) @Satisfies(plainText)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'members@rao.example', maxLength: 254 })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @Length(3, 254) @IsEmail({}, { message: 'must be an e-mail address' })
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '+7 495 123-45-67', maxLength: 40 })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @Length(3, 40) @Matches(/^\+?[0-9][0-9 ()./-]*[0-9]$/, { message: 'must be a phone number: digits, spaces and ( ) . / - , optionally a leading +' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://rao.example', maxLength: 500 })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @Length(8, 500) @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http:// or https:// address without spaces' })
  website?: string | null;
}

/** Text a person types: no control characters (line breaks allowed in an address). */
function plainText(v: unknown): string | null {
  return typeof v === 'string' && !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(v) && v.trim() !== '' ? null : 'must be plain text without control characters, not blank';
}

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

  @ApiPropertyOptional({ type: SocietyContactDto, description: 'Contact details, printed on statements (any part may be left out)' })
  @IsOptional() @ValidateNested() @Type(() => SocietyContactDto)
  contact?: SocietyContactDto;
}

/** PUT /v1/societies/{id}/contact: the whole set of contact details (a part left out is cleared). */
export class PutSocietyContactDto extends SocietyContactDto {}

export class SocietyContactViewDto {
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
}

export class SocietyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() cisacCode: string;
  @ApiProperty() country: string;
  @ApiProperty() currency: string;
  @ApiProperty() fyEndMonth: number;
  @ApiProperty() fyEndDay: number;
  @ApiProperty({ type: SocietyContactViewDto, description: 'Postal address, e-mail, phone and website, each null when not on record' }) contact: SocietyContactViewDto;
  @ApiProperty() createdAt: string;
}

export class SocietyPageDto {
  @ApiProperty({ type: [SocietyDto] }) items: SocietyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
