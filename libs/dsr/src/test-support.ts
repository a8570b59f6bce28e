/**
 * Builders of small DSR reports for the unit tests and the benchmark: a Basic Audio
 * Profile 1.2-style report (SY01.01, RE01, AS02.02, SU02) whose FOOT counts are computed
 * from what is written, so a test changes one thing at a time.
 */

export interface BapOptions {
  readonly messageId?: string;
  readonly fileNumber?: number;
  readonly numberOfFiles?: number;
  /** Summary records: id, territory, currency, usages, net revenue. */
  readonly summaries?: readonly { id: string; territory?: string; currency?: string; usages: string; revenue: string }[];
  /** Blocks: id and sales (summary id, streams). Each block has one release and one resource with a work. */
  readonly blocks?: readonly { id: string; sales: readonly { summary: string; streams: string }[]; iswc?: string; isrc?: string; title?: string; composers?: string }[];
  /** Extra lines after the summary records (e.g. a heading). */
  readonly headings?: boolean;
  /** Overrides of FOOT cells; `null` leaves a cell empty. */
  readonly foot?: Partial<Record<'linesInFile' | 'linesInReport' | 'summaryRecords' | 'blocksInFile' | 'blocksInReport', string | null>>;
  /** Totals of the whole report, for the last file of a multi-file report. */
  readonly reportLines?: number;
  readonly reportBlocks?: number;
  readonly reportSummaries?: number;
}

export function head(o: { messageId?: string; fileNumber?: number; numberOfFiles?: number; profile?: string; version?: string } = {}): string {
  return [
    'HEAD',
    'dsrf/1.1.2/1.6/1.0',
    o.profile ?? 'BasicAudioProfile',
    o.version ?? '1.2',
    o.messageId ?? 'MSG-1',
    '2025-04-03T07:59:30Z',
    String(o.fileNumber ?? 1),
    String(o.numberOfFiles ?? 1),
    '2025-01-01',
    '2025-03-31',
    'PADPIDA2013020802I',
    'Stream Co',
    'Premium',
    'PADPIDA20070627029',
    'Society',
    '',
  ].join('\t');
}

export function sy0101(id: string, territory: string, currency: string, usages: string, revenue: string): string {
  return ['SY01.01', id, 'Stream Co', '', 'SubscriptionModel', 'OnDemandStream', territory, 'Premium', usages, '1000', currency, revenue, '', '', ''].join('\t');
}

export function re01(block: string, ref = 'R1'): string {
  return ['RE01', block, ref, `REL-${block}`, '', '', '4006381333931', 'Artist', '', `Album ${block}`, '', 'Album', 'Label', '', ''].join('\t');
}

export function as0202(block: string, ref: string, o: { isrc?: string; iswc?: string; title?: string; composers?: string } = {}): string {
  return ['AS02.02', block, ref, `DSP-${block}-${ref}`, o.isrc ?? 'USS1Z9900001', o.title ?? `Song ${block}`, '', 'Artist', '', 'PT3M5S', 'SoundRecording', o.iswc ?? 'T0345246801', o.composers ?? 'Jane Roe|John Doe', '', '', '', 'Music Pub', '', '', '', '', ''].join('\t');
}

export function su02(block: string, summary: string, tx: string, resource: string, streams: string): string {
  return ['SU02', block, summary, tx, '', resource, 'true', streams, '', ''].join('\t');
}

export function foot(cells: readonly (string | null)[]): string {
  return ['FOOT', ...cells.map((c) => c ?? '')].join('\t');
}

/** A Basic Audio Profile report (one file); FOOT counts match unless overridden. */
export function bapReport(o: BapOptions = {}): string {
  const lines: string[] = [head({ messageId: o.messageId, fileNumber: o.fileNumber, numberOfFiles: o.numberOfFiles })];
  if (o.headings !== false) lines.push('#SY01.01\tSummaryRecordId\tDistributionChannel\t…');
  const summaries = o.summaries ?? [{ id: 'S1', usages: '30', revenue: '100.00' }];
  for (const s of summaries) lines.push(sy0101(s.id, s.territory ?? 'GB', s.currency ?? 'GBP', s.usages, s.revenue));
  const blocks = o.blocks ?? [{ id: 'B1', sales: [{ summary: 'S1', streams: '10' }, { summary: 'S1', streams: '20' }] }];
  let tx = 0;
  for (const b of blocks) {
    lines.push(re01(b.id));
    lines.push(as0202(b.id, 'A1', b));
    for (const s of b.sales) lines.push(su02(b.id, s.summary, `T${++tx}`, 'A1', s.streams));
  }
  const total = lines.length + 1;
  const f = o.foot ?? {};
  const pick = (k: keyof NonNullable<BapOptions['foot']>, fallback: string) => (k in f ? (f[k] ?? null) : fallback);
  lines.push(
    foot([
      pick('linesInFile', String(total)),
      pick('linesInReport', String(o.reportLines ?? total)),
      pick('summaryRecords', String(o.reportSummaries ?? summaries.length)),
      pick('blocksInFile', String(blocks.length)),
      pick('blocksInReport', String(o.reportBlocks ?? blocks.length)),
    ]),
  );
  return `${lines.join('\n')}\n`;
}

/** Chunks of a string's UTF-8 bytes, `size` bytes each (to cross chunk boundaries in tests). */
export function chunked(text: string | Uint8Array, size = 7): Uint8Array[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}
