import { ApiProperty } from '@nestjs/swagger';

/** A field's change (the schema of each `fields` value). */
export interface CorrectedField {
  from: string | null;
  to: string | null;
}

export class StatementCorrectionDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ format: 'uuid', description: 'The correcting package' }) submissionId: string;
  @ApiProperty({ format: 'uuid', description: 'The package it replaced' }) supersedes: string;
  @ApiProperty({ example: '2025Q1' }) period: string;
  @ApiProperty({ example: '2026-01-15T09:30:00.000Z', description: 'When the correction was committed' }) committedAt: string;
  @ApiProperty({ example: 'L-000002' }) lineId: string;
  @ApiProperty({ example: 'RUB', description: "The line's currency: the amounts in fields are in it (not in the statement's currency)" }) currency: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) change: 'added' | 'removed' | 'changed';
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { from: { type: 'string', nullable: true }, to: { type: 'string', nullable: true } },
      required: ['from', 'to'],
      description: 'From (in the package replaced) → to (in the correction); null: empty, or no such line',
    },
    example: { gross: { from: '1000', to: '1200' }, net: { from: '830', to: '1000' } },
    description: 'The values that changed (camelCase column names); a line added or removed shows its amounts, status and day of payment against nothing',
  })
  fields: Record<string, CorrectedField>;
}

export class StatementCorrectionsDto {
  @ApiProperty({ description: "Every change corrections made to the holder's lines of the year (in the caller's view)" }) lines: number;
  @ApiProperty({ type: [StatementCorrectionDto], description: 'The first 200, oldest correction first, then by society and line id' }) items: StatementCorrectionDto[];
}
