import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { AUDIT_STATUSES, FINANCIAL_YEAR_RANGE, RULE_IDS, SEVERITIES } from '../../../../../libs/audit/src/index.js';
import { PageQueryDto } from '../../common/pagination.dto.js';

export class CreateAuditDto {
  @ApiProperty({ format: 'uuid', description: 'The society to audit (a society credential may only audit itself)' })
  @IsUUID('all', { message: 'must be a UUID' })
  societyId: string;

  @ApiProperty({ example: 2025, minimum: FINANCIAL_YEAR_RANGE.min, maximum: FINANCIAL_YEAR_RANGE.max, description: "The financial year, named after the calendar year it ends in (the society's fyEndMonth/fyEndDay)" })
  @IsInt({ message: 'must be a whole number (YYYY)' }) @Min(FINANCIAL_YEAR_RANGE.min) @Max(FINANCIAL_YEAR_RANGE.max)
  financialYear: number;

  @ApiPropertyOptional({ type: [String], enum: RULE_IDS, description: 'Rule ids to run (default: every rule of the catalogue, GET /v1/audit-rules)' })
  @IsOptional() @IsArray({ message: 'must be a list of rule ids' }) @ArrayMaxSize(RULE_IDS.length * 2) @IsString({ each: true, message: 'must list rule ids (strings)' })
  rules?: string[];
}

export class PinnedHeadDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ example: '901' }) cisacCode: string;
  @ApiProperty({ description: "Leaves of the society's log the audit read (0: empty log)" }) treeSize: number;
  @ApiProperty({ nullable: true, type: String, description: 'Root hash, hex' }) rootHash: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the head was signed' }) timestamp: string | null;
  @ApiProperty({ nullable: true, type: String }) origin: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Ed25519 signature, base64' }) signature: string | null;
  @ApiProperty({ nullable: true, type: String }) keyId: string | null;
}

export class FindingDto {
  @ApiProperty({ example: 'payout.distribution-deadline' }) rule: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'Directive 2014/26/EU Art. 13(1)' }) source: string;
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ description: 'The verdict in a sentence or two' }) details: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the verdict rests on: amounts (decimal strings), line ids with their submission, period and line number, dates' })
  evidence: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Figures the overview and charts use' }) metrics: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The rule's parameters as applied (the jurisdiction's, else the defaults)" }) parameters: Record<string, unknown>;
}

export class SummaryDto {
  @ApiProperty() rules: number;
  @ApiProperty() passed: number;
  @ApiProperty() failed: number;
  @ApiProperty({ example: { high: 1, medium: 0, low: 0 } }) failedBySeverity: Record<string, number>;
}

export class AuditDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty({ example: 2025 }) financialYear: number;
  @ApiProperty({ type: [String] }) rules: string[];
  @ApiProperty({ enum: AUDIT_STATUSES }) status: string;
  @ApiProperty({ type: [PinnedHeadDto], nullable: true, description: "The signed heads the audit is pinned to, captured when it started (null while queued): every society's for regulators and admins, only the audited society's own for a society" })
  heads: PinnedHeadDto[] | null;
  @ApiProperty({ type: [FindingDto], description: 'One per rule once done (empty before)' }) findings: FindingDto[];
  @ApiProperty({ type: SummaryDto, nullable: true }) summary: SummaryDto | null;
  @ApiProperty({ nullable: true, type: String, description: "SHA-256 (hex) of the report's canonical JSON (report.json)" }) reportSha256: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why a failed audit failed' }) error: string | null;
}

export class OverviewQueryDto {
  @ApiProperty({ example: 2025, description: 'The financial year (required), named after the calendar year it ends in' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number (YYYY)' }) @Min(FINANCIAL_YEAR_RANGE.min) @Max(FINANCIAL_YEAR_RANGE.max)
  financialYear?: number;
}

export class OverviewBoardGapDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Seats the most under-represented constituency lacks' }) maxShortfall: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Gallagher index of the actual board against the money shares' }) gallagher: string | null;
}

export class OverviewFindingsDto {
  @ApiProperty() failed: number;
  @ApiProperty() high: number;
  @ApiProperty() medium: number;
  @ApiProperty() low: number;
  @ApiProperty({ type: [String], description: 'The rules that failed' }) rules: string[];
}

export class OverviewAuditDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() finishedAt: string;
  @ApiProperty() failed: number;
  @ApiProperty() reportSha256: string;
}

export class OverviewPeriodDto {
  @ApiProperty({ example: '2025-01-01', description: 'First day of the financial year' }) from: string;
  @ApiProperty({ example: '2025-12-31', description: 'Last day of the financial year' }) to: string;
}

export class OverviewTrendPointDto {
  @ApiProperty({ example: 2025 }) financialYear: number;
  @ApiProperty({ nullable: true, type: String, example: '12.50', description: 'Declared non-contractual share of the gross (the society\'s label), percent; null: no lines' }) declaredPercent: string | null;
  @ApiProperty({ nullable: true, type: String, example: '31.20', description: 'Verified share (the mandate register when each package committed), percent; null: no lines' }) verifiedPercent: string | null;
}

export class OverviewBoardConflictsDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Board members seated in the year (governance.board-declarations)' }) members: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Of them, with a declaration for the year (Art. 10(2))' }) declared: number | null;
  @ApiProperty({ nullable: true, type: Number }) missingDeclarations: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Declarations leaving out money the ledger paid the member as a rights holder' }) understatedDeclarations: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Members' organisations matched among the licensees (governance.board-member-licensee)" }) licenseeMatches: number | null;
  @ApiProperty({ nullable: true, type: String, example: '7.50', description: "Management-fee rate of board members' lines, percent (governance.board-self-dealing)" }) boardFeeRatePercent: string | null;
  @ApiProperty({ nullable: true, type: String, example: '15.00', description: "Everyone else's, percent" }) othersFeeRatePercent: string | null;
}

export class OverviewWitnessingDto {
  @ApiProperty({ description: 'False when no witness is configured (LOG_WITNESSES unset): the rest is then not checked' }) configured: boolean;
  @ApiProperty({ description: 'The quorum of the witness policy (a witness or group name, a number, or none)' }) quorum: string;
  @ApiProperty({ description: "The log's latest head now (it may be past the pinned one)" }) treeSize: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Largest head whose cosignatures meet the quorum' }) witnessedSize: number | null;
  @ApiProperty({ description: 'Witnesses are configured and the latest head lacks its quorum of cosignatures' }) behindQuorum: boolean;
  @ApiProperty({ type: [String], description: 'Witnesses whose cosignature of the latest head the ledger holds' }) cosigners: string[];
  @ApiProperty({ type: [String], description: 'Witnesses in alarm for this log (a checkpoint refused as inconsistent), not cleared' }) alarms: string[];
}

export class OverviewRowDto {
  @ApiProperty({ format: 'uuid' }) societyId: string;
  @ApiProperty() name: string;
  @ApiProperty() cisacCode: string;
  @ApiProperty() country: string;
  @ApiProperty() currency: string;
  @ApiProperty({ type: OverviewPeriodDto }) period: OverviewPeriodDto;
  @ApiProperty() treeSize: number;
  @ApiProperty({ nullable: true, type: String }) rootHash: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Management costs, percent of income' }) costRatioPercent: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "Days after the year end by which half the year's money was paid" }) medianDelayDays: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Undistributed amounts reported in the year, percent of its income' }) undistributedSharePercent: string | null;
  @ApiProperty({ nullable: true, type: String, description: "Net attributed to identified rights holders but not paid yet, as a percent of the net money attributed for uses in the year, in the society's currency (payout.outstanding)" }) unpaidSharePercent: string | null;
  @ApiProperty({ type: OverviewBoardGapDto }) boardGap: OverviewBoardGapDto;
  @ApiProperty({ nullable: true, type: String, description: "Gross of the year's lines declared non-contractual, percent (the society's label)" }) nonContractualSharePercent: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The same as the mandate register says (derived when each package committed): the share the cap judges' }) verifiedNonContractualSharePercent: string | null;
  @ApiProperty({ type: [OverviewTrendPointDto], description: 'Declared and verified non-contractual shares, the financial year and the four before it, oldest first' }) nonContractualTrend: OverviewTrendPointDto[];
  @ApiProperty({ type: OverviewBoardConflictsDto, description: 'Conflicts of interest on the board (issue 18)' }) boardConflicts: OverviewBoardConflictsDto;
  @ApiProperty({ type: OverviewWitnessingDto, description: "The society's log as its witnesses see it now (as /health's witnesses entry): behind its quorum, alarms" }) witnessing: OverviewWitnessingDto;
  @ApiProperty({ type: OverviewFindingsDto }) findings: OverviewFindingsDto;
  @ApiProperty({ type: OverviewAuditDto, nullable: true, description: 'The latest finished audit of the society for the year' }) latestAudit: OverviewAuditDto | null;
  @ApiProperty({ nullable: true, type: String, description: "Why the society could not be audited (e.g. its jurisdiction's parameters are unusable)" }) error: string | null;
}

export class RegulatorOverviewDto {
  @ApiProperty() financialYear: number;
  @ApiProperty({ nullable: true, type: String, description: 'Deadlines were judged on this day: the date of the latest signed head' }) asOf: string | null;
  @ApiProperty({ nullable: true, type: String }) pinnedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Median management-cost ratio of the societies with income' }) peerMedianCostRatioPercent: string | null;
  @ApiProperty({ type: [OverviewRowDto] }) societies: OverviewRowDto[];
}

export class AuditListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the audits of this society' }) @IsOptional() @IsUUID()
  societyId?: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditDto] }) items: AuditDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
