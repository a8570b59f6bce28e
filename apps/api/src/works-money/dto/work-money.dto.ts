import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, Matches } from 'class-validator';

export class WorkMoneyQueryDto {
  @ApiProperty({ example: '2025', description: "The financial year, named after the calendar year it ends in (the society's fyEndMonth/fyEndDay)" })
  @IsDefined({ message: 'is required (a financial year, YYYY)' }) @Matches(/^(19|[2-9][0-9])[0-9]{2}$/, { message: 'must be a financial year written YYYY (1900-9999), e.g. 2025' })
  financialYear: string;

  @ApiPropertyOptional({ example: '0.5', default: '0.5', description: 'Largest difference between a registered and a paid share, in percentage points, that is not a mismatch (a policy: the law sets none)' })
  @IsOptional() @Matches(/^(0|[1-9][0-9]?)(\.[0-9]{1,4})?$|^100(\.0{1,4})?$/, { message: 'must be a decimal from 0 to 100 with at most 4 fraction digits (percentage points)' })
  tolerancePoints?: string;
}

export class ReportedTotalDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '12.34' }) amount: string;
  @ApiProperty({ example: '1000' }) usages: string;
  @ApiProperty({ example: 3 }) lines: number;
}

export class ReportedLineDto {
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty({ example: '2025Q2' }) period: string;
  @ApiProperty({ example: 7 }) lineNo: number;
  @ApiProperty({ example: 12, description: 'Line of the uploaded DSR file' }) sourceLine: number;
  @ApiProperty({ example: 'Stream Co' }) dsp: string;
  @ApiProperty({ example: 'PADPIDA2013020802I' }) dspPartyId: string;
  @ApiProperty({ enum: ['iswc', 'isrc'], description: "iswc: the line names the work's ISWC; isrc: it names no work, and its recording's ISRC is one the register lists for the work" }) matchedBy: 'iswc' | 'isrc';
  @ApiProperty({ nullable: true, type: String, example: 'T0345246801' }) iswc: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'USS1Z9900001' }) isrc: string | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'OnDemandStream' }) useType: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SubscriptionModel' }) commercialModel: string | null;
  @ApiProperty({ example: 'DE' }) territory: string;
  @ApiProperty({ example: '2025-01-01' }) periodStart: string;
  @ApiProperty({ example: '2025-03-31' }) periodEnd: string;
  @ApiProperty({ example: 'making-available' }) category: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '1000' }) usages: string;
  @ApiProperty({ example: '4.56' }) amount: string;
}

export class ReportedDto {
  @ApiProperty({ type: [ReportedTotalDto] }) totals: ReportedTotalDto[];
  @ApiProperty({ type: [ReportedLineDto], description: 'The first 200 lines, in ledger order' }) lines: ReportedLineDto[];
  @ApiProperty({ example: 3 }) linesTotal: number;
}

export class DistributedTotalDto {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '10.00' }) gross: string;
  @ApiProperty({ example: '8.50' }) net: string;
  @ApiProperty({ example: '8.50' }) paidNet: string;
  @ApiProperty({ example: 2 }) lines: number;
}

export class DistributedLineDto {
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty({ example: '2025Q3' }) period: string;
  @ApiProperty({ example: 1 }) lineNo: number;
  @ApiProperty({ example: 'L-1' }) lineId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) rightsHolderId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '00052210040' }) rightsHolderIpi: string | null;
  @ApiProperty({ example: 'Ivanova, Maria' }) rightsHolderName: string;
  @ApiProperty({ example: 'making-available' }) category: string;
  @ApiProperty({ example: 'DE' }) territory: string;
  @ApiProperty({ example: '2025-01-01' }) useFrom: string;
  @ApiProperty({ example: '2025-03-31' }) useTo: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '5.00' }) gross: string;
  @ApiProperty({ example: '4.25' }) net: string;
  @ApiProperty({ example: 'paid' }) status: string;
  @ApiProperty({ nullable: true, type: String, example: '2025-08-01' }) paidOn: string | null;
}

export class DistributedDto {
  @ApiProperty({ type: [DistributedTotalDto] }) totals: DistributedTotalDto[];
  @ApiProperty({ type: [DistributedLineDto], description: 'The first 200 lines, in ledger order' }) lines: DistributedLineDto[];
  @ApiProperty({ example: 2 }) linesTotal: number;
}

export class ShareComparisonDto {
  @ApiProperty({ example: 'performing', description: "The register's right (CWR PR, MR, SR) the lines' categories are compared with" }) right: string;
  @ApiProperty({ nullable: true, type: String, example: 'EUR', description: 'null: nothing was distributed for the right' }) currency: string | null;
  @ApiProperty({ nullable: true, type: String, example: '00052210040', description: 'null: money distributed to nobody identified' }) ipi: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) rightsHolderId: string | null;
  @ApiProperty({ example: 'Ivanova, Maria' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: '50.00', description: 'Percent, from the works register (null: the holder is not registered on the work)' }) registeredShare: string | null;
  @ApiProperty({ nullable: true, type: String, example: '48.00', description: "Percent of the work's distributed gross for the right in the currency (null: nothing distributed)" }) paidShare: string | null;
  @ApiProperty({ example: '4.80' }) gross: string;
  @ApiProperty({ example: '4.08' }) net: string;
  @ApiProperty({ nullable: true, type: String, example: '-2.00' }) differencePoints: string | null;
  @ApiProperty({ nullable: true, type: Boolean, example: false }) withinTolerance: boolean | null;
}

export class WorkMoneyDto {
  @ApiProperty({ format: 'uuid' }) workId: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ nullable: true, type: String, example: 'T0345246801' }) iswc: string | null;
  @ApiProperty({ example: 'Winter Road' }) title: string;
  @ApiProperty({ example: 2025 }) financialYear: number;
  @ApiProperty({ example: '2025-01-01' }) from: string;
  @ApiProperty({ example: '2025-12-31' }) to: string;
  @ApiProperty({ example: '2026-09-30', description: "The year's end plus 9 months (Directive 2014/26/EU Art. 13(1))" }) distributeBy: string;
  @ApiProperty({ type: [String], example: ['USS1Z9900001'], description: "ISRCs of the work's recordings in the register" }) isrcs: string[];
  @ApiProperty({ type: ReportedDto, description: 'DSR lines of the packages of the quarters ending in the year (the licence income collected in it)' }) reported: ReportedDto;
  @ApiProperty({ type: DistributedDto, description: 'Distribution lines for the work (by ISWC) whose use ended in the year or overlaps a period reported in it' }) distributed: DistributedDto;
  @ApiProperty({ example: '0.5' }) tolerancePoints: string;
  @ApiProperty({ type: [ShareComparisonDto] }) shares: ShareComparisonDto[];
}
