import { describe, expect, it } from '@jest/globals';
import { LAYOUTS } from './layouts.js';
import { formatRecord, parseRecord } from './records.js';
import { fixtureLines, sampleLines } from './test-support.js';

const TYPES = ['HDR', 'GRH', 'GRT', 'TRL', 'NWR', 'REV', 'ISW', 'EXC', 'SPU', 'OPU', 'SPT', 'OPT', 'SWR', 'OWR', 'SWT', 'OWT', 'PWR', 'ALT', 'PER', 'REC', 'ORN', 'ACK', 'MSG'];

/** Real lines from the fixture files (version per file), plus sample lines of both versions. */
function corpus(): { line: string; version: '2.1' | '2.2'; source: string }[] {
  const out: { line: string; version: '2.1' | '2.2'; source: string }[] = [];
  const files: [string, '2.1' | '2.2'][] = [
    ['ackexample.V21', '2.1'],
    ['nwrexample2.V21', '2.1'],
    ['revexample.V21', '2.1'],
    ['CW220001DMP_000.V21', '2.1'],
    ['CW220001000_DMP.V21', '2.1'],
    ['CW220001052_DMP.V21', '2.1'],
    ['demo_cwr_cleaned.v22', '2.2'],
  ];
  for (const [file, version] of files) for (const line of fixtureLines(file)) out.push({ line, version, source: file });
  for (const version of ['2.1', '2.2'] as const) for (const line of sampleLines(2, version)) out.push({ line, version, source: `sample ${version}` });
  return out;
}

describe('records: parse → write gives the line back (modulo trailing blanks)', () => {
  const lines = corpus();

  it.each(TYPES)('%s', (type) => {
    // Records in files of both versions where they occur; OPT/OWT/EXC are made from their twins.
    let samples = lines.filter((l) => l.line.startsWith(type));
    if (samples.length === 0) {
      const twin = { OPT: 'SPT', OWT: 'SWT', EXC: 'NWR' }[type] as string;
      samples = lines.filter((l) => l.line.startsWith(twin)).map((l) => ({ ...l, line: type + l.line.slice(3) }));
    }
    expect(samples.length).toBeGreaterThan(0);
    let checked = 0;
    for (const { line, version, source } of samples) {
      const parsed = parseRecord(line, 1, version);
      if (parsed.defects.length > 0 || parsed.overlong) continue; // a field that does not fit its type has no typed value to write back
      const written = formatRecord(parsed.record, version);
      expect({ source, line: written }).toEqual({ source, line: line.trimEnd() });
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('every record type with a layout is covered', () => {
    expect([...LAYOUTS.keys()].sort()).toEqual([...TYPES].sort());
  });

  it('typed values: shares are exact decimal strings, dates ISO, times HH:MM:SS, blanks kept', () => {
    const spu = parseRecord('SPU000000000000000101P000001  TEST PUBLISHER                                E 00000000000000000004              0520500004410000   10000 N', 7, '2.1');
    expect(spu.record.fields).toMatchObject({ publisherSequence: 1, ipNumber: 'P000001', prSociety: '052', prShare: '50.00', mrShare: '100.00', srShare: '100.00', srSociety: '', publisherType: 'E' });
    const nwr = parseRecord('NWR0000000000000000MUSIC PUB CARTOONS                                            DMP000001     T123456789400000000            UNC000000Y      MOD   UNSUNS', 3, '2.1');
    expect(nwr.record.fields).toMatchObject({ copyrightDate: null, duration: null, recorded: 'Y', versionType: 'MOD', iswc: 'T1234567894' });
    const rec = parseRecord('REC000000000000001120200407                                                            000030', 9, '2.1');
    expect(rec.record.fields).toMatchObject({ releaseDate: '2020-04-07', releaseDuration: '00:00:30', isrc: '' });
    expect(rec.record.blank.has('releaseDate')).toBe(false);
    // A numeric field left blank is written back blank, not as zeros.
    const grt = parseRecord('GRT000010000000100000020   0000000000', 20, '2.1');
    expect(formatRecord(grt.record, '2.1')).toBe('GRT000010000000100000020   0000000000');
    const orn = parseRecord('ORN0000000000000012LIB' + ' '.repeat(60) + 'INTERNET       ' + '    ' + 'LIB X', 1, '2.1');
    expect(orn.record.blank.has('cutNumber')).toBe(true);
    expect(formatRecord(orn.record, '2.1')).toBe(('ORN0000000000000012LIB' + ' '.repeat(60) + 'INTERNET       ' + '    ' + 'LIB X').trimEnd());
  });

  it('reports fields that do not fit their type and keeps the rest', () => {
    const swt = parseRecord('SWT0000000000000005W000001  XXX000000000000I2136N001', 8, '2.1');
    expect(swt.defects.map((d) => [d.field.name, d.text])).toEqual([['prCollection', 'XXX00']]);
    expect(swt.record.fields.tis).toBe('2136');
    const date = parseRecord('REC000000000000001120201399', 9, '2.1');
    expect(date.defects.map((d) => d.field.name)).toEqual(['releaseDate']);
  });

  it('2.2 fields are read only in 2.2 files; text beyond the record is overlong', () => {
    const pwr = 'PWR0000000000000005P00000001CROWN PUBLISHING                                                         C0000000101';
    expect(parseRecord(pwr, 1, '2.2').record.fields.publisherSequence).toBe(1);
    expect(parseRecord(pwr, 1, '2.1').record.fields.publisherSequence).toBeUndefined();
    expect(parseRecord(pwr, 1, '2.1').overlong).toBe(true);
    expect(parseRecord(pwr + '   ', 1, '2.2').overlong).toBe(false);
  });
});
