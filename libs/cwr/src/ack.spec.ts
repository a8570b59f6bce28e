import { describe, expect, it } from '@jest/globals';
import { type AckEntry, CwrAckWriter, acknowledge } from './ack.js';
import { LAYOUTS } from './layouts.js';
import { readCwrText } from './reader.js';
import { ackOf } from './work.js';
import { fixtureBytes, fixtureLines, lineOf, read, sampleLines, setField } from './test-support.js';

const society = { code: '052', name: 'PRS for Music' };
const base = { society, creationDate: '2016-07-01', creationTime: '19:33:34', processingDate: '2016-06-30' };

async function ackLines(lines: string[], options: Partial<Parameters<typeof acknowledge>[1]> = {}) {
  const out: string[] = [];
  for await (const l of acknowledge(readCwrText(lines.join('\r\n')), { ...base, ...options })) out.push(l);
  return out;
}

/** The fields of a record line by name (for comparing with a society's lines field by field). */
function fieldsOf(line: string): Record<string, string> {
  const layout = LAYOUTS.get(line.slice(0, 3))!;
  const padded = line.padEnd(layout.length['2.2'], ' ');
  return Object.fromEntries([['prefix', padded.slice(0, 19)], ...layout.fields.map((f) => [f.name, padded.slice(f.start - 1, f.start - 1 + f.size)])]);
}

describe('ACK writer against a society’s real ACK (PRS, weso ackexample.V21)', () => {
  it('writes the same HDR/GRH/ACK/MSG/echo lines as PRS for its first transaction', async () => {
    const prs = fixtureLines('ackexample.V21');
    const { transactions } = await read(fixtureBytes('ackexample.V21'));
    const first = transactions[0];
    const ack = ackOf(first)!;
    // The work PRS echoed, as if it were the publisher's original transaction (group 1, transaction 0).
    const echo = first.records.filter((r) => r.type !== 'ACK' && r.type !== 'MSG').map((r, i) => ({ ...r, recordSequence: i }));
    const writer = new CwrAckWriter({ ...base, version: '2.1', original: { creationDate: ack.creationDate, creationTime: ack.creationTime } });
    const entry: AckEntry = {
      originalGroupId: 1,
      originalTransactionSequence: 0,
      originalTransactionType: 'NWR',
      title: ack.title,
      submitterWorkNumber: ack.submitterWorkNumber,
      recipientWorkNumber: ack.recipientWorkNumber,
      status: 'AS',
      messages: [{ messageType: 'F', originalRecordSequence: 0, recordType: 'NWR', messageLevel: 'F', validationNumber: '005', text: ack.messages[0].text }],
      echo,
    };
    const ours = [...writer.header(), ...writer.transaction(entry)];
    // HDR: same sender (SO 052), EDI version, dates; GRH ACK group 1, version 02.10.
    expect(fieldsOf(ours[0])).toMatchObject({ senderType: 'SO', senderId: '000000052', ediVersion: '01.10', creationDate: '20160701', creationTime: '193334' });
    expect(fieldsOf(prs[0])).toMatchObject({ senderType: 'SO', senderId: '000000052', ediVersion: '01.10', creationDate: '20160701', creationTime: '193334' });
    expect(ours[1]).toBe(prs[1].trimEnd());
    // The ACK record and MSG record: every field as PRS wrote it.
    expect(ours[2]).toBe(prs[2].trimEnd());
    expect(ours[3]).toBe(prs[3].trimEnd());
    // The echo: PRS's NWR and detail records, numbered on from the ACK.
    const prsTransaction = prs.slice(2, first.lastLine);
    expect(ours.slice(2)).toEqual(prsTransaction.map((l) => l.trimEnd()));
  });

  it('acknowledge() writes GRT/TRL counts that its own reader accepts, one ACK per transaction', async () => {
    const lines = sampleLines(4);
    const ack = await ackLines(lines, { echo: true });
    const r = await read(ack);
    expect(r.problems.filter((p) => p.level !== 'warning')).toEqual([]);
    expect(r.transactions.map((t) => ackOf(t)!.status)).toEqual(['RA', 'RA', 'RA', 'RA']);
    expect(r.transactions.map((t) => ackOf(t)!.work?.title)).toEqual(['SAMPLE WORK 1', 'SAMPLE WORK 2', 'SAMPLE WORK 3', 'SAMPLE WORK 4']);
    expect(ack[0].slice(0, 15)).toBe('HDRSO000000052P');
    expect(ack[1].slice(0, 6)).toBe('GRHACK');
  });
});

describe('ACK for each rejection level', () => {
  const statuses = (ack: string[]) => ack.filter((l) => l.startsWith('ACK')).map((l) => fieldsOf(l).transactionStatus);
  const msgs = (ack: string[]) => ack.filter((l) => l.startsWith('MSG')).map((l) => {
    const f = fieldsOf(l);
    return `${f.messageType} ${Number(f.originalRecordSequence)} ${f.recordType} ${f.messageLevel} ${f.validationNumber}`;
  });

  it('FR: accepted (RA) with a MSG F naming NWR field edit 5; the echo carries the default', async () => {
    const lines = sampleLines(2);
    const at = lineOf(lines, 'NWR', 1);
    lines[at] = setField(lines[at], 'copyrightDate', '20161399');
    const ack = await ackLines(lines, { echo: true });
    expect(statuses(ack)).toEqual(['RA', 'RA']);
    expect(msgs(ack)).toEqual(['F 0 NWR F 005']);
    const msgAt = ack.findIndex((l) => l.startsWith('MSG'));
    expect(ack[msgAt + 1].startsWith('NWR')).toBe(true); // the MSG precedes the record it names
    expect(fieldsOf(ack[msgAt + 1]).copyrightDate).toBe('00000000');
    expect(fieldsOf(ack[msgAt]).messageText).toContain(`COPYRIGHT DATE "20161399" IS NOT A VALID DATE YYYYMMDD - REPLACED BY THE DEFAULT (NWR COPYRIGHT DATE, LINE ${at + 1} COL 107)`);
  });

  it('RR: accepted with a MSG R naming the ALT record; the rejected record is not echoed', async () => {
    const lines = sampleLines(1);
    const at = lineOf(lines, 'ALT');
    lines[at] = setField(lines[at], 'title', '');
    const ack = await ackLines(lines, { echo: true });
    expect(statuses(ack)).toEqual(['RA']);
    expect(msgs(ack)).toEqual([`R ${Number(lines[at].slice(11, 19))} ALT F 001`]);
    expect(ack.some((l) => l.startsWith('ALT'))).toBe(false);
  });

  it('TR: RJ with a MSG T; the other transactions get the status decided for them (CO, DU)', async () => {
    const lines = sampleLines(3);
    const at = lineOf(lines, 'NWR', 1);
    lines[at] = setField(lines[at], 'submitterWorkNumber', '');
    const decided = ['CO', 'DU'] as const;
    let n = 0;
    const ack = await ackLines(lines, { decide: () => ({ status: decided[n++], recipientWorkNumber: `R${n}` }) });
    expect(statuses(ack)).toEqual(['CO', 'RJ', 'DU']);
    expect(msgs(ack)).toEqual(['T 0 NWR F 003']);
    expect(ack.filter((l) => l.startsWith('ACK')).map((l) => fieldsOf(l).recipientCreationNumber.trim())).toEqual(['R1', '', 'R2']);
  });

  it('GR: every transaction of the group RJ with a MSG G naming GRT', async () => {
    const lines = sampleLines(2);
    const grt = lineOf(lines, 'GRT');
    lines[grt] = setField(lines[grt], 'transactionCount', '00000003');
    const ack = await ackLines(lines);
    expect(statuses(ack)).toEqual(['RJ', 'RJ']);
    expect(msgs(ack)).toEqual(['G 0 GRT F 002', 'G 0 GRT F 002']);
  });

  it('ER: an ACK about the file (original type TRL, group 0) with MSG E, and every transaction RJ', async () => {
    const lines = sampleLines(2);
    const trl = lines.length - 1;
    lines[trl] = setField(lines[trl], 'transactionCount', '00000009');
    const ack = await ackLines(lines);
    expect(statuses(ack)).toEqual(['RJ', 'RJ', 'RJ']);
    const first = fieldsOf(ack.find((l) => l.startsWith('ACK'))!);
    expect(first).toMatchObject({ originalGroupId: '00000', originalTransactionSequence: '00000000', originalTransactionType: 'TRL' });
    expect(msgs(ack)).toEqual(['E 0 TRL F 002']);
    // The ACK file's own counts hold.
    const r = await read(ack);
    expect(r.problems.filter((p) => p.level !== 'warning' && p.recordType !== 'ACK')).toEqual([]);
  });
});
