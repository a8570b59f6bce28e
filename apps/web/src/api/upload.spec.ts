import { describe, expect, it } from '@jest/globals';
import { contentTypeOf } from './upload';

describe('contentTypeOf', () => {
  it('sends .ndjson and .jsonl files as JSON Lines and anything else as CSV', () => {
    expect(contentTypeOf('q1.ndjson')).toBe('application/x-ndjson');
    expect(contentTypeOf('Q1.JSONL')).toBe('application/x-ndjson');
    expect(contentTypeOf('q1.csv')).toBe('text/csv');
    expect(contentTypeOf('q1.ndjson.csv')).toBe('text/csv');
    expect(contentTypeOf(undefined)).toBe('text/csv');
    // CWR and DDEX DSR files go as the bytes they are (fixed width, tab-separated, maybe gzip).
    expect(contentTypeOf('CW260001MEL_088.V22', 'cwr')).toBe('application/octet-stream');
    expect(contentTypeOf('DSR_X_Y_Premium_2026-Q1_RU_1of1_20260403T075930.tsv.gz', 'dsr')).toBe('application/octet-stream');
  });
});
