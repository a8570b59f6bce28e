import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../libs/auth/src/index.js';
import { Clock } from '../../../../libs/config/src/index.js';
import { LogWitnessingService, ProofsService } from '../../../../libs/ledger/src/index.js';
import { SocietiesService, type Society } from '../../../../libs/registry/src/index.js';
import { PageQueryDto } from '../common/pagination.dto.js';
import { CachedAnswer } from '../common/cached-answer.js';
import { PUBLIC_READER } from '../common/public-reader.js';
import { uuidParam } from '../common/uuid-param.js';

/** Transparency reports stay published at least this many financial years (Directive 2014/26/EU Art. 22(1)). */
export const REPORT_RETENTION_YEARS = 5;

class PublicCheckpointDto {
  @ApiProperty({ description: 'Leaves (committed submissions) in the log', example: 12 }) treeSize: number;
  @ApiProperty({ description: 'Hex RFC 6962 root' }) rootHash: string;
  @ApiProperty({ description: 'When the head was signed (ISO 8601)' }) timestamp: string;
  @ApiProperty({ description: 'The C2SP checkpoint note with the log signature and every cosignature held' }) note: string;
}

class PublicWitnessDto {
  @ApiProperty({ description: "The witness's name in the policy" }) name: string;
  @ApiProperty({ description: 'Its vkey (NAME+HASH+BASE64(0x04‖Ed25519 public key)): checks its cosignature/v1 lines' }) vkey: string;
}

class PublicWitnessingDto {
  @ApiProperty({ description: 'The quorum of the witness policy (a witness or group name, a number, or none)' }) quorum: string;
  @ApiProperty({ type: [String], description: 'Witnesses whose cosignature of this checkpoint the ledger holds' }) cosigners: string[];
  @ApiProperty() quorumMet: boolean;
  @ApiProperty({ description: 'Witnesses are configured and this checkpoint lacks its quorum (yet)' }) behindQuorum: boolean;
  @ApiProperty({ description: 'Largest size whose cosignatures meet the quorum', nullable: true, type: Number }) witnessedSize: number | null;
  @ApiProperty({ type: [String], description: 'Witnesses that refused a checkpoint of this log as inconsistent (an alarm)' }) alarms: string[];
  @ApiProperty({ description: "The policy's witnesses (LOG_WITNESSES): name and vkey, to check the cosignatures", type: [PublicWitnessDto] })
  witnesses: PublicWitnessDto[];
}

class PublicReportLinkDto {
  @ApiProperty({ example: 2025 }) financialYear: number;
  @ApiProperty({ description: 'GET without a token; &format=csv or &format=pdf for the other formats' }) url: string;
}

class PublicSocietyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() cisacCode: string;
  @ApiProperty() country: string;
  @ApiProperty({ description: 'ISO 4217: the currency its reports are in' }) currency: string;
  @ApiProperty({ description: 'Month (1-12) its financial year ends in' }) fyEndMonth: number;
  @ApiProperty({ description: 'Day of the month its financial year ends on' }) fyEndDay: number;
  @ApiProperty({ type: PublicCheckpointDto }) checkpoint: PublicCheckpointDto;
  @ApiProperty({ type: PublicWitnessingDto }) witnessing: PublicWitnessingDto;
  @ApiProperty({ description: 'Tiles of the log (c2sp.org/tlog-tiles): <prefix>/checkpoint, <prefix>/tile/…' }) tilesPrefix: string;
  @ApiProperty({ type: [PublicReportLinkDto], description: `The transparency reports of the current financial year and the ${REPORT_RETENTION_YEARS} before it` })
  transparencyReports: PublicReportLinkDto[];
}

class PublicSocietiesDto {
  @ApiProperty({ type: [PublicSocietyDto] }) items: PublicSocietyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/**
 * What anyone may read without a token (Art. 22: published to the world): every society
 * with its latest checkpoint, who cosigned it, and links to its transparency reports.
 */
@ApiTags('public')
@Controller('v1/public')
export class PublicController {
  constructor(
    private readonly societies: SocietiesService,
    private readonly proofs: ProofsService,
    private readonly witnessing: LogWitnessingService,
    private readonly clock: Clock,
  ) {}

  @Get('societies')
  @Public()
  @CachedAnswer({ societies: 'all' })
  @ApiOperation({ summary: 'Every society with its latest checkpoint, its cosigners and its transparency reports. Public: no token (rate-limited per address)' })
  @ApiOkResponse({ type: PublicSocietiesDto })
  async list(@Query() q: PageQueryDto): Promise<PublicSocietiesDto> {
    const page = await this.societies.list(PUBLIC_READER, q.limit ?? 50, q.cursor);
    const items: PublicSocietyDto[] = [];
    for (const s of page.items) items.push(await this.describe(s));
    return { items, nextCursor: page.nextCursor };
  }

  @Get('societies/:id')
  @Public()
  @CachedAnswer({ societies: ({ params }) => [params.id] })
  @ApiOperation({
    summary: "One society's public facts (name, codes, currency, financial year end), its latest checkpoint, its cosigners and its transparency reports. Public: no token (rate-limited per address)",
  })
  @ApiOkResponse({ type: PublicSocietyDto })
  async one(@Param('id', uuidParam('id')) id: string): Promise<PublicSocietyDto> {
    return this.describe(await this.societies.get(PUBLIC_READER, id));
  }

  private async describe(s: Society): Promise<PublicSocietyDto> {
    const year = this.clock.now().getUTCFullYear();
    const head = await this.proofs.head(PUBLIC_READER, s.id);
    const status = await this.witnessing.status(s.id);
    return {
      id: s.id,
      name: s.name,
      cisacCode: s.cisacCode,
      country: s.country,
      currency: s.currency,
      fyEndMonth: s.fyEndMonth,
      fyEndDay: s.fyEndDay,
      checkpoint: { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, note: await this.witnessing.cosignedCheckpoint(s.id, head) },
      witnessing: {
        quorum: status.quorum,
        cosigners: status.cosigners,
        quorumMet: status.quorumMet,
        behindQuorum: status.behindQuorum,
        witnessedSize: status.witnessedSize,
        alarms: status.witnesses.filter((w) => w.alarm).map((w) => w.witness),
        witnesses: status.witnesses.map((w) => ({ name: w.witness, vkey: w.vkey })),
      },
      tilesPrefix: `/logs/${s.id}`,
      transparencyReports: Array.from({ length: REPORT_RETENTION_YEARS + 1 }, (_, i) => year - i).map((fy) => ({
        financialYear: fy,
        url: `/v1/societies/${s.id}/transparency-report?financialYear=${fy}`,
      })),
    };
  }
}
