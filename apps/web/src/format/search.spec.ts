import { describe, expect, it } from '@jest/globals';
import type { SearchItem } from '../api/search';
import { parseSearchKind, searchItemDetails, searchItemPath, searchMatchNote, searchPath } from './search';

const regulator = { role: 'regulator' as const, rightsHolderId: undefined };
const society = { role: 'society' as const, rightsHolderId: undefined };
const holder = { role: 'rights-holder' as const, rightsHolderId: 'h-1' };

const line: SearchItem = {
  kind: 'line',
  id: 's-1/U-1',
  label: 'ПЕТРОВА АННА — Зимняя дорога',
  match: 'name',
  iswc: 'T-034.524.680-1',
  societyId: 'soc-1',
  societyName: 'RAO-like Authors Society (demo)',
  submissionId: 's-1',
  lineId: 'U-1',
  period: '2025Q1',
  status: 'unidentified',
  superseded: true,
};
const work: SearchItem = { kind: 'work', id: 'T0345246801', label: 'Зимняя дорога', match: 'iswc', iswc: 'T-034.524.680-1', societyId: 'soc-1', societyName: 'RAO', submissionId: 's-1' };

describe('searchItemPath', () => {
  it("opens a holder's page for everyone", () => {
    const item: SearchItem = { kind: 'rights-holder', id: 'h-2', label: 'Иванова, Мария', match: 'name', ipi: '00052210040' };
    for (const me of [regulator, society, holder]) expect(searchItemPath(item, me)).toBe('/rights-holders/h-2');
  });

  it("opens a society's pages as the reader may: the regulator's view, a society's own overview, a holder's public report", () => {
    const item: SearchItem = { kind: 'society', id: 'soc-1', label: 'RAO', match: 'cisac-code', cisacCode: '901' };
    expect(searchItemPath(item, regulator)).toBe('/regulator/societies/soc-1');
    expect(searchItemPath(item, society)).toBe('/society');
    expect(searchItemPath(item, holder)).toBe('/societies/soc-1/transparency');
  });

  it("opens a line and a work on their package's page, or a holder's statement", () => {
    expect(searchItemPath(line, regulator)).toBe('/submissions/s-1?lineId=U-1');
    expect(searchItemPath(line, society)).toBe('/submissions/s-1?lineId=U-1');
    expect(searchItemPath(work, regulator)).toBe('/submissions/s-1');
    expect(searchItemPath(line, holder)).toBe('/rights-holders/h-1/statement');
    expect(searchItemPath({ ...work, submissionId: null, societyId: null }, holder)).toBe('/rights-holders/h-1/statement');
    // A work only the works register knows opens on its page there (issue 16).
    expect(searchItemPath({ ...work, submissionId: null, workId: 'w-1' }, regulator)).toBe('/works/w-1');
    expect(searchItemPath({ ...work, workId: 'w-1' }, regulator)).toBe('/submissions/s-1');
  });
});

describe('searchItemDetails and searchMatchNote', () => {
  it("say a line's id, society, quarter, status and whether its package was replaced", () => {
    expect(searchItemDetails(line)).toEqual(['line U-1', 'RAO-like Authors Society (demo)', '2025Q1', 'unidentified', 'package superseded']);
    expect(searchItemDetails(work)).toEqual(['ISWC T-034.524.680-1', 'on lines of RAO']);
  });

  it('name an identifier that matched, and nothing for a name or title', () => {
    expect(searchMatchNote(work)).toBe('matched by ISWC');
    expect(searchMatchNote(line)).toBeNull();
  });
});

describe('searchPath and parseSearchKind', () => {
  it('write and read the address of a search', () => {
    expect(searchPath('Иванова & Co', 'line')).toBe('/search?q=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0+%26+Co&kind=line');
    expect(new URLSearchParams(searchPath('a b').split('?')[1]).get('q')).toBe('a b');
    expect(parseSearchKind('work')).toBe('work');
    expect(parseSearchKind('person')).toBeNull();
    expect(parseSearchKind(null)).toBeNull();
  });
});
