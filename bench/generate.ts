import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { makeIpi, makeIswc } from '../libs/identifiers/src/index.js';
import { splitCsvRecord } from '../libs/submissions/src/ingest/header.js';

export const DISTRIBUTION_HEADER =
  'line_id,rights_holder_ipi,rights_holder_name,work_iswc,work_title,category,use_type,territory,use_from,use_to,currency,gross,management_fee,other_deductions,net,status,paid_on,mandate_basis';
const CATEGORIES = ['performing', 'mechanical', 'communication', 'making-available'];
const USES = ['radio', 'tv', 'online', 'live', 'background'];
const TERRITORIES = ['RU', 'FR', 'DE', 'SE', 'US'];

/** Line i of a deterministic package for 2025Q1: amounts in kopecks that always add up. */
export async function writeDistributionLines(file: string, rows: number, holders = 50_000): Promise<void> {
  const ipis = Array.from({ length: holders }, (_, h) => makeIpi(String(300_000_000 + h * 13).padStart(9, '0')));
  const iswcs = Array.from({ length: 5000 }, (_, w) => makeIswc(String(100_000_000 + w * 7).padStart(9, '0')));
  const out = createWriteStream(file);
  const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  let x = 12345;
  const rand = () => (x = (x * 1103515245 + 12345) % 2147483648);
  await pipeline(
    Readable.from(
      (function* () {
        yield `${DISTRIBUTION_HEADER}\n`;
        let chunk = '';
        for (let i = 0; i < rows; i++) {
          const h = rand() % holders;
          const gross = 100 + (rand() % 500_000);
          const fee = Math.floor(gross * 0.15);
          const other = Math.floor(gross * 0.02);
          const unidentified = i % 97 === 0;
          const paid = !unidentified && i % 3 !== 0;
          chunk += [
            `L-${String(i + 1).padStart(8, '0')}`,
            unidentified ? '' : ipis[h],
            unidentified ? `Unknown (cue sheet ${i})` : `Holder ${h}`,
            iswcs[rand() % iswcs.length],
            `Work ${rand() % 100000}`,
            CATEGORIES[i % CATEGORIES.length],
            USES[i % USES.length],
            TERRITORIES[i % TERRITORIES.length],
            '2025-01-01',
            '2025-03-31',
            'RUB',
            money(gross),
            money(fee),
            money(other),
            money(gross - fee - other),
            unidentified ? 'unidentified' : paid ? 'paid' : 'unpaid',
            paid ? '2025-03-28' : '',
            i % 11 === 0 ? 'non-contractual' : 'contractual',
          ].join(',') + '\n';
          if (chunk.length > 1 << 16) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
    ),
    out,
  );
}


/**
 * The same package as JSON Lines: each CSV record of `csvFile` (one per line, no quoted
 * line breaks, as writeDistributionLines writes them) as an object keyed by the header.
 */
export async function writeJsonLines(csvFile: string, ndjsonFile: string): Promise<void> {
  const lines = createInterface({ input: createReadStream(csvFile), crlfDelay: Infinity });
  let header: string[] | null = null;
  await pipeline(
    Readable.from(
      (async function* () {
        let chunk = '';
        for await (const line of lines) {
          if (header === null) {
            header = splitCsvRecord(line);
            continue;
          }
          const cells = splitCsvRecord(line);
          chunk += JSON.stringify(Object.fromEntries(header.map((name, i) => [name, cells[i]]))) + '\n';
          if (chunk.length > 1 << 16) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
    ),
    createWriteStream(ndjsonFile),
  );
}

/** The other 2025Q1 packages of a bench society (income, deductions, transfers, undistributed), small and reconciling with nothing in particular. */
export const COMPANION_PACKAGES: [string, string][] = [
  ['income', 'income_id,category,use_type,territory,licensee,period_from,period_to,currency,amount,received_on\nINC-1,performing,radio,RU,Radio One,2025-01-01,2025-03-31,RUB,900000000.00,2025-02-15\n'],
  ['deductions', 'deduction_id,kind,category,currency,amount,description\nDED-1,management,performing,RUB,135000000.00,Management fee\nDED-2,social-cultural,performing,RUB,9000000.00,Fund\n'],
  ['inter-society', 'transfer_id,counterparty_cisac,direction,category,territory,fy_of_collection,currency,amount,paid_on\nTR-1,904,out,performing,SE,2025,RUB,5000000.00,\nTR-2,904,in,performing,SE,2024,RUB,1000000.00,2025-02-20\n'],
  ['undistributed', 'category,fy_of_collection,currency,amount,reason,non_distributable,decided_use\nperforming,2021,RUB,2000000.00,Unclaimed,false,\n'],
];
