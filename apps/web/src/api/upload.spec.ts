import { describe, expect, it } from '@jest/globals';
import { contentTypeOf } from './upload';

describe('contentTypeOf', () => {
  it('sends .ndjson and .jsonl files as JSON Lines and anything else as CSV', () => {
    expect(contentTypeOf('q1.ndjson')).toBe('application/x-ndjson');
    expect(contentTypeOf('Q1.JSONL')).toBe('application/x-ndjson');
    expect(contentTypeOf('q1.csv')).toBe('text/csv');
    expect(contentTypeOf('q1.ndjson.csv')).toBe('text/csv');
    expect(contentTypeOf(undefined)).toBe('text/csv');
  });
});
