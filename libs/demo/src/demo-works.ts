import { sampleCwrLines, type SampleWork } from '../../cwr/src/index.js';
import { makeIswc } from '../../identifiers/src/index.js';
import { csvField } from '../../csv/src/index.js';
import { type DemoHolder, demoRightsHolders } from './demo-data.js';

/**
 * The demo's industry formats (issue 16): the RAO-like society registers a few works with
 * CWR files, a streaming service reports their use in a DDEX DSR file, and the society
 * distributes the money to the works' writers and publishers, so that a work's page shows
 * its registrations, shares and conflicts, and its money from use to payout.
 *
 *  - CWR 1 (2026Q1), from the publisher Melodiya: NWR for four works, each with two of the
 *    demo's writers (by their IPI name numbers) and Melodiya as original publisher; writers
 *    share half of each right, the publisher the other half.
 *  - CWR 2 (2026Q2), from Melodiya: a REV of the third work adding a third writer.
 *  - CWR 3 (2026Q3), from another publisher, Northern Lights: an NWR of the fourth work's
 *    ISWC claiming the same shares, so that the collection shares add up to 200 %: its ACK
 *    says CO (conflict), and the work is flagged.
 *  - DSR (2026Q2, usage in 2026Q1): a Basic Audio Profile report of a streaming service,
 *    its revenue in RUB shared by streams over the first three works (two by ISWC, the third
 *    by the ISRC of its registered recording) and one work nobody registered.
 *  - Distribution lines (2026Q2): the first and third works paid as registered, the second
 *    paid 35/15 to its two writers where the register says 25/25 (the share mismatch).
 * Every file is made here, deterministically; the demo sends them through the real ingest.
 */

/** The society that registers and distributes (DEMO_SOCIETIES key). */
export const DEMO_WORKS_SOCIETY = 'rao';
/** The financial year the money of the demo works is in. */
export const DEMO_WORKS_YEAR = 2026;

export interface DemoWork {
  key: string;
  title: string;
  iswc: string;
  isrc: string;
  submitterWorkNumber: string;
  /** Indexes into demoRightsHolders() of the writers. */
  writers: number[];
}

/** The writers' society on the CWR files (CISAC code of the Russian authors' society). */
const WRITERS_SOCIETY = '088';

function work(k: number, title: string, writers: number[]): DemoWork {
  return {
    key: `W${k}`,
    title,
    iswc: makeIswc(String(347_000_000 + k * 1013).padStart(9, '0')),
    isrc: `RUA0126${String(k).padStart(5, '0')}`,
    submitterWorkNumber: `MEL-2026-${String(k).padStart(3, '0')}`,
    writers,
  };
}

/** The four works (titles in Latin letters, as CWR files are ASCII). */
export const DEMO_WORKS: readonly DemoWork[] = [
  work(1, 'SEVERNAYA REKA', [0, 1]),
  work(2, 'TIKHAYA NOCH', [2, 3]),
  work(3, 'ZOLOTAYA OSEN', [0, 2]),
  work(4, 'VESENNYAYA METEL', [1, 3]),
];

/** The third work's revision adds this writer. */
const REVISION_ADDS = 1;

/** Publishers by index into demoRightsHolders(): Melodiya (the submitter) and Northern Lights (the conflicting one). */
const MELODIYA = 32;
const NORTHERN_LIGHTS = 33;

export interface DemoFile {
  society: string;
  type: 'cwr' | 'dsr' | 'distribution-lines';
  period: string;
  fileName: string;
  content: string;
}

function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toUpperCase();
}

function writerOf(h: DemoHolder, i: number) {
  const [last, first = ''] = h.name.split(', ');
  return { ipNumber: `W${String(i).padStart(5, '0')}`, lastName: ascii(last!), firstName: ascii(first), ipiNameNumber: h.ipi, society: WRITERS_SOCIETY };
}

function publisherOf(h: DemoHolder, ipNumber: string) {
  return { ipNumber, name: ascii(h.name.replace(' (demo)', '')), ipiNameNumber: h.ipi, society: WRITERS_SOCIETY };
}

function sampleOf(w: DemoWork, publisher: ReturnType<typeof publisherOf>, writers: number[], holders: DemoHolder[]): SampleWork {
  return { title: w.title, submitterWorkNumber: w.submitterWorkNumber, iswc: w.iswc, publisher, writers: writers.map((i) => writerOf(holders[i]!, i)) };
}

/** REC record: the ISRC is at positions 250-261 (CWR 2.1 and 2.2). */
const ISRC_FROM = 249;
const ISRC_LENGTH = 12;

/**
 * A CWR 2.2 file of one group, CRLF lines, with each work's own ISRC on its recording (the
 * sample writer numbers recordings by transaction).
 */
function cwrFile(works: readonly { work: DemoWork; sample: SampleWork }[], options: { type: 'NWR' | 'REV'; sender: DemoHolder; date: string }): string {
  const lines: string[] = [];
  let tx = -1;
  for (const line of sampleCwrLines(
    works.map((w) => w.sample),
    { version: '2.2', transactionType: options.type, sender: { ipiNameNumber: options.sender.ipi, name: ascii(options.sender.name.replace(' (demo)', '')) }, creationDate: options.date, creationTime: '10:00:00' },
  )) {
    if (line.startsWith(options.type)) tx++;
    if (line.startsWith('REC')) {
      const isrc = works[tx]!.work.isrc;
      lines.push(line.slice(0, ISRC_FROM) + isrc.padEnd(ISRC_LENGTH) + line.slice(ISRC_FROM + ISRC_LENGTH));
    } else {
      lines.push(line);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The three CWR files, in the order they are sent. */
export function demoCwrFiles(): DemoFile[] {
  const holders = demoRightsHolders();
  const melodiya = publisherOf(holders[MELODIYA]!, 'P00001');
  const northern = publisherOf(holders[NORTHERN_LIGHTS]!, 'NL0001');
  const [w1, w2, w3, w4] = DEMO_WORKS as [DemoWork, DemoWork, DemoWork, DemoWork];
  const registrations = cwrFile(
    [w1, w2, w3, w4].map((w) => ({ work: w, sample: sampleOf(w, melodiya, w.writers, holders) })),
    { type: 'NWR', sender: holders[MELODIYA]!, date: '2026-02-16' },
  );
  const revision = cwrFile([{ work: w3, sample: sampleOf(w3, melodiya, [...w3.writers, REVISION_ADDS], holders) }], {
    type: 'REV',
    sender: holders[MELODIYA]!,
    date: '2026-05-12',
  });
  const conflicting = cwrFile([{ work: w4, sample: { ...sampleOf(w4, northern, w4.writers, holders), submitterWorkNumber: 'NL-77' } }], {
    type: 'NWR',
    sender: holders[NORTHERN_LIGHTS]!,
    date: '2026-08-03',
  });
  return [
    { society: DEMO_WORKS_SOCIETY, type: 'cwr', period: '2026Q1', fileName: 'CW260001MEL_088.V22', content: registrations },
    { society: DEMO_WORKS_SOCIETY, type: 'cwr', period: '2026Q2', fileName: 'CW260002MEL_088.V22', content: revision },
    { society: DEMO_WORKS_SOCIETY, type: 'cwr', period: '2026Q3', fileName: 'CW260001NL_088.V22', content: conflicting },
  ];
}

/** Streams per block of the DSR: the first three works and a work nobody registered. */
const STREAMS = { W1: 4000n, W2: 3000n, W3: 2500n, unregistered: 500n };
/** The summary record's net revenue (RUB) for all the streams above. */
const DSR_REVENUE = '120000.00';

/** A DDEX DSR Basic Audio Profile 1.2 report (tab-separated, LF lines): one summary record, one block per recording. */
export function demoDsrFile(): DemoFile {
  const [w1, w2, w3] = DEMO_WORKS as [DemoWork, DemoWork, DemoWork];
  const holders = demoRightsHolders();
  const composers = (w: DemoWork) => w.writers.map((i) => holders[i]!.name.replace(', ', ' ')).join('|');
  const blocks = [
    { id: 'B1', isrc: w1.isrc, iswc: w1.iswc, title: 'Severnaya reka', composers: composers(w1), streams: STREAMS.W1 },
    { id: 'B2', isrc: w2.isrc, iswc: w2.iswc, title: 'Tikhaya noch', composers: composers(w2), streams: STREAMS.W2 },
    // Reported without an ISWC: found by the ISRC of the recording the CWR file registered.
    { id: 'B3', isrc: w3.isrc, iswc: '', title: 'Zolotaya osen', composers: '', streams: STREAMS.W3 },
    { id: 'B4', isrc: 'RUA012699999', iswc: '', title: 'Neizvestnaya pesnya', composers: '', streams: STREAMS.unregistered },
  ];
  const total = blocks.reduce((a, b) => a + b.streams, 0n);
  const lines = [
    ['HEAD', 'dsrf/1.1.2/1.6/1.0', 'BasicAudioProfile', '1.2', 'STREAMCO-RU-2026Q1', '2026-04-03T07:59:30Z', '1', '1', '2026-01-01', '2026-03-31', 'PADPIDA2013020802I', 'StreamCo (demo)', 'Premium', 'PADPIDA20070627029', 'RAO-like Authors Society (demo)', ''],
    ['#SY01.01', 'SummaryRecordId', 'DistributionChannel', 'DistributionChannelDPID', 'CommercialModel', 'UseType', 'Territory', 'ServiceDescription', 'Usages', 'Subscribers', 'CurrencyOfReporting', 'NetRevenue'],
    ['SY01.01', 'S1', 'StreamCo (demo)', '', 'SubscriptionModel', 'OnDemandStream', 'RU', 'Premium', String(total), '1000', 'RUB', DSR_REVENUE, '', '', ''],
  ];
  let tx = 0;
  for (const b of blocks) {
    lines.push(['RE01', b.id, 'R1', `REL-${b.id}`, '', '', '4006381333931', 'Demo Artist', '', `Demo Album ${b.id}`, '', 'Album', 'Demo Label', '', '']);
    lines.push(['AS02.02', b.id, 'A1', `DSP-${b.id}-A1`, b.isrc, b.title, '', 'Demo Artist', '', 'PT3M30S', 'SoundRecording', b.iswc, b.composers, '', '', '', 'Melodiya Music Publishing', '', '', '', '', '']);
    lines.push(['SU02', b.id, 'S1', `T${++tx}`, '', 'A1', 'true', String(b.streams), '', '']);
  }
  const count = lines.length + 1;
  lines.push(['FOOT', String(count), String(count), '1', String(blocks.length), String(blocks.length)]);
  return {
    society: DEMO_WORKS_SOCIETY,
    type: 'dsr',
    period: '2026Q2',
    fileName: 'DSR_PADPIDA20070627029_PADPIDA2013020802I_Premium_2026-Q1_RU_1of1_20260403T075930.tsv',
    content: `${lines.map((cells) => cells.join('\t')).join('\n')}\n`,
  };
}

/** Minor units written as a decimal string. */
function money(minor: bigint): string {
  return `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
}

/**
 * Gross per party of each paid work, in kopeks: the first and third works as registered
 * (the third after its revision: three writers at 16.66 %, the publisher 50 %), the second
 * 35/15 to its writers where the register gives 25/25.
 */
export const DEMO_WORK_PAYMENTS: readonly { work: string; holder: number; gross: bigint }[] = [
  { work: 'W1', holder: 0, gross: 10_000_00n },
  { work: 'W1', holder: 1, gross: 10_000_00n },
  { work: 'W1', holder: MELODIYA, gross: 20_000_00n },
  { work: 'W2', holder: 2, gross: 10_500_00n },
  { work: 'W2', holder: 3, gross: 4_500_00n },
  { work: 'W2', holder: MELODIYA, gross: 15_000_00n },
  { work: 'W3', holder: 0, gross: 4_000_00n },
  { work: 'W3', holder: 2, gross: 4_000_00n },
  { work: 'W3', holder: 1, gross: 4_000_00n },
  { work: 'W3', holder: MELODIYA, gross: 12_000_00n },
];

/** The RAO-like society's distribution lines of 2026Q2 for the works' use in 2026Q1: fee 15 %, other deductions 2 %, all paid. */
export function demoWorkDistributionFile(): DemoFile {
  const holders = demoRightsHolders();
  const header = 'line_id,rights_holder_ipi,rights_holder_name,work_iswc,work_title,category,use_type,territory,use_from,use_to,currency,gross,management_fee,other_deductions,net,status,paid_on,mandate_basis';
  const rows = DEMO_WORK_PAYMENTS.map((p, n) => {
    const w = DEMO_WORKS.find((x) => x.key === p.work)!;
    const h = holders[p.holder]!;
    const fee = (p.gross * 15n) / 100n;
    const other = (p.gross * 2n) / 100n;
    return [
      `RAO-2026Q2-W${String(n + 1).padStart(3, '0')}`,
      h.ipi,
      csvField(h.name),
      w.iswc,
      csvField(w.title),
      'making-available',
      'online',
      'RU',
      '2026-01-01',
      '2026-03-31',
      'RUB',
      money(p.gross),
      money(fee),
      money(other),
      money(p.gross - fee - other),
      'paid',
      '2026-06-26',
      'non-contractual',
    ].join(',');
  });
  return { society: DEMO_WORKS_SOCIETY, type: 'distribution-lines', period: '2026Q2', fileName: 'distribution-lines-2026Q2.csv', content: [header, ...rows].join('\n') + '\n' };
}

/** Every file of the works demo, in the order it is sent (the CWR files first: the DSR and the lines are matched to the register). */
export function demoWorksFiles(): DemoFile[] {
  return [...demoCwrFiles(), demoDsrFile(), demoWorkDistributionFile()];
}
