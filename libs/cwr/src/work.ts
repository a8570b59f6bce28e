/**
 * The works view of a transaction: what a works register keeps of an NWR/REV/ISW/EXC
 * (the work, its ISWC and titles, writers and publishers by IPI, ownership shares per
 * right and collection shares per right and territory), and of an ACK (status and
 * messages). Records rejected by an RR edit are left out; FR defaults are in.
 */
import type { CwrRecord, CwrValue } from './records.js';
import type { CwrTransaction } from './reader.js';
import { tisEntry } from './tis.js';
import type { Right } from './validate-transaction.js';

/** A share in percent as an exact decimal string ("33.33"), never a JS number. */
export type Share = string;

export interface CwrOwnership {
  /** CISAC society code (3 digits) or null. */
  readonly society: string | null;
  readonly share: Share;
}

export interface CwrCollection {
  readonly line: number;
  readonly recordType: string;
  /** TIS numeric code (4 digits) and its name. */
  readonly tis: string;
  readonly territory: string | null;
  readonly include: boolean;
  readonly shares: Readonly<Record<Right, Share>>;
  readonly sharesChange: boolean | null;
  readonly controlled: boolean;
}

export interface CwrPublisher {
  readonly line: number;
  readonly recordType: 'SPU' | 'OPU';
  readonly controlled: boolean;
  /** Publisher sequence #: the chain (original publisher and its administrators / sub-publishers). */
  readonly chain: number | null;
  readonly ipNumber: string;
  readonly name: string;
  /** E original, AQ acquirer, AM administrator, PA income participant, SE sub-publisher, ES substituted. */
  readonly publisherType: string;
  readonly ipiNameNumber: string | null;
  readonly ipiBaseNumber: string | null;
  readonly ownership: Readonly<Record<Right, CwrOwnership>>;
  readonly territories: readonly CwrCollection[];
  readonly submitterAgreementNumber: string | null;
  readonly societyAgreementNumber: string | null;
}

export interface CwrWriter {
  readonly line: number;
  readonly recordType: 'SWR' | 'OWR';
  readonly controlled: boolean;
  readonly ipNumber: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly unknown: boolean;
  /** CA, C, A, AR, AD, SR, SA, TR, PA. */
  readonly designation: string;
  readonly ipiNameNumber: string | null;
  readonly ipiBaseNumber: string | null;
  readonly ownership: Readonly<Record<Right, CwrOwnership>>;
  readonly territories: readonly CwrCollection[];
  /** The publishers named for this writer (PWR). */
  readonly publishers: readonly { readonly line: number; readonly chain: number | null; readonly ipNumber: string; readonly name: string }[];
}

export interface CwrWork {
  readonly transactionType: string;
  readonly line: number;
  readonly title: string;
  readonly language: string | null;
  readonly submitterWorkNumber: string;
  /** T + 10 digits, or null. */
  readonly iswc: string | null;
  readonly copyrightDate: string | null;
  readonly distributionCategory: string;
  readonly duration: string | null;
  readonly versionType: string;
  readonly workType: string | null;
  readonly recorded: string | null;
  readonly alternateTitles: readonly { readonly line: number; readonly title: string; readonly titleType: string; readonly language: string | null }[];
  readonly publishers: readonly CwrPublisher[];
  readonly writers: readonly CwrWriter[];
  readonly performers: readonly { readonly line: number; readonly lastName: string; readonly firstName: string; readonly ipiNameNumber: string | null }[];
  readonly recordings: readonly { readonly line: number; readonly isrc: string | null; readonly releaseDate: string | null; readonly albumTitle: string | null; readonly recordingTitle: string | null; readonly label: string | null }[];
  readonly origins: readonly { readonly line: number; readonly intendedPurpose: string; readonly productionTitle: string | null; readonly library: string | null; readonly cdIdentifier: string | null }[];
}

export interface CwrAck {
  readonly line: number;
  readonly creationDate: string | null;
  readonly creationTime: string | null;
  readonly originalGroupId: number | null;
  readonly originalTransactionSequence: number | null;
  readonly originalTransactionType: string;
  readonly title: string;
  readonly submitterWorkNumber: string;
  readonly recipientWorkNumber: string | null;
  readonly processingDate: string | null;
  readonly status: string;
  readonly messages: readonly {
    readonly line: number;
    readonly messageType: string;
    readonly originalRecordSequence: number | null;
    readonly recordType: string;
    readonly messageLevel: string;
    readonly validationNumber: string;
    readonly text: string;
  }[];
  /** The work as the society echoed it, when it did. */
  readonly work: CwrWork | null;
  /** The existing work in conflict (EXC), when given. */
  readonly conflict: CwrWork | null;
}

const str = (r: CwrRecord, f: string): string => {
  const v = r.fields[f];
  return typeof v === 'string' ? v.trim() : '';
};
const opt = (r: CwrRecord, f: string): string | null => str(r, f) || null;
const shareOf = (v: CwrValue | undefined): Share => (typeof v === 'string' && v !== '' ? v : '0.00');
const zeroIsNull = (v: string | null) => (v && /^0+$/.test(v) ? null : v);

function ownership(r: CwrRecord): Record<Right, CwrOwnership> {
  return {
    PR: { society: opt(r, 'prSociety'), share: shareOf(r.fields.prShare) },
    MR: { society: opt(r, 'mrSociety'), share: shareOf(r.fields.mrShare) },
    SR: { society: opt(r, 'srSociety'), share: shareOf(r.fields.srShare) },
  };
}

function collection(r: CwrRecord): CwrCollection {
  const tis = str(r, 'tis');
  return {
    line: r.line,
    recordType: r.type,
    tis,
    territory: tisEntry(tis)?.name ?? null,
    include: r.fields.inclusion === 'I',
    shares: { PR: shareOf(r.fields.prCollection), MR: shareOf(r.fields.mrCollection), SR: shareOf(r.fields.srCollection) },
    sharesChange: r.fields.sharesChange === 'Y' ? true : r.fields.sharesChange === 'N' ? false : null,
    controlled: r.type === 'SPT' || r.type === 'SWT',
  };
}

/** The work of a work transaction (NWR, REV, ISW, EXC), from its header on; null for other types. */
export function workOfRecords(records: readonly CwrRecord[]): CwrWork | null {
  const header = records[0];
  if (!header || !['NWR', 'REV', 'ISW', 'EXC'].includes(header.type)) return null;
  const publishers: (CwrPublisher & { territories: CwrCollection[] })[] = [];
  const writers: (CwrWriter & { territories: CwrCollection[]; publishers: CwrWriter['publishers'][number][] })[] = [];
  const alternateTitles: CwrWork['alternateTitles'][number][] = [];
  const performers: CwrWork['performers'][number][] = [];
  const recordings: CwrWork['recordings'][number][] = [];
  const origins: CwrWork['origins'][number][] = [];
  let party: { territories: CwrCollection[] } | null = null;
  let writer: (typeof writers)[number] | null = null;
  for (const r of records.slice(1)) {
    if (r.rejected) continue;
    switch (r.type) {
      case 'SPU':
      case 'OPU': {
        const p = {
          line: r.line,
          recordType: r.type,
          controlled: r.type === 'SPU',
          chain: typeof r.fields.publisherSequence === 'number' ? r.fields.publisherSequence : null,
          ipNumber: str(r, 'ipNumber'),
          name: str(r, 'name'),
          publisherType: str(r, 'publisherType'),
          ipiNameNumber: zeroIsNull(opt(r, 'ipiNameNumber')),
          ipiBaseNumber: opt(r, 'ipiBaseNumber'),
          ownership: ownership(r),
          territories: [] as CwrCollection[],
          submitterAgreementNumber: opt(r, 'submitterAgreementNumber'),
          societyAgreementNumber: opt(r, 'societyAgreementNumber'),
        } satisfies CwrPublisher;
        publishers.push(p);
        party = p;
        writer = null;
        break;
      }
      case 'SWR':
      case 'OWR': {
        const w = {
          line: r.line,
          recordType: r.type,
          controlled: r.type === 'SWR',
          ipNumber: str(r, 'ipNumber'),
          lastName: str(r, 'lastName'),
          firstName: str(r, 'firstName'),
          unknown: r.fields.unknown === 'Y',
          designation: str(r, 'designation'),
          ipiNameNumber: zeroIsNull(opt(r, 'ipiNameNumber')),
          ipiBaseNumber: opt(r, 'ipiBaseNumber'),
          ownership: ownership(r),
          territories: [] as CwrCollection[],
          publishers: [] as CwrWriter['publishers'][number][],
        } satisfies CwrWriter;
        writers.push(w);
        party = w;
        writer = w;
        break;
      }
      case 'SPT':
      case 'OPT':
      case 'SWT':
      case 'OWT':
        party?.territories.push(collection(r));
        break;
      case 'PWR':
        writer?.publishers.push({
          line: r.line,
          chain: typeof r.fields.publisherSequence === 'number' ? r.fields.publisherSequence : null,
          ipNumber: str(r, 'publisherIpNumber'),
          name: str(r, 'publisherName'),
        });
        break;
      case 'ALT':
        alternateTitles.push({ line: r.line, title: str(r, 'title'), titleType: str(r, 'titleType'), language: opt(r, 'language') });
        break;
      case 'PER':
        performers.push({ line: r.line, lastName: str(r, 'lastName'), firstName: str(r, 'firstName'), ipiNameNumber: zeroIsNull(opt(r, 'ipiNameNumber')) });
        break;
      case 'REC':
        recordings.push({
          line: r.line,
          isrc: opt(r, 'isrc'),
          releaseDate: typeof r.fields.releaseDate === 'string' ? r.fields.releaseDate : null,
          albumTitle: opt(r, 'albumTitle'),
          recordingTitle: opt(r, 'recordingTitle'),
          label: opt(r, 'albumLabel') ?? opt(r, 'recordLabel'),
        });
        break;
      case 'ORN':
        origins.push({ line: r.line, intendedPurpose: str(r, 'intendedPurpose'), productionTitle: opt(r, 'productionTitle'), library: opt(r, 'library'), cdIdentifier: opt(r, 'cdIdentifier') });
        break;
      case 'NPN':
      case 'NWN':
        break;
      default:
        party = null;
        writer = null;
    }
  }
  return {
    transactionType: header.type,
    line: header.line,
    title: str(header, 'title'),
    language: opt(header, 'language'),
    submitterWorkNumber: str(header, 'submitterWorkNumber'),
    iswc: opt(header, 'iswc'),
    copyrightDate: typeof header.fields.copyrightDate === 'string' ? header.fields.copyrightDate : null,
    distributionCategory: str(header, 'distributionCategory'),
    duration: typeof header.fields.duration === 'string' ? header.fields.duration : null,
    versionType: str(header, 'versionType'),
    workType: opt(header, 'workType'),
    recorded: opt(header, 'recorded'),
    alternateTitles,
    publishers,
    writers,
    performers,
    recordings,
    origins,
  };
}

/** The work of a work transaction, or of the NWR/REV an ACK carries. */
export function workOf(transaction: CwrTransaction): CwrWork | null {
  if (transaction.type !== 'ACK') return workOfRecords(transaction.records);
  return ackOf(transaction)?.work ?? null;
}

/** What a society's ACK transaction says. */
export function ackOf(transaction: CwrTransaction): CwrAck | null {
  const ack = transaction.records[0];
  if (!ack || ack.type !== 'ACK') return null;
  const messages = transaction.records
    .filter((r) => r.type === 'MSG')
    .map((r) => ({
      line: r.line,
      messageType: str(r, 'messageType'),
      originalRecordSequence: typeof r.fields.originalRecordSequence === 'number' ? r.fields.originalRecordSequence : null,
      recordType: str(r, 'recordType'),
      messageLevel: str(r, 'messageLevel'),
      validationNumber: str(r, 'validationNumber'),
      text: str(r, 'messageText'),
    }));
  const start = transaction.records.findIndex((r) => r.type === 'NWR' || r.type === 'REV');
  const exc = transaction.records.findIndex((r) => r.type === 'EXC');
  const work = start > 0 ? workOfRecords(transaction.records.slice(start, exc > start ? exc : undefined).filter((r) => r.type !== 'MSG')) : null;
  const conflict = exc > 0 ? workOfRecords(transaction.records.slice(exc).filter((r) => r.type !== 'MSG')) : null;
  return {
    line: ack.line,
    creationDate: typeof ack.fields.creationDate === 'string' ? ack.fields.creationDate : null,
    creationTime: typeof ack.fields.creationTime === 'string' ? ack.fields.creationTime : null,
    originalGroupId: typeof ack.fields.originalGroupId === 'number' ? ack.fields.originalGroupId : null,
    originalTransactionSequence: typeof ack.fields.originalTransactionSequence === 'number' ? ack.fields.originalTransactionSequence : null,
    originalTransactionType: str(ack, 'originalTransactionType'),
    title: str(ack, 'creationTitle'),
    submitterWorkNumber: str(ack, 'submitterCreationNumber'),
    recipientWorkNumber: opt(ack, 'recipientCreationNumber'),
    processingDate: typeof ack.fields.processingDate === 'string' ? ack.fields.processingDate : null,
    status: str(ack, 'transactionStatus'),
    messages,
    work,
    conflict,
  };
}
