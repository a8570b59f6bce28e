import { type SampleWork, sampleCwrLines } from '../../libs/cwr/src/index.js';
import { as0202, foot, head, re01, su02, sy0101 } from '../../libs/dsr/src/test-support.js';
import { makeIswc } from '../../libs/identifiers/src/index.js';
import { commit, distribution } from '../ledger/support.js';
import { givenRightsHolder, givenSociety } from '../support/factories.js';
import type { Http } from '../support/http.js';
import { submitAndWait } from '../support/submissions.js';

/** A valid ISWC from a small number (check digit computed). */
export const iswcOf = (n: number) => makeIswc(String(700000000 + n).padStart(9, '0'));
/** The ISRC libs/cwr's sample gives the recording of the transaction numbered `tx` (0-based) of a file. */
export const sampleIsrc = (tx: number) => `GBAAA24${String(tx % 100000).padStart(5, '0')}`;

export interface DsrBlock {
  id: string;
  streams: string;
  /** The work's ISWC on the AS02 line ('' for a recording that names no work). */
  iswc: string;
  isrc: string;
  title?: string;
}

/**
 * A Basic Audio Profile DSR (one file, one summary record sharing `revenue` by streams)
 * for the usage period `from`..`to`; FOOT counts right.
 */
export function dsrFile(o: { blocks: DsrBlock[]; revenue: string; currency?: string; territory?: string; from?: string; to?: string; usages?: string }): string {
  const usages = o.usages ?? String(o.blocks.reduce((n, b) => n + Number(b.streams), 0));
  const lines = [head().replace('2025-01-01\t2025-03-31', `${o.from ?? '2025-01-01'}\t${o.to ?? '2025-03-31'}`), sy0101('S1', o.territory ?? 'DE', o.currency ?? 'EUR', usages, o.revenue)];
  let tx = 0;
  for (const b of o.blocks) {
    const as = as0202(b.id, 'A1', { iswc: b.iswc, isrc: b.isrc, title: b.title ?? `Song ${b.id}` });
    // No work on the line: empty the work cells (ISWC, composers, publisher).
    lines.push(re01(b.id), b.iswc === '' ? as.replace(/\tJane Roe\|John Doe\t/, '\t\t').replace('\tMusic Pub\t', '\t\t') : as, su02(b.id, 'S1', `T${++tx}`, 'A1', b.streams));
  }
  const total = lines.length + 1;
  lines.push(foot([String(total), String(total), '1', String(o.blocks.length), String(o.blocks.length)]));
  return `${lines.join('\n')}\n`;
}

/** A CWR file registering `works` (libs/cwr sample: one publisher owning half of each right, the writers sharing the other half). */
export function cwrFile(works: SampleWork[], sender?: { ipiNameNumber: string; name: string }): string {
  return `${[...sampleCwrLines(works, sender ? { sender } : {})].join('\r\n')}\r\n`;
}

export function work(n: number, publisher: { ipi: string; name: string }, writer: { ipi: string; name: string }): SampleWork {
  return {
    title: `MONEY WORK ${n}`,
    submitterWorkNumber: `MW${String(n).padStart(6, '0')}`,
    iswc: iswcOf(n),
    publisher: { ipNumber: 'P000001', name: publisher.name.toUpperCase().slice(0, 45), ipiNameNumber: publisher.ipi, society: '052' },
    writers: [{ ipNumber: `W${String(n).padStart(6, '0')}`, lastName: writer.name.toUpperCase().slice(0, 45), firstName: '', ipiNameNumber: writer.ipi, society: '052' }],
  };
}

export async function uploadDsr(http: Http, societyId: string, period: string, text: string | Buffer) {
  const sent = await submitAndWait(http, societyId, 'dsr', period, typeof text === 'string' ? Buffer.from(text) : text, 60_000, 'application/octet-stream');
  if (sent.final.status === 'failed') throw new Error(`the dsr package failed: ${sent.final.failure}`);
  return sent;
}

export async function registerWorks(http: Http, societyId: string, period: string, works: SampleWork[], sender?: { ipiNameNumber: string; name: string }) {
  const { final } = await submitAndWait(http, societyId, 'cwr', period, Buffer.from(cwrFile(works, sender), 'latin1'), 60_000, 'application/octet-stream');
  if (final.status !== 'committed') throw new Error(`cwr ${period} did not commit: ${JSON.stringify(final)}`);
  return final;
}

/**
 * A society whose works' money is followed in financial year `year` (calendar), all
 * packages sent while the clock reads `year + 1`:
 * - good: works 1 and 2 registered (publisher and one writer, 50/50 each right); a DSR
 *   of Q1 usage in the Q2 package reports 100.00 EUR for each (work 1 by ISWC, work 2 by
 *   its recording's ISRC only); the Q3 distribution pays each work 50/50, in time;
 * - bad: the same registrations and report, plus work 3 registered and reported; work 1
 *   paid 70/30, work 2 and 3 never paid, and a line paying an unregistered work.
 */
export async function givenWorksMoneySociety(admin: Http, kind: 'good' | 'bad', year: number, country = 'DE') {
  const society = await givenSociety(admin, { country, currency: 'EUR' });
  const publisher = await givenRightsHolder(admin, { kind: 'publisher', country });
  const writer = await givenRightsHolder(admin, { kind: 'composer', country });
  const base = kind === 'good' ? 100 : 200;
  const works = [work(base + 1, publisher, writer), work(base + 2, publisher, writer), ...(kind === 'bad' ? [work(base + 3, publisher, writer)] : [])];
  await registerWorks(admin, society.id, `${year}Q1`, works);
  const from = `${year}-01-01`;
  const to = `${year}-03-31`;
  const blocks: DsrBlock[] = [
    { id: 'B1', streams: '10', iswc: works[0]!.iswc!, isrc: sampleIsrc(0) },
    { id: 'B2', streams: '10', iswc: '', isrc: sampleIsrc(1) },
    ...(kind === 'bad' ? [{ id: 'B3', streams: '10', iswc: works[2]!.iswc!, isrc: sampleIsrc(2) }] : []),
  ];
  const dsr = await uploadDsr(admin, society.id, `${year}Q2`, dsrFile({ blocks, revenue: kind === 'bad' ? '300.00' : '200.00', from, to }));
  if (dsr.final.status !== 'committed') throw new Error(`dsr did not commit: ${JSON.stringify(dsr.final)}`);
  const paid = { category: 'making-available', use_type: 'online', territory: 'DE', use_from: from, use_to: to, management_fee: '0', other_deductions: '0', paid_on: `${year}-08-01` };
  const line = (id: string, holder: { ipi: string; name: string }, iswc: string, gross: string) =>
    distribution({ ...paid, line_id: id, rights_holder_ipi: holder.ipi, rights_holder_name: holder.name, work_iswc: iswc, work_title: 'Money work', gross, net: gross });
  const lines =
    kind === 'good'
      ? [line('W1-P', publisher, works[0]!.iswc!, '50.00'), line('W1-W', writer, works[0]!.iswc!, '50.00'), line('W2-P', publisher, works[1]!.iswc!, '50.00'), line('W2-W', writer, works[1]!.iswc!, '50.00')]
      : [line('W1-P', publisher, works[0]!.iswc!, '30.00'), line('W1-W', writer, works[0]!.iswc!, '70.00'), line('UNREG', writer, iswcOf(999), '10.00')];
  await commit(admin, society.id, 'distribution-lines', `${year}Q3`, lines);
  return { society, publisher, writer, works, dsr: dsr.final };
}
