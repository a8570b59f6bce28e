import { describe, expect, it } from '@jest/globals';
import { sampleWork, sampleWorkRecords, workOfRecords } from '../../cwr/src/index.js';
import { ackFileName, ackBytes } from './ack-file.js';
import { comparableOf, hundredths, percentText, rowsOf } from './registration.js';

describe('a registration’s rows', () => {
  const work = workOfRecords(sampleWorkRecords(sampleWork(3), 0, 'NWR', '2.2'))!;

  it('titles: the work’s own (OT) then the alternative titles', () => {
    expect(rowsOf(work).titles).toEqual([
      { title: 'SAMPLE WORK 3', titleType: 'OT', language: 'EN' },
      { title: 'SAMPLE WORK 3 (RADIO EDIT)', titleType: 'AT', language: null },
    ]);
  });

  it('recordings with their ISRC', () => {
    expect(rowsOf(work).recordings.map((r) => r.isrc)).toEqual(['GBAAA2400000']);
  });

  it('shares: per party, ownership per right with its society, collection per right and territory', () => {
    const { shares } = rowsOf(work);
    const publisher = shares.filter((s) => s.partyNo === 1);
    expect(publisher.map((s) => [s.kind, s.right, s.tis, s.share, s.societyCode])).toEqual([
      ['ownership', 'PR', null, '50.00', '052'],
      ['ownership', 'MR', null, '50.00', '052'],
      ['ownership', 'SR', null, '50.00', '052'],
      ['collection', 'PR', '2136', '50.00', null],
      ['collection', 'MR', '2136', '50.00', null],
      ['collection', 'SR', '2136', '50.00', null],
    ]);
    expect(publisher[0]).toMatchObject({ partyKind: 'publisher', recordType: 'SPU', controlled: true, role: 'E', chain: 1, name: 'SAMPLE MUSIC PUBLISHING' });
    const writer = shares.find((s) => s.partyNo === 2)!;
    expect(writer).toMatchObject({ partyKind: 'writer', recordType: 'SWR', role: 'CA', name: 'SMITH, ANNA 3', share: '25.00' });
    expect(writer.ipiNameNumber).toMatch(/^[0-9]{11}$/);
  });

  it('exact shares: hundredths and back', () => {
    expect(hundredths('33.33')).toBe(3333);
    expect(hundredths('100.00')).toBe(10000);
    expect(percentText(20007)).toBe('200.07');
  });

  it('a duplicate compares without lines or transaction type', () => {
    const rev = workOfRecords(sampleWorkRecords(sampleWork(3), 0, 'REV', '2.2'))!;
    expect(comparableOf(rev)).toBe(comparableOf(work));
    expect(comparableOf(workOfRecords(sampleWorkRecords(sampleWork(4), 0, 'NWR', '2.2'))!)).not.toBe(comparableOf(work));
  });
});

describe('the ACK file', () => {
  it('is named as CISAC names files: the society sends, the original sender receives', () => {
    expect(ackFileName('CW220001DMP_000.V21', '052', '2.1')).toBe('CW220001052_DMP.V21');
    expect(ackFileName('works.txt', '052', '2.1')).toBe('works.txt.ACK');
    expect(ackFileName(null, '052', '2.2')).toBe('ACK.V22');
  });

  it('is latin-1 unless its HDR says UTF-8', () => {
    expect(ackBytes('CAFÉ').body).toEqual(Buffer.from([0x43, 0x41, 0x46, 0xc9]));
    expect(ackBytes('ЗИМА')).toEqual({ body: Buffer.from('????'), charset: 'iso-8859-1' });
    const hdr = 'HDRSO000000052PRS'.padEnd(86, ' ') + 'UTF-8'.padEnd(15, ' ');
    expect(ackBytes(`${hdr}\r\nЗИМА`).charset).toBe('utf-8');
  });
});
