import { describe, expect, it } from '@jest/globals';
import { transparencyReportPath } from './api/client';
import { filenameFromDisposition } from './download';
import { currentLink, transparencyPath } from './nav';

describe('navigation and report addresses', () => {
  it('marks the link whose address is the path, or the longest one the path lies below', () => {
    const society = ['/society', '/society/submissions', '/society/ledger', '/societies/abc/transparency'];
    expect(currentLink('/society', society)).toBe('/society');
    expect(currentLink('/society/ledger', society)).toBe('/society/ledger');
    expect(currentLink('/societies/abc/transparency/2025', society)).toBe('/societies/abc/transparency');
    expect(currentLink('/societies/abc/transparency', society)).toBe('/societies/abc/transparency');
    expect(currentLink('/societies/abcd/transparency', society)).toBeNull();
    expect(currentLink('/society-x', society)).toBeNull();
    expect(currentLink('/submissions/1', society)).toBeNull();
  });

  it('builds the report page and API addresses', () => {
    expect(transparencyPath('a/b')).toBe('/societies/a%2Fb/transparency');
    expect(transparencyPath('abc', 2025)).toBe('/societies/abc/transparency/2025');
    expect(transparencyReportPath('abc', 2025, 'csv')).toBe('/v1/societies/abc/transparency-report?financialYear=2025&format=csv');
    expect(transparencyReportPath('abc', 2025, 'pdf', 12)).toBe('/v1/societies/abc/transparency-report?financialYear=2025&format=pdf&asOfTreeSize=12');
    expect(transparencyReportPath('abc', 2025, 'json', 0)).toBe('/v1/societies/abc/transparency-report?financialYear=2025&format=json');
  });

  it('reads the file name of a Content-Disposition header', () => {
    expect(filenameFromDisposition('attachment; filename="transparency-report-901-FY2025-tree12.csv"')).toBe('transparency-report-901-FY2025-tree12.csv');
    expect(filenameFromDisposition('attachment; filename=report.pdf')).toBe('report.pdf');
    expect(filenameFromDisposition(`attachment; filename="a.csv"; filename*=UTF-8''%C3%A9t%C3%A9.csv`)).toBe('été.csv');
    expect(filenameFromDisposition('attachment; filename="say \\"hi\\".csv"')).toBe('say "hi".csv');
    expect(filenameFromDisposition('attachment; filename="../etc/passwd"')).toBeNull();
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
