import { splitCsvRecord } from '../../submissions/src/ingest/header.js';
import { makeIswc } from '../../identifiers/src/index.js';
import { DEMO_CLAIM_PAYMENT, DEMO_CLAIMANT, DEMO_CLAIMS } from './demo-claims.js';
import { DEMO_BOARD_CONFLICT, type DemoHolder, demoRightsHolders } from './demo-data.js';
import { csvField } from '../../csv/src/index.js';

/**
 * Two years of quarterly packages for the demo societies, generated deterministically.
 * Amounts are integers of minor units (BigInt) written as decimal strings, and each
 * quarter is built so that it reconciles (collected = deductions + distributed + paid to
 * other societies + undistributed), except where a finding is meant to show:
 *  - the RAO-like society's 2025Q3 undistributed report is missing (a conservation gap);
 *  - the RSP-like society's 2025Q4 distribution package is rejected (bad lines);
 *  - publishers receive most of the RAO-like society's money, while its board seats one;
 *  - the RAO-like society labels lines contractual for holders who gave it no mandate, and
 *    its 2025Q2 package pays the first holder for uses in Sweden, rights that holder
 *    entrusted exclusively to the Nordic bureau (the derived mandate status shows both);
 *  - a RAO-like board member pays half the usual management fee on its lines, the
 *    difference charged to another payee, and works for a licensee (DEMO_BOARD_CONFLICT);
 *  - unidentified lines written in rights holder 2's name another way, which he claims
 *    (demo-claims.ts), and the RAO-like 2025Q1 line that pays one of them: the held net,
 *    paid on from the quarter's undistributed money (no fee; the income is unchanged);
 *  - the RAO-like society corrects its 2024Q4 distribution package (DEMO_CORRECTION): a
 *    second package, sent last, moves 2,000.00 RUB of gross from one author's line to the
 *    first holder's (fees, other deductions and net with it), so the quarter still adds up;
 *    its page shows the diff, both holders' statements the corrected line.
 * The foreign society sends its undistributed reports as JSON Lines, the rest is CSV.
 */
export interface DemoPackage {
  society: string;
  type: string;
  period: string;
  /** The package as sent: CSV, or JSON Lines when `format` says so. */
  csv: string;
  format?: 'ndjson';
}

const QUARTERS = ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'];

interface Profile {
  key: string;
  currency: string;
  category: string;
  useType: string;
  /** Holders paid by this society, with a weight each (publishers weigh heavily at RAO). */
  payees: (h: DemoHolder, index: number) => bigint;
  nonContractual: Set<number>;
  counterparty: string;
}

const PROFILES: Profile[] = [
  {
    key: 'rao',
    currency: 'RUB',
    category: 'performing',
    useType: 'radio',
    payees: (h) => (h.kind === 'publisher' ? 9n : h.kind === 'author' || h.kind === 'composer' ? 1n : 0n),
    nonContractual: new Set([1, 3, 5, 6, 9, 10, 11]),
    counterparty: '904',
  },
  {
    key: 'vois',
    currency: 'RUB',
    category: 'performers',
    useType: 'background',
    payees: (h) => (h.kind === 'performer' ? 2n : h.kind === 'producer' ? 3n : 0n),
    nonContractual: new Set(),
    counterparty: '904',
  },
  {
    key: 'rsp',
    currency: 'RUB',
    category: 'private-copying',
    useType: 'private-copying',
    // The first holder too (it entrusted this union with its private-copying remuneration),
    // weighted 2 so that its amounts here differ from the RAO-like society's.
    payees: (h, i) => (i === 0 ? 2n : h.kind === 'producer' || h.kind === 'performer' || h.kind === 'composer' ? 1n : 0n),
    nonContractual: new Set([1]),
    counterparty: '902',
  },
  {
    key: 'foreign',
    currency: 'SEK',
    category: 'performing',
    useType: 'online',
    payees: (h, i) => (i === 0 || h.country === 'SE' ? 2n : 0n),
    nonContractual: new Set(),
    counterparty: '901',
  },
];

function money(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

function quarterDates(period: string) {
  const year = period.slice(0, 4);
  const q = Number(period[5]);
  const first = `${year}-${['01', '04', '07', '10'][q - 1]}-01`;
  const last = `${year}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
  const mid = `${year}-${['02', '05', '08', '11'][q - 1]}-15`;
  const payday = `${year}-${['03-28', '06-27', '09-26', '12-26'][q - 1]}`;
  return { first, last, mid, payday };
}

/** A deterministic pseudo-random sequence (LCG) over BigInt. */
function sequence(seed: bigint): () => bigint {
  let x = seed;
  return () => (x = (x * 6364136223846793005n + 1442695040888963407n) % 2n ** 63n);
}

/**
 * The demo's works: 97, each with an ISWC and a Russian title (fictional), so that search
 * finds a work by ISWC and by its title in Latin letters ("Zimnyaya doroga").
 */
const WORK_ADJECTIVES = ['Зимняя', 'Белая', 'Тихая', 'Золотая', 'Северная', 'Весенняя', 'Звёздная', 'Волжская'];
const WORK_NOUNS = ['дорога', 'ночь', 'река', 'песня', 'осень', 'звезда', 'берёза', 'метель', 'вода', 'роща', 'степь', 'даль', 'улица'];
export function demoWork(k: number): { iswc: string; title: string } {
  return {
    iswc: makeIswc(String(345_000_000 + k * 1009).padStart(9, '0')),
    title: `${WORK_ADJECTIVES[k % WORK_ADJECTIVES.length]} ${WORK_NOUNS[Math.floor(k / WORK_ADJECTIVES.length) % WORK_NOUNS.length]}`,
  };
}

/** The name on the RAO-like society's unidentified line of 2025Q4: the first demo holder's (Ivanova, Maria), in Cyrillic. */
export const DEMO_CYRILLIC_ORPHAN = 'ИВАНОВА МАРИЯ';

/**
 * The demo's correction (issue 17 item 4): the RAO-like society's 2024Q4 distribution
 * package sent again with `amount` of gross moved from the line of the holder `from` to
 * that of the holder `to` (both authors: indexes into demoRightsHolders(), the first being
 * the demo's "rights holder 1"); fee (15 %), other deductions (2 %) and net move with it,
 * so every total of the quarter is what it was.
 */
export const DEMO_CORRECTION = { society: 'rao', period: '2024Q4', to: 0, from: 3, gross: 2_000_00n } as const;

export function demoPackages(): DemoPackage[] {
  const boardMember = demoRightsHolders()[DEMO_BOARD_CONFLICT.holder]!;
  const holders = [...demoRightsHolders()].sort((a, b) => (a.ipi < b.ipi ? -1 : 1));
  const packages: DemoPackage[] = [];
  const corrections: DemoPackage[] = [];
  for (const p of PROFILES) {
    const payees = holders.map((h, i) => ({ h, i, w: p.payees(h, i) })).filter((x) => x.w > 0n);
    /** Each quarter's unidentified line, by period: a later quarter may pay one to its claimant. */
    const orphans = new Map<string, { net: bigint; first: string; last: string }>();
    QUARTERS.forEach((period, qi) => {
      const d = quarterDates(period);
      const next = sequence(BigInt(qi * 7919 + p.key.length * 104729 + 17));
      // Distribution lines: gross per payee by weight, fee 15 %, other 2 %.
      const lines: string[][] = [];
      let grossTotal = 0n;
      let feeTotal = 0n;
      let otherTotal = 0n;
      // The board member's discount (half the fee), charged to the quarter's last payee.
      let discount = 0n;
      payees.forEach(({ h, i, w }, n) => {
        const gross = w * (50_000_00n + (next() % 40_000_00n));
        let fee = (gross * 15n) / 100n;
        if (p.key === DEMO_BOARD_CONFLICT.society && h.ipi === boardMember.ipi) {
          discount = fee - (gross * 75n) / 1000n;
          fee -= discount;
        }
        if (n === payees.length - 1) fee += discount;
        const other = (gross * 2n) / 100n;
        grossTotal += gross;
        feeTotal += fee;
        otherTotal += other;
        const paid = (n + qi) % 4 !== 0;
        lines.push(
          [
            `${p.key.toUpperCase()}-${period}-${String(n + 1).padStart(4, '0')}`,
            h.ipi,
            csvField(h.name),
            demoWork((n * 31 + qi) % 97).iswc,
            demoWork((n * 31 + qi) % 97).title,
            p.category,
            p.useType,
            p.currency === 'SEK' ? 'SE' : 'RU',
            d.first,
            d.last,
            p.currency,
            money(gross),
            money(fee),
            money(other),
            money(gross - fee - other),
            paid ? 'paid' : 'unpaid',
            paid ? d.payday : '',
            p.nonContractual.has(i) ? 'non-contractual' : 'contractual',
          ],
        );
      });
      // The RAO-like society collects for uses in Sweden of the first holder, whose performing
      // rights outside Russia are entrusted exclusively to the Nordic bureau.
      if (p.key === 'rao' && period === '2025Q2') {
        const gross = 150_000_00n;
        const fee = (gross * 15n) / 100n;
        const other = (gross * 2n) / 100n;
        grossTotal += gross;
        feeTotal += fee;
        otherTotal += other;
        lines.push([`RAO-${period}-N001`, holders[0].ipi, csvField(holders[0].name), demoWork(7).iswc, demoWork(7).title, p.category, p.useType, 'SE', d.first, d.last, p.currency,
          money(gross), money(fee), money(other), money(gross - fee - other), 'paid', d.payday, 'contractual']);
      }
      // One unidentified line per quarter (money held for later claims); the Nordic
      // bureau's of 2025Q2 bears the first holder's name, written the other way round
      // (unclaimed money its statement finds); the RAO-like society's of 2025Q4 bears it in
      // Cyrillic, as a cue sheet may (search finds it from "Ivanova" too).
      const orphan = 12_345_00n + (next() % 9_000_00n);
      const orphanFee = (orphan * 15n) / 100n;
      grossTotal += orphan;
      feeTotal += orphanFee;
      const claimed = DEMO_CLAIMS.find((c) => c.society === p.key && c.period === period);
      const orphanName =
        p.key === 'foreign' && period === '2025Q2'
          ? holders[0].name.split(', ').reverse().join(' ').toUpperCase()
          : p.key === 'rao' && period === '2025Q4'
            ? DEMO_CYRILLIC_ORPHAN
            : (claimed?.nameOnLine ?? `Unknown author (cue sheet ${qi + 1})`);
      lines.push(
        [`${p.key.toUpperCase()}-${period}-U001`, '', csvField(orphanName), '', 'Untitled', p.category, p.useType, p.currency === 'SEK' ? 'SE' : 'RU', d.first, d.last, p.currency, money(orphan), money(orphanFee), '0.00', money(orphan - orphanFee), 'unidentified', '', 'non-contractual'],
      );
      orphans.set(period, { net: orphan - orphanFee, first: d.first, last: d.last });
      // The claim paid in this quarter: the claimed line's net, for the same use, to the claimant.
      let claimPayments = 0n;
      if (p.key === DEMO_CLAIM_PAYMENT.society && period === DEMO_CLAIM_PAYMENT.period) {
        const held = orphans.get(DEMO_CLAIM_PAYMENT.pays.period)!;
        const claimant = holders[DEMO_CLAIMANT]!;
        claimPayments += held.net;
        grossTotal += held.net;
        lines.push([DEMO_CLAIM_PAYMENT.lineId, claimant.ipi, csvField(claimant.name), '', 'Untitled', p.category, p.useType, 'RU', held.first, held.last, p.currency,
          money(held.net), '0.00', '0.00', money(held.net), 'paid', d.payday, p.nonContractual.has(DEMO_CLAIMANT) ? 'non-contractual' : 'contractual']);
      }
      // Income so that the distributed gross is 80 % of it; 5 % goes to another society.
      const income = ((grossTotal - claimPayments) * 100n) / 80n;
      const toOthers = (income * 5n) / 100n;
      const undistributed = income - grossTotal - toOthers;
      const incomeParts = [income / 2n, income / 3n, income - income / 2n - income / 3n];
      const licensees = ['Radio Volna LLC (demo)', 'Channel Nine JSC (demo)', p.key === DEMO_BOARD_CONFLICT.society ? DEMO_BOARD_CONFLICT.licensee : 'StreamCo (demo)'];
      packages.push({
        society: p.key,
        type: 'income',
        period,
        csv: csv(
          'income_id,category,use_type,territory,licensee,period_from,period_to,currency,amount,received_on',
          incomeParts.map((amount, k) => [`INC-${period}-${k + 1}`, p.category, p.useType, p.currency === 'SEK' ? 'SE' : 'RU', csvField(licensees[k]), d.first, d.last, p.currency, money(amount), d.mid].join(',')),
        ),
      });
      packages.push({
        society: p.key,
        type: 'deductions',
        period,
        csv: csv('deduction_id,kind,category,currency,amount,description', [
          [`DED-${period}-1`, 'management', p.category, p.currency, money(feeTotal), `Management fee 15% (${period})`].join(','),
          [`DED-${period}-2`, 'social-cultural', p.category, p.currency, money(otherTotal), `Social and cultural fund 2% (${period})`].join(','),
        ]),
      });
      const broken = p.key === 'rsp' && period === '2025Q4';
      const distributionCsv = (rows: string[][]) =>
        csv(
          'line_id,rights_holder_ipi,rights_holder_name,work_iswc,work_title,category,use_type,territory,use_from,use_to,currency,gross,management_fee,other_deductions,net,status,paid_on,mandate_basis',
          rows.map((cells) => cells.join(',')),
        );
      packages.push({ society: p.key, type: 'distribution-lines', period, csv: distributionCsv(broken ? breakLines(lines) : lines) });
      if (p.key === DEMO_CORRECTION.society && period === DEMO_CORRECTION.period) {
        const all = demoRightsHolders();
        corrections.push({ society: p.key, type: 'distribution-lines', period, csv: distributionCsv(moveGross(lines, all[DEMO_CORRECTION.from]!.ipi, all[DEMO_CORRECTION.to]!.ipi, DEMO_CORRECTION.gross)) });
      }
      packages.push({
        society: p.key,
        type: 'inter-society',
        period,
        csv: csv('transfer_id,counterparty_cisac,direction,category,territory,fy_of_collection,currency,amount,paid_on', [
          [`TR-${period}-1`, p.counterparty, 'out', p.category, p.currency === 'SEK' ? 'RU' : 'SE', period.slice(0, 4), p.currency, money(toOthers), qi % 2 === 0 ? d.payday : ''].join(','),
        ]),
      });
      if (!(p.key === 'rao' && period === '2025Q3')) {
        const report = csv('category,fy_of_collection,currency,amount,reason,non_distributable,decided_use', [
          [p.category, period.slice(0, 4), p.currency, money(undistributed), 'Awaiting usage reports and claims', 'false', ''].join(','),
        ]);
        packages.push({ society: p.key, type: 'undistributed', period, ...(p.key === 'foreign' ? { csv: jsonLines(report), format: 'ndjson' as const } : { csv: report }) });
      }
    });
  }
  // Sent after every other package: it supersedes the committed one of its quarter.
  return [...packages, ...corrections];
}

/** The lines with `gross` (minor units) moved from the line of the holder `fromIpi` to that of `toIpi`, fee 15 %, other 2 % and net with it. */
function moveGross(lines: string[][], fromIpi: string, toIpi: string, gross: bigint): string[][] {
  const units = (amount: string) => BigInt(amount.replace('.', ''));
  const fee = (gross * 15n) / 100n;
  const other = (gross * 2n) / 100n;
  const shift = (cells: string[], sign: bigint) => {
    const c = [...cells];
    c[11] = money(units(c[11]!) + sign * gross);
    c[12] = money(units(c[12]!) + sign * fee);
    c[13] = money(units(c[13]!) + sign * other);
    c[14] = money(units(c[14]!) + sign * (gross - fee - other));
    return c;
  };
  const moved = lines.map((cells) => (cells[1] === toIpi ? shift(cells, 1n) : cells[1] === fromIpi ? shift(cells, -1n) : cells));
  if (moved.filter((c, i) => c !== lines[i]).length !== 2) throw new Error('the demo correction names holders without a line in its quarter');
  return moved;
}

/** The rejected demo package: a wrong net, an unknown currency and a bad IPI. */
function breakLines(lines: string[][]): string[][] {
  return lines.map((line, n) => {
    const cells = [...line];
    if (n === 0) cells[14] = '1.00';
    if (n === 1) cells[10] = 'RUR';
    if (n === 2) cells[1] = '12345678901';
    return cells;
  });
}

/** The same records as JSON Lines (the demo's CSV has one record per line). */
function jsonLines(text: string): string {
  const [header, ...rows] = text.trimEnd().split('\n').map(splitCsvRecord);
  return rows.map((cells) => JSON.stringify(Object.fromEntries(header.map((name, i) => [name, cells[i]]))) + '\n').join('');
}

function csv(header: string, rows: string[]): string {
  return [header, ...rows].join('\n') + '\n';
}
