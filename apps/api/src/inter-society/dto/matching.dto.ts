import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MATCH_STATUSES } from '../../../../../libs/inter-society/src/index.js';

export class MatrixQueryDto {
  @ApiProperty({ example: 2025, description: 'The financial year of collection the transfers report (fy_of_collection)' })
  @Type(() => Number) @IsInt({ message: 'must be a whole year (YYYY)' }) @Min(1900) @Max(9999)
  financialYear: number;

  @ApiPropertyOptional({ example: 14, description: 'Days the two reports of a transfer may be apart (default 14; a parameter: no law sets it)' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number of days' }) @Min(0) @Max(366)
  toleranceDays?: number;
}

export class MatchesQueryDto extends MatrixQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the items this society is a side of (a society credential: its own, the default)' })
  @IsOptional() @IsUUID('all', { message: 'must be a UUID' })
  societyId?: string;
}

export class TransferReportDto {
  @ApiProperty({ format: 'uuid', description: 'The reporting society' }) societyId: string;
  @ApiProperty({ example: '901' }) cisacCode: string;
  @ApiProperty({ enum: ['in', 'out'] }) direction: string;
  @ApiProperty({ example: '904' }) counterpartyCisac: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: the counterparty is not on the ledger' }) counterpartyId: string | null;
  @ApiProperty({ example: 'TR-0001' }) transferId: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '54000', description: 'Decimal string' }) amount: string;
  @ApiProperty({ nullable: true, type: String, example: '2025-02-20', description: 'Paid (out) or received (in); null: reported as due only' }) paidOn: string | null;
  @ApiProperty({ example: 2024 }) fyOfCollection: number;
}

export class MatchDifferenceDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '-100', description: 'incoming − outgoing (decimal string)' }) amount: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Days from the payment to the receipt; null when a side has no date' }) days: number | null;
}

export class MatchItemDto {
  @ApiProperty({ enum: MATCH_STATUSES }) status: string;
  @ApiProperty({ type: TransferReportDto, nullable: true, description: "The payer's report" }) outgoing: TransferReportDto | null;
  @ApiProperty({ type: TransferReportDto, nullable: true, description: "The payee's report" }) incoming: TransferReportDto | null;
  @ApiProperty({ type: MatchDifferenceDto, nullable: true }) difference: MatchDifferenceDto | null;
  @ApiProperty({ enum: ['reference', 'amount-and-date', 'date'], nullable: true, type: String, description: 'How the two reports were paired' }) matchedBy: string | null;
}

export class MatchesDto {
  @ApiProperty({ example: 2025 }) financialYear: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) societyId: string | null;
  @ApiProperty({ example: 14 }) toleranceDays: number;
  @ApiProperty({ type: [MatchItemDto] }) items: MatchItemDto[];
}

export class MatrixSocietyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '901' }) cisacCode: string;
}

export class MatchCountsDto {
  @ApiProperty() matched: number;
  @ApiProperty({ name: 'amount-differs' }) 'amount-differs': number;
  @ApiProperty({ name: 'unmatched-out' }) 'unmatched-out': number;
  @ApiProperty({ name: 'unmatched-in' }) 'unmatched-in': number;
  @ApiProperty({ name: 'counterparty-not-on-ledger' }) 'counterparty-not-on-ledger': number;
}

export class MatrixCellDto {
  @ApiProperty({ description: 'The payer: a society id, or cisac:NNN when only the payee reported it and the payer is not on the ledger' }) fromSocietyId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The payee; null when it is not on the ledger' }) toSocietyId: string | null;
  @ApiProperty({ example: '904' }) toCisac: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'What the payer reports paying (its view)' }) reportedOut: string;
  @ApiProperty({ description: 'What the payee reports receiving (its view)' }) reportedIn: string;
  @ApiProperty({ description: 'reportedIn − reportedOut' }) difference: string;
  @ApiProperty({ type: MatchCountsDto }) counts: MatchCountsDto;
}

export class MatrixDto {
  @ApiProperty({ example: 2025 }) financialYear: number;
  @ApiProperty({ example: 14 }) toleranceDays: number;
  @ApiProperty({ type: [MatrixSocietyDto] }) societies: MatrixSocietyDto[];
  @ApiProperty({ type: [MatrixCellDto] }) cells: MatrixCellDto[];
}
