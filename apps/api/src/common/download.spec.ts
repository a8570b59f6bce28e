import { describe, expect, it } from '@jest/globals';
import { acceptsGzip, attachment } from './download.js';

describe('file download headers', () => {
  it('names an ASCII file plainly, and any other with an RFC 8187 filename* beside an ASCII fallback', () => {
    expect(attachment('q1.csv')).toBe('attachment; filename="q1.csv"');
    expect(attachment('выплаты 2025 Q1.csv')).toBe(`attachment; filename="_______ 2025 Q1.csv"; filename*=UTF-8''%D0%B2%D1%8B%D0%BF%D0%BB%D0%B0%D1%82%D1%8B%202025%20Q1.csv`);
    expect(attachment('a"b\\c.csv')).toBe(`attachment; filename="a_b_c.csv"; filename*=UTF-8''a%22b%5Cc.csv`);
  });

  it('reads Accept-Encoding: gzip by name or *, never with q=0', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0.5, gzip;q=0')).toBe(false);
    expect(acceptsGzip('x-gzip')).toBe(true);
  });
});
