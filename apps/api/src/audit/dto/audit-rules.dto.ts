import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, Matches } from 'class-validator';
import { RULE_GROUPS, SEVERITIES } from '../../../../../libs/audit/src/index.js';

export class AuditRulesQueryDto {
  @ApiPropertyOptional({ example: 'RU', description: 'ISO 3166-1 alpha-2: also show the parameters in force there' })
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code (two capital letters)' })
  jurisdiction?: string;
}

export class SetAuditParametersDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { monthsAfterYearEnd: 6 },
    description: "The rule's parameters to override in the jurisdiction (the others keep their defaults); {} restores every default. Whole numbers for months, years, days and seats; decimal strings for percentages and factors; null turns an optional limit off.",
  })
  @IsObject({ message: 'is required: an object of parameters ({} restores the defaults)' })
  params: Record<string, unknown>;
}

export class ParamSpecDto {
  @ApiProperty({ example: 'monthsAfterYearEnd' }) name: string;
  @ApiProperty({ enum: ['integer', 'decimal', 'choice', 'list'] }) kind: string;
  @ApiPropertyOptional({ example: 'months' }) unit?: string;
  @ApiProperty({ description: 'The default (RULES.md, or the stated policy default)', oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }], nullable: true }) default: unknown;
  @ApiPropertyOptional() min?: number | string;
  @ApiPropertyOptional() max?: number | string;
  @ApiPropertyOptional({ type: [String] }) values?: string[];
  @ApiPropertyOptional() nullable?: boolean;
  @ApiProperty() description: string;
}

export class RuleOverridesDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) params: Record<string, unknown>;
  @ApiProperty() updatedAt: string;
  @ApiProperty() updatedBy: string;
}

export class CatalogueEntryDto {
  @ApiProperty({ example: 'payout.distribution-deadline' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() source: string;
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty({ enum: RULE_GROUPS }) group: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [ParamSpecDto] }) parameters: ParamSpecDto[];
  @ApiProperty({ type: 'object', additionalProperties: true }) defaults: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'In force for the jurisdiction asked for (the defaults without one)' }) effective: Record<string, unknown>;
  @ApiProperty({ type: RuleOverridesDto, nullable: true }) overrides: RuleOverridesDto | null;
}

export class AuditCatalogueDto {
  @ApiProperty({ nullable: true, type: String }) jurisdiction: string | null;
  @ApiProperty({ type: [CatalogueEntryDto] }) rules: CatalogueEntryDto[];
}
