import { describe, expect, it } from '@jest/globals';
import { readCwrAll, workOf } from '../../cwr/src/index.js';
import { type DsrLedgerRow, readDsrAll, readDsrUpload } from '../../dsr/src/index.js';
import { splitCsvRecord } from '../../submissions/src/ingest/header.js';
import { demoRightsHolders } from './demo-data.js';
import { DEMO_WORK_PAYMENTS, DEMO_WORKS, demoCwrFiles, demoDsrFile, demoWorkDistributionFile } from './demo-works.js';


describe('the demo works files (issue 16)', () => {
  it('writes CWR files that read clean: four NWR, one REV adding a writer, one conflicting NWR from another publisher', async () => {
    const [nwr, rev, conflicting] = demoCwrFiles();
    const read = async (content: string) => {
      const r = await readCwrAll([Buffer.from(content, 'latin1')]);
      const problems = [...r.events.flatMap((e) => (e.kind === 'transaction' ? e.transaction.problems : e.kind === 'end' ? [] : e.problems)), ...r.summary.problems];
      return { ...r, errors: problems.filter((p) => p.level !== 'warning').map((p) => `${p.line}:${p.column} ${p.message}`) };
    };
    const a = await read(nwr!.content);
    expect(a.errors).toEqual([]);
    expect(a.summary).toMatchObject({ transactions: 4, rejected: false });
    const works = a.transactions.map((t) => workOf(t)!);
    expect(works.map((w) => [w.title, w.iswc])).toEqual(DEMO_WORKS.map((w) => [w.title, w.iswc]));
    const holders = demoRightsHolders();
    expect(works[0]!.writers.map((w) => [w.ipiNameNumber, w.ownership.PR.share])).toEqual([
      [holders[0]!.ipi, '25.00'],
      [holders[1]!.ipi, '25.00'],
    ]);
    expect(works[0]!.recordings.map((r) => r.isrc)).toEqual([DEMO_WORKS[0]!.isrc]);
    expect(works[2]!.recordings.map((r) => r.isrc)).toEqual([DEMO_WORKS[2]!.isrc]);

    const b = await read(rev!.content);
    expect(b.errors).toEqual([]);
    const revised = workOf(b.transactions[0]!)!;
    expect(revised.transactionType).toBe('REV');
    expect(revised.writers).toHaveLength(3);
    expect(revised.recordings[0]!.isrc).toBe(DEMO_WORKS[2]!.isrc);

    const c = await read(conflicting!.content);
    expect(c.errors).toEqual([]);
    expect(workOf(c.transactions[0]!)!.iswc).toBe(DEMO_WORKS[3]!.iswc);
    expect(c.events[0]).toMatchObject({ kind: 'header', sender: { name: 'NORTHERN LIGHTS EDITION' } });
  });

  it('writes a DSR report that reads clean and reconciles, revenue on the works by ISWC and ISRC', async () => {
    const { problems, report, income } = await readDsrAll(demoDsrFile().content);
    expect(problems.filter((p) => p.level !== 'warning')).toEqual([]);
    expect(report.accepted).toBe(true);
    expect(income.length).toBe(4);
    // As the dsr package type reads it (licence income rows): the revenue shared by streams, every kopek kept.
    const rows: DsrLedgerRow[] = [];
    const errors: unknown[] = [];
    for await (const e of readDsrUpload([Buffer.from(demoDsrFile().content, 'utf8')])) {
      if (e.kind === 'row') rows.push(e.row);
      else if (e.kind === 'problem' && e.problem.level === 'error') errors.push(e.problem);
    }
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.iswc || null, r.isrc, r.amount, r.category])).toEqual([
      [DEMO_WORKS[0]!.iswc, DEMO_WORKS[0]!.isrc, '48000', 'making-available'],
      [DEMO_WORKS[1]!.iswc, DEMO_WORKS[1]!.isrc, '36000', 'making-available'],
      [null, DEMO_WORKS[2]!.isrc, '30000', 'making-available'],
      [null, 'RUA012699999', '6000', 'making-available'],
    ]);
  });

  it('writes distribution lines for the works, one work paid 35/15 where the register says 25/25', () => {
    const file = demoWorkDistributionFile();
    const lines = file.content.trimEnd().split('\n');
    expect(lines).toHaveLength(DEMO_WORK_PAYMENTS.length + 1);
    expect(lines.filter((l) => l.includes(DEMO_WORKS[1]!.iswc)).map((l) => splitCsvRecord(l)[11])).toEqual(['10500.00', '4500.00', '15000.00']);
  });
});
