/**
 * Valid CWR files made in memory, for demo data, tests and the benchmark: one NWR (or
 * REV) per work with one original publisher and its territory, writers with theirs and
 * the PWR links, an alternate title, a performer and a recording. Shares add up to
 * 100 % per right and per territory; IPI name numbers and ISWCs carry their check digits.
 * Lines are produced one at a time (a generator), so a file of any size can be streamed.
 */
import { makeIpi, makeIswc } from '../../identifiers/src/index.js';
import type { CwrVersion } from './layouts.js';
import { type CwrRecord, NO_BLANKS, formatRecord } from './records.js';

export interface SampleWork {
  readonly title: string;
  readonly submitterWorkNumber: string;
  readonly iswc?: string | null;
  readonly publisher: { readonly ipNumber: string; readonly name: string; readonly ipiNameNumber: string; readonly society: string };
  readonly writers: readonly { readonly ipNumber: string; readonly lastName: string; readonly firstName: string; readonly ipiNameNumber: string; readonly society: string }[];
}

export interface SampleFileOptions {
  readonly version?: CwrVersion;
  /** Transaction type of the one group (default NWR). */
  readonly transactionType?: 'NWR' | 'REV';
  readonly sender?: { readonly ipiNameNumber: string; readonly name: string };
  readonly creationDate?: string;
  readonly creationTime?: string;
}

function rec(type: string, tx: number | null, seq: number | null, fields: CwrRecord['fields']): CwrRecord {
  return { type, line: 0, transactionSequence: tx, recordSequence: seq, fields, blank: NO_BLANKS, text: null };
}

/** Shares in hundredths of a percent written as the decimal string CWR fields hold. */
function pct(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** The records of one work transaction (header first). */
export function sampleWorkRecords(work: SampleWork, transactionSequence: number, type: 'NWR' | 'REV' = 'NWR', version: CwrVersion = '2.2'): CwrRecord[] {
  const tx = transactionSequence;
  let seq = 0;
  const next = () => ++seq;
  const n = work.writers.length;
  // Writers share half of each right equally; the publisher owns the other half (PR at most 50 %).
  const each = Math.floor(5000 / n);
  const publisherShare = 10000 - each * n;
  const records: CwrRecord[] = [
    rec(type, tx, 0, {
      title: work.title,
      language: 'EN',
      submitterWorkNumber: work.submitterWorkNumber,
      iswc: work.iswc ?? '',
      copyrightDate: null,
      distributionCategory: 'POP',
      duration: '00:03:30',
      recorded: 'Y',
      textMusicRelationship: 'MTX',
      versionType: 'ORI',
      grandRights: 'N',
      compositeComponentCount: 0,
      exceptionalClause: 'N',
      priority: 'N',
    }),
    rec('SPU', tx, next(), {
      publisherSequence: 1,
      ipNumber: work.publisher.ipNumber,
      name: work.publisher.name,
      publisherType: 'E',
      ipiNameNumber: work.publisher.ipiNameNumber,
      prSociety: work.publisher.society,
      prShare: pct(Math.min(publisherShare, 5000)),
      mrSociety: work.publisher.society,
      mrShare: pct(publisherShare),
      srSociety: work.publisher.society,
      srShare: pct(publisherShare),
      firstRecordingRefusal: 'N',
    }),
    rec('SPT', tx, next(), {
      ipNumber: work.publisher.ipNumber,
      prCollection: pct(Math.min(publisherShare, 5000)),
      mrCollection: pct(publisherShare),
      srCollection: pct(publisherShare),
      inclusion: 'I',
      tis: '2136',
      sharesChange: 'N',
      sequence: 1,
    }),
  ];
  for (const w of work.writers) {
    records.push(
      rec('SWR', tx, next(), {
        ipNumber: w.ipNumber,
        lastName: w.lastName,
        firstName: w.firstName,
        designation: 'CA',
        ipiNameNumber: w.ipiNameNumber,
        prSociety: w.society,
        prShare: pct(each),
        mrSociety: w.society,
        mrShare: pct(each),
        srSociety: w.society,
        srShare: pct(each),
        firstRecordingRefusal: 'N',
      }),
      rec('SWT', tx, next(), { ipNumber: w.ipNumber, prCollection: pct(each), mrCollection: pct(each), srCollection: pct(each), inclusion: 'I', tis: '2136', sharesChange: 'N', sequence: 1 }),
      rec('PWR', tx, next(), {
        publisherIpNumber: work.publisher.ipNumber,
        publisherName: work.publisher.name,
        writerIpNumber: w.ipNumber,
        ...(version === '2.2' ? { publisherSequence: 1 } : {}),
      }),
    );
  }
  records.push(
    rec('ALT', tx, next(), { title: `${work.title} (RADIO EDIT)`, titleType: 'AT', language: '' }),
    rec('PER', tx, next(), { lastName: 'THE SAMPLE BAND', firstName: '', ipiNameNumber: '', ipiBaseNumber: '' }),
    rec('REC', tx, next(), {
      releaseDate: '2024-05-17',
      releaseDuration: '00:03:30',
      albumTitle: 'SAMPLES',
      albumLabel: 'SAMPLE RECORDS',
      isrc: `GBAAA24${String(tx % 100000).padStart(5, '0')}`,
      recordingFormat: 'A',
      recordingTechnique: 'D',
      ...(version === '2.2' ? { recordingTitle: work.title, isrcValidity: 'Y' } : {}),
    }),
  );
  return records;
}

/** The n-th demo work of a sample file (deterministic). */
export function sampleWork(n: number): SampleWork {
  const id = String(n).padStart(7, '0');
  return {
    title: `SAMPLE WORK ${n}`,
    submitterWorkNumber: `SW${id}`,
    iswc: makeIswc(String(100000000 + (n % 900000000)).padStart(9, '0')),
    publisher: { ipNumber: 'P000001', name: 'SAMPLE MUSIC PUBLISHING', ipiNameNumber: makeIpi('002345678'), society: '052' },
    writers: [
      { ipNumber: `W${String((n * 2) % 1000000).padStart(6, '0')}`, lastName: 'SMITH', firstName: `ANNA ${n % 97}`, ipiNameNumber: makeIpi(String(300000000 + (n % 600000000))), society: '052' },
      { ipNumber: `W${String((n * 2 + 1) % 1000000).padStart(6, '0')}`, lastName: 'IVANOV', firstName: 'PETR', ipiNameNumber: makeIpi(String(200000000 + (n % 700000000))), society: '088' },
    ],
  };
}

/**
 * A whole CWR file, line by line (no end-of-line): HDR, one group of `works` NWR (or REV)
 * transactions, GRT, TRL with correct counts.
 */
export function* sampleCwrLines(works: number | Iterable<SampleWork>, options: SampleFileOptions = {}): Generator<string> {
  const version = options.version ?? '2.2';
  const type = options.transactionType ?? 'NWR';
  const sender = options.sender ?? { ipiNameNumber: makeIpi('002345678'), name: 'SAMPLE MUSIC PUBLISHING' };
  const hdr = rec('HDR', null, null, {
    senderType: sender.ipiNameNumber.slice(0, 2) === '00' ? 'PB' : sender.ipiNameNumber.slice(0, 2),
    senderId: sender.ipiNameNumber.slice(2),
    senderName: sender.name,
    ediVersion: '01.10',
    creationDate: options.creationDate ?? '2026-01-15',
    creationTime: options.creationTime ?? '12:00:00',
    transmissionDate: options.creationDate ?? '2026-01-15',
    characterSet: '',
    ...(version === '2.2' ? { version: '2.2', revision: '002', softwarePackage: 'COLLECTIVE LEDGER', softwarePackageVersion: '1' } : {}),
  });
  yield formatRecord(hdr, version);
  yield formatRecord(rec('GRH', null, null, { transactionType: type, groupId: 1, versionNumber: version === '2.2' ? '02.20' : '02.10', batchRequest: null, submissionDistributionType: '' }), version);
  let records = 2;
  let transactions = 0;
  const list: Iterable<SampleWork> = typeof works === 'number' ? (function* () { for (let i = 1; i <= works; i++) yield sampleWork(i); })() : works;
  for (const work of list) {
    for (const r of sampleWorkRecords(work, transactions, type, version)) {
      records++;
      yield formatRecord(r, version);
    }
    transactions++;
  }
  records++;
  yield formatRecord(rec('GRT', null, null, { groupId: 1, transactionCount: transactions, recordCount: records - 1, currency: '', monetaryValue: '' }), version);
  records++;
  yield formatRecord(rec('TRL', null, null, { groupCount: 1, transactionCount: transactions, recordCount: records }), version);
}
