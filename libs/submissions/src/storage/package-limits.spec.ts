import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../../errors/src/index.js';
import type { LedgerFormat as SubmissionFormat } from '../format.js';
import { PackageLimits } from './package-limits.js';

const LIMITS = { maxLineBytes: 100, maxCellBytes: 20 };

/** Runs `input` through the check in chunks of `size` bytes: the bytes passed on, or the problem. */
async function check(format: SubmissionFormat, input: string, size = 3): Promise<{ out?: string; error?: DomainError }> {
  const bytes = Buffer.from(input);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  try {
    return { out: (await buffer(Readable.from(chunks).pipe(new PackageLimits(format, LIMITS)))).toString() };
  } catch (error) {
    return { error: error as DomainError };
  }
}

describe('PackageLimits', () => {
  it('passes a CSV package within the limits on unchanged, whatever the chunks', async () => {
    const csv = 'a,b,c\r\n1,"x,""y""\nz",3\r\n4,5,6\n';
    for (const size of [1, 2, 5, 1000]) expect(await check('csv', csv, size)).toEqual({ out: csv });
  });

  it('names the record (as the ingest numbers it) and the column of a CSV cell too long', async () => {
    const { error } = await check('csv', `line_id,title\n1,"two\nlines"\n2,${'x'.repeat(21)}\n`);
    expect(error).toBeInstanceOf(DomainError);
    expect(error!.code).toBe('payload-too-large');
    expect(error!.errors).toEqual([{ line: 3, column: 'title', message: 'holds a value longer than 20 bytes (UPLOAD_MAX_CELL_BYTES)' }]);
    expect(error!.message).toMatch(/line 3, column "title"/);
  });

  it('counts a quoted cell with its doubled quotes and newlines, and CR line ends', async () => {
    expect((await check('csv', `a,b\r1,"${'""'.repeat(8)}"\r`)).out).toBeDefined();
    const { error } = await check('csv', `a,b\r1,2\r3,"${'""'.repeat(10)}"\r`);
    expect(error!.errors[0]).toMatchObject({ line: 3, column: 'b' });
  });

  it('refuses a CSV line too long, even of short cells', async () => {
    const { error } = await check('csv', `a,b\n${'1,'.repeat(60)}\n`);
    expect(error!.errors).toEqual([{ line: 2, message: 'is longer than 100 bytes (UPLOAD_MAX_LINE_BYTES): one line holds one record' }]);
  });

  it('names the key of a JSON Lines value too long, and the line', async () => {
    const ok = `{"a":"${'x'.repeat(10)}","b":null}\n\n{"a":"\\"q\\""}\n`;
    expect(await check('ndjson', ok)).toEqual({ out: ok });
    const { error } = await check('ndjson', `${ok}{"a":"1", "title" : "${'é'.repeat(11)}"}\n`);
    expect(error!.errors).toEqual([{ line: 4, column: 'title', message: 'holds a value longer than 20 bytes (UPLOAD_MAX_CELL_BYTES)' }]);
    const key = await check('ndjson', `{"${'k'.repeat(30)}":"1"}\n`);
    expect(key.error!.errors).toEqual([{ line: 1, message: 'holds a value longer than 20 bytes (UPLOAD_MAX_CELL_BYTES)' }]);
    const line = await check('ndjson', `{"a":"1"}\n{${'"a":"1",'.repeat(20)}}\n`);
    expect(line.error!.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/longer than 100 bytes/) });
  });
});
