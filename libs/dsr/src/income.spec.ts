import { createReadStream } from 'node:fs';
import { LicenceIncomeBuilder, readDsrAll, readDsrReport } from './index.js';
import { bapReport } from './test-support.js';

describe('licence income per work', () => {
  it('sums the public BAP sample per work, use type and territory, and the money adds up to the summary net revenue', async () => {
    const builder = new LicenceIncomeBuilder();
    const name = 'DSR_PADPIDA00123456743_PADPIDA0123456766K_UnlimitedMusicMonthly_2020-06-01--2020-06-30__1of1_20200703T075930.tsv';
    for await (const e of readDsrReport([{ name, source: createReadStream(`test/fixtures/dsr/${name}`) }])) {
      if (e.kind === 'block') for (const line of e.block.income) builder.add(line);
    }
    const income = builder.result();
    const total = income.reduce((a, b) => a.plus(b.amount), income[0]!.amount.minus(income[0]!.amount));
    expect(total.toFixed(2)).toBe('5000.00');
    const usages = income.reduce((a, b) => a + BigInt(b.usages.toFixed()), 0n);
    expect(usages).toBe(3160n);
    const aniron = income.filter((i) => i.title === 'Aniron');
    expect(aniron.map((i) => [i.useType, i.usages.toFixed(), i.amount.toFixed(2)])).toEqual([
      ['ContentInfluencedStream', '314', '496.84'],
      ['OnDemandStream', '120', '189.87'],
      ['ProgrammedContentStream', '5', '7.91'],
    ]);
    expect(aniron[0]).toMatchObject({ territory: 'GB', currency: 'GBP', periodStart: '2020-06-01', periodEnd: '2020-06-30', isrcs: ['GBAHT0900445'] });
  });

  it('keys works by ISWC, else by title and contributors; a line with two works shares its money exactly', async () => {
    const text = bapReport({
      summaries: [{ id: 'S1', usages: '30', revenue: '0.01' }],
      blocks: [
        { id: 'B1', sales: [{ summary: 'S1', streams: '10' }] },
        { id: 'B2', sales: [{ summary: 'S1', streams: '20' }] },
      ],
    });
    const { income } = await readDsrAll(text);
    // both recordings carry the same ISWC: one work
    const b = new LicenceIncomeBuilder();
    income.forEach((l) => b.add(l));
    const [work] = b.result();
    expect(work).toMatchObject({ key: 'iswc:T0345246801', lines: 2, isrcs: ['USS1Z9900001'] });
    expect(work!.amount.toFixed(2)).toBe('0.01');
    // a medley: the same line for two works; 0.01 cannot be halved, so one gets it and nothing is lost
    const medley = { ...income[1]!, works: [income[1]!.works[0]!, { ...income[1]!.works[0]!, iswc: null, title: 'Other Song', contributors: ['X'] }] };
    const m = new LicenceIncomeBuilder();
    m.add(medley);
    const parts = m.result();
    expect(parts.map((p) => p.key)).toEqual(['iswc:T0345246801', 'work:OTHER SONG|X']);
    expect(parts.map((p) => p.amount.toFixed(2)).sort()).toEqual(['0.00', '0.01']);
  });

  it('sums per recording (ISRC) when asked', async () => {
    const { income } = await readDsrAll([{ source: createReadStream('test/fixtures/dsr/DSR_PADPIDA00123456743_PADPIDA0123456766K_UnlimitedMusicMonthly_2020-06-01--2020-06-30__1of1_20200703T075930.tsv') }]);
    const b = new LicenceIncomeBuilder({ by: 'recording' });
    income.forEach((l) => b.add(l));
    const silentNight = b.result().filter((r) => r.key === 'isrc:USSM16900677');
    expect(silentNight.map((r) => [r.useType, r.usages.toFixed()])).toEqual([
      ['ContentInfluencedStream', '88'],
      ['OnDemandStream', '108'],
      ['ProgrammedContentStream', '397'],
    ]);
    expect(silentNight[0]).toMatchObject({ title: 'Silent Night', contributors: ['The Mormon Tabernacle Choir'] });
  });

  it('LI01 allocations are kept apart from sales unless asked for', async () => {
    const { income } = await readDsrAll([{ source: createReadStream('test/fixtures/dsr/DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv') }]);
    const sales = new LicenceIncomeBuilder();
    const allocations = new LicenceIncomeBuilder();
    income.forEach((l) => {
      sales.add(l);
      allocations.add(l, new Set(['allocation']));
    });
    const sum = (b: LicenceIncomeBuilder) => b.result().reduce((a, x) => a + BigInt(x.amount.toFixed(2).replace('.', '')), 0n);
    expect(sum(sales)).toBe(700n); // SU03 NetRevenue 2.0 + 2.0 + 0 + 0 + 0 + 3.0
    expect(sum(allocations)).toBe(12523n + 0n + 3032n + 2098n + 1086n + 1149n);
  });
});
