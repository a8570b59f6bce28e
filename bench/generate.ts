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
