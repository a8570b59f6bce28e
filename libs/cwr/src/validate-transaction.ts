/**
 * Transaction-level edits of a work transaction (NWR, REV, ISW; CWR 2.2 §4.2 "Transaction
 * Level Validation" and the record/field edits that need the records around a record):
 * ownership and collection shares per right (PR, MR, SR) within the ±0.06 % tolerance,
 * per territory (TIS groups expanded to countries), publisher chains, writer links (PWR),
 * territory record positions and sequence numbers, and the 2.2 record order (edit 43).
 *
 * Shares are summed as integer hundredths of a percent ("33.33" → 3333): exact, no
 * floating point.
 */
import type { CwrVersion } from './layouts.js';
import type { CwrRecord } from './records.js';
import { type RecordCheckContext, fail, hundredths } from './validate-record.js';
import { TIS_COUNTRIES, tisEntry, tisLeafIndexes } from './tis.js';

/** ±00006 (0.06 %): the tolerance of every share total (§4.2 edits 4, 9, 11, 14, 27, 44). */
export const SHARE_TOLERANCE = 6;
export const RIGHTS = ['PR', 'MR', 'SR'] as const;
export type Right = (typeof RIGHTS)[number];
const OWN = { PR: 'prShare', MR: 'mrShare', SR: 'srShare' } as const;
const COLLECT = { PR: 'prCollection', MR: 'mrCollection', SR: 'srCollection' } as const;

const ALLOWED: ReadonlySet<string> = new Set([
  'SPU', 'NPN', 'SPT', 'OPT', 'OPU', 'SWR', 'NWN', 'SWT', 'PWR', 'OWR', 'OWT', 'ALT', 'NAT', 'EWT', 'NET', 'NOW', 'VER',
  'NVT', 'PER', 'NPR', 'REC', 'ORN', 'INS', 'IND', 'COM', 'NCT', 'ARI', 'XRF',
]);

/** Rank of each record type in the 2.2 order (edit 43); NPN/NWN/OPT/PWR/NOW take the rank of their section. */
const RANK: Readonly<Record<string, number>> = {
  SPU: 1, SPT: 1, OPU: 2, SWR: 3, SWT: 3, OWR: 4, OWT: 4, ALT: 5, NAT: 6, EWT: 7, NET: 7, VER: 8, NVT: 8, PER: 9, NPR: 9,
  REC: 10, ORN: 11, INS: 12, IND: 12, COM: 13, NCT: 13, ARI: 14, XRF: 15,
};
const SECTION_RANK: Readonly<Record<string, readonly number[]>> = { NPN: [1, 2], OPT: [1, 2], NWN: [3, 4], PWR: [3, 4], NOW: [7, 8, 13] };

interface Party {
  readonly record: CwrRecord;
  readonly controlled: boolean;
  readonly territories: CwrRecord[];
}

const s = (r: CwrRecord, f: string): string => {
  const v = r.fields[f];
  return typeof v === 'string' ? v.trim() : '';
};
const pct = (h: number): string => `${Math.trunc(h / 100)}.${String(Math.abs(h % 100)).padStart(2, '0')}`;

/** Check a work transaction's records (header first). RR-rejected records are left out. */
export function checkWorkTransaction(ctx: RecordCheckContext, records: readonly CwrRecord[], version: CwrVersion): void {
  const header = records[0];
  const details = records.slice(1);
  // Edit 8 (RR): only the detail records of the Transaction Format table.
  for (const r of details) {
    if (!ALLOWED.has(r.type)) {
      r.rejected = true;
      fail(ctx, r, null, 'RR', ['T', 8], `record type ${r.type} is not allowed in a ${header.type} transaction`, undefined, header.type);
    }
  }
  const live = details.filter((r) => !r.rejected);
  if (version === '2.2') checkOrder(ctx, header, live);

  const publishers: Party[] = [];
  const writers: Party[] = [];
  let party: Party | null = null;
  let prev: CwrRecord = header;
  let territorySeq = 0;
  let chain = 0;
  let chainHasOriginal = false;
  const chainOriginal = new Map<number, CwrRecord>();
  let writer: CwrRecord | null = null;
  const writerHasPwr = new Map<CwrRecord, boolean>();

  for (const r of live) {
    switch (r.type) {
      case 'SPU':
      case 'OPU': {
        party = { record: r, controlled: r.type === 'SPU', territories: [] };
        publishers.push(party);
        territorySeq = 0;
        writer = null;
        const seq = typeof r.fields.publisherSequence === 'number' ? r.fields.publisherSequence : null;
        const type = s(r, 'publisherType');
        if (seq !== null && seq !== chain) {
          if (seq !== chain + 1) fail(ctx, r, 'publisherSequence', 'TR', ['F', 1], `publisher sequence # ${seq} must be ${chain === 0 ? 1 : `${chain} or ${chain + 1}`}`);
          chain = seq;
          chainHasOriginal = false;
          if (r.type === 'SPU' && type !== 'E' && type !== 'PA') {
            fail(ctx, r, 'publisherType', 'TR', ['R', 2], `the first SPU of a chain must be an original publisher (E) or income participant (PA), not ${type || 'blank'}`);
          }
          chainOriginal.set(seq, r);
        }
        if (type === 'E') {
          if (chainHasOriginal) fail(ctx, r, 'publisherType', 'TR', ['T', 17], `only one original publisher (E) per publisher chain (chain ${chain})`, undefined, header.type);
          chainHasOriginal = true;
        }
        if (type === 'AQ' && chainOriginal.get(chain) && s(chainOriginal.get(chain)!, 'publisherType') !== 'E') {
          fail(ctx, r, 'publisherType', 'TR', ['F', 32], 'an acquirer (AQ) must follow an original publisher (E)');
        }
        break;
      }
      case 'SPT':
      case 'OPT': {
        const okPrev = r.type === 'SPT' ? ['SPU', 'NPN', 'SPT', 'OPT'] : ['SPU', 'NPN', 'SPT', 'OPU', 'OPT'];
        if (!party || !party.record.type.endsWith('PU') || !okPrev.includes(prev.type) || (r.type === 'SPT' && party.record.type !== 'SPU')) {
          if (r.type === 'SPT') fail(ctx, r, null, 'TR', ['F', 1], 'an SPT must follow an SPU, NPN or SPT record (never an OPU)');
          else if (version === '2.2') fail(ctx, r, null, 'TR', ['F', 14], 'an OPT must follow an SPU, NPN, SPT, OPU or OPT record');
        }
        if (party && party.record.type.endsWith('PU')) {
          if (r.type === 'SPT' && s(r, 'ipNumber') !== s(party.record, 'ipNumber')) {
            fail(ctx, r, 'ipNumber', 'TR', ['F', 2], `interested party # ${JSON.stringify(s(r, 'ipNumber'))} must be that of the SPU before it (${JSON.stringify(s(party.record, 'ipNumber'))})`);
          }
          party.territories.push(r);
        }
        territorySeq = sequence(ctx, r, territorySeq, 'SPT', 13);
        break;
      }
      case 'SWR':
      case 'OWR': {
        party = { record: r, controlled: r.type === 'SWR', territories: [] };
        writers.push(party);
        writer = r;
        writerHasPwr.set(r, false);
        territorySeq = 0;
        break;
      }
      case 'SWT':
      case 'OWT': {
        if (r.type === 'SWT' && !['SWR', 'NWN', 'SWT'].includes(prev.type)) fail(ctx, r, null, 'TR', ['F', 1], 'an SWT must follow an SWR, NWN or SWT record');
        if (r.type === 'OWT' && version === '2.2') {
          if (!['OWR', 'NWN', 'OWT'].includes(prev.type)) fail(ctx, r, null, 'TR', ['F', 11], 'an OWT must follow an OWR, NWN or OWT record');
          if (party?.record.type === 'SWR') fail(ctx, r, null, 'TR', ['F', 12], 'an OWT must not follow an SWR (controlled chain)');
        }
        if (party && party.record.type.endsWith('WR')) {
          const mine = s(r, 'ipNumber');
          const theirs = s(party.record, 'ipNumber');
          if (mine !== theirs && (r.type === 'SWT' || mine !== '')) {
            fail(ctx, r, 'ipNumber', 'TR', r.type === 'SWT' ? ['F', 2] : ['F', 13], `interested party # ${JSON.stringify(mine)} must be that of the writer before it (${JSON.stringify(theirs)})`);
          }
          party.territories.push(r);
        }
        territorySeq = sequence(ctx, r, territorySeq, 'SWT', 10);
        break;
      }
      case 'PWR':
        if (writer) writerHasPwr.set(writer, true);
        if (version === '2.2') checkPwr(ctx, r, writer, chainOriginal);
        break;
      case 'NPN':
      case 'NWN':
        break;
      default:
        party = null;
        writer = null;
    }
    prev = r;
  }

    // Edit 12 / 15: writers.
  if (writers.length === 0) fail(ctx, header, null, 'TR', ['T', 12], 'a work transaction must contain at least one writer (SWR or OWR)', undefined, header.type);
  else if (!writers.some((w) => ['CA', 'A', 'C'].includes(s(w.record, 'designation')))) {
    fail(ctx, header, null, 'TR', ['T', 15], 'there must be at least one writer with designation CA, A or C', undefined, header.type);
  }
  const modifiers = writers.filter((w) => ['AR', 'AD', 'SR', 'SA', 'TR'].includes(s(w.record, 'designation')));
  if (s(header, 'versionType') === 'MOD' && writers.length > 0 && modifiers.length === 0) {
    fail(ctx, header, 'versionType', 'TR', ['T', 10], 'a modified version (MOD) needs a writer designated AR, AD, SR, SA or TR', undefined, header.type);
  }
  if (s(header, 'versionType') === 'ORI' && modifiers.length > 0) {
    fail(ctx, modifiers[0].record, 'designation', 'TR', ['T', 23], `an original work (ORI) cannot have a writer designated ${s(modifiers[0].record, 'designation')}`, undefined, header.type);
  }

  // Ownership totals (edits 4, 9, 11).
  const total = (parties: Party[], right: Right) => parties.reduce((sum, p) => sum + hundredths(p.record.fields[OWN[right]]), 0);
  const lastWith = (parties: Party[], right: Right) => [...parties].reverse().find((p) => hundredths(p.record.fields[OWN[right]]) > 0)?.record;
  for (const right of RIGHTS) {
    const pub = total(publishers, right);
    const wri = total(writers, right);
    const pubLimit = right === 'PR' ? 5000 : 10000;
    if (pub > pubLimit + SHARE_TOLERANCE) {
      fail(ctx, lastWith(publishers, right) ?? header, OWN[right], 'TR', ['T', 4], `publishers' ${right} ownership shares total ${pct(pub)}%, over ${pct(pubLimit)}% (tolerance 0.06%)`, undefined, header.type);
    }
    const writerLow = right === 'PR' && wri !== 0 && wri < 5000 - SHARE_TOLERANCE;
    if (writerLow || wri > 10000 + SHARE_TOLERANCE) {
      fail(ctx, lastWith(writers, right) ?? header, OWN[right], 'TR', ['T', 9], `writers' ${right} ownership shares total ${pct(wri)}%; it must be 0%${right === 'PR' ? ' or from 50%' : ''} up to 100% (tolerance 0.06%)`, undefined, header.type);
    }
    const all = pub + wri;
    if (all !== 0 && Math.abs(all - 10000) > SHARE_TOLERANCE) {
      fail(ctx, lastWith([...publishers, ...writers], right) ?? header, OWN[right], 'TR', ['T', 11], `${right} ownership shares of writers and publishers total ${pct(all)}%; they must total 100% (tolerance 0.06%) or 0%`, undefined, header.type);
    }
  }

  // SWR record edit 2: unless writers own 100% of every right, each SWR is followed by a PWR.
  const writersOwnAll = RIGHTS.every((right) => Math.abs(total(writers, right) - 10000) <= SHARE_TOLERANCE);
  if (!writersOwnAll) {
    for (const [w, has] of writerHasPwr) {
      if (w.type === 'SWR' && !has) fail(ctx, w, null, 'TR', ['R', 2], 'a controlled writer (SWR) of a published work must be followed by a PWR naming the publisher');
    }
  }
  // Edit 7 / 20: a controlled party that owns shares needs territory records somewhere in its chain.
  const chains = new Map<number, Party[]>();
  for (const p of publishers.filter((p) => p.controlled)) {
    const seq = typeof p.record.fields.publisherSequence === 'number' ? p.record.fields.publisherSequence : 0;
    chains.set(seq, [...(chains.get(seq) ?? []), p]);
  }
  for (const chainParties of chains.values()) {
    const owns = chainParties.some((p) => RIGHTS.some((right) => hundredths(p.record.fields[OWN[right]]) > 0));
    if (owns && chainParties.every((p) => !p.territories.some((t) => t.type === 'SPT'))) {
      fail(ctx, chainParties[0].record, null, 'TR', ['T', 7], 'a controlled publisher chain with shares has no SPT (territory of control)', undefined, header.type);
    }
    if (version === '2.2') {
      for (const p of chainParties) {
        if (p.territories.some((t) => t.type === 'SPT') && s(p.record, 'ipiNameNumber') === '') {
          fail(ctx, p.record, 'ipiNameNumber', 'TR', ['F', 40], 'a collecting SPU (followed by an SPT) must give its IPI name number');
        }
      }
    }
  }
  for (const w of writers) {
    if (w.controlled && RIGHTS.some((right) => hundredths(w.record.fields[OWN[right]]) > 0) && w.territories.length === 0) {
      fail(ctx, w.record, null, 'TR', ['T', 20], 'a controlled writer (SWR) with shares has no SWT (territory of control)', undefined, header.type);
    }
  }

  // Collection per territory and right (edit 14: controlled SPT/SWT; 2.2 edit 44: with OPT/OWT).
  const parties = [...publishers, ...writers];
  const controlled = (t: CwrRecord) => t.type === 'SPT' || t.type === 'SWT';
  const overControlled = collectionOver(parties, controlled);
  reportOver(ctx, header, overControlled, 14);
  if (version === '2.2') {
    // Without OPT/OWT records the totals of edit 44 are those of edit 14.
    const nonControlled = parties.some((p) => p.territories.some((t) => !controlled(t)));
    reportOver(ctx, header, nonControlled ? collectionOver(parties, () => true) : overControlled, 44);
  }
}

function sequence(ctx: RecordCheckContext, r: CwrRecord, previous: number, base: string, edit: number): number {
  const seq = r.fields.sequence;
  if (typeof seq !== 'number') return previous + 1;
  if (seq !== previous + 1) {
    r.rejected = true;
    fail(ctx, r, 'sequence', 'RR', ['F', edit], `sequence # ${seq} must be ${previous + 1} (1 for the first territory after its ${base === 'SPT' ? 'publisher' : 'writer'}, then +1)`, undefined, base);
  }
  return seq;
}

function checkPwr(ctx: RecordCheckContext, r: CwrRecord, writer: CwrRecord | null, chainOriginal: ReadonlyMap<number, CwrRecord>) {
  const seq = r.fields.publisherSequence;
  const original = typeof seq === 'number' ? chainOriginal.get(seq) : undefined;
  if (typeof seq !== 'number' || !original) {
    fail(ctx, r, 'publisherSequence', 'TR', ['F', 7], `publisher sequence # ${seq ?? '(blank)'} must name a publisher chain of this work`);
  }
  const controlled = writer?.type === 'SWR';
  if (controlled) {
    if (s(r, 'writerIpNumber') === '') fail(ctx, r, 'writerIpNumber', 'TR', ['F', 8], 'writer IP # must be entered on a PWR after an SWR');
    if (s(r, 'publisherIpNumber') === '') fail(ctx, r, 'publisherIpNumber', 'TR', ['F', 9], 'publisher IP # must be entered on a PWR after an SWR');
    if (s(r, 'publisherName') === '') fail(ctx, r, 'publisherName', 'TR', ['F', 10], 'publisher name must be entered on a PWR after an SWR');
  }
  if (writer && s(r, 'writerIpNumber') !== '' && s(r, 'writerIpNumber') !== s(writer, 'ipNumber')) {
    fail(ctx, r, 'writerIpNumber', 'TR', ['F', 11], `writer IP # ${JSON.stringify(s(r, 'writerIpNumber'))} must be that of the writer before it (${JSON.stringify(s(writer, 'ipNumber'))})`);
  }
  if (original && s(r, 'publisherIpNumber') !== '' && s(r, 'publisherIpNumber') !== s(original, 'ipNumber')) {
    fail(ctx, r, 'publisherIpNumber', 'TR', ['F', 12], `publisher IP # ${JSON.stringify(s(r, 'publisherIpNumber'))} must be that of chain ${String(seq)}'s original publisher (${JSON.stringify(s(original, 'ipNumber'))})`);
  }
  if (original && s(r, 'publisherName') !== '' && s(r, 'publisherName') !== s(original, 'name')) {
    fail(ctx, r, 'publisherName', 'FR', ['F', 13], `publisher name must be that of chain ${String(seq)}'s original publisher - replaced by ${JSON.stringify(s(original, 'name'))}`, s(original, 'name'));
  }
}

function checkOrder(ctx: RecordCheckContext, header: CwrRecord, records: readonly CwrRecord[]) {
  let rank = 0;
  for (const r of records) {
    const fixed = RANK[r.type];
    if (fixed !== undefined) {
      if (fixed < rank) {
        fail(ctx, r, null, 'TR', ['T', 43], `record ${r.type} is out of the 2.2 order (NWR, SPU…, OPU…, SWR…, OWR…, ALT, NAT, EWT, VER, PER, REC, ORN, INS, COM, ARI, XRF)`, undefined, header.type);
        return;
      }
      rank = fixed;
    } else if (SECTION_RANK[r.type] && !SECTION_RANK[r.type].includes(rank)) {
      fail(ctx, r, null, 'TR', ['T', 43], `record ${r.type} is out of the 2.2 order: it must follow the record it belongs to`, undefined, header.type);
      return;
    }
  }
}

interface Over {
  readonly right: Right;
  /** The TIS code the total is over in (a country, or the one territory every record names). */
  readonly tis: string;
  readonly total: number;
  /** How many countries are over. */
  readonly count: number;
  readonly contributors: readonly CwrRecord[];
}

/**
 * Per country and right, the sum of the collection shares of the selected territory
 * records; the rights whose total somewhere exceeds 100 % + tolerance. A party's records
 * apply in order: an inclusion sets its share for the countries it covers, an exclusion
 * removes them.
 */
function collectionOver(parties: readonly Party[], select: (t: CwrRecord) => boolean): Over[] {
  const relevant = parties.filter((p) => p.territories.some(select));
  if (relevant.length === 0) return [];
  // Fast path: every selected record includes the same territory, one per party (e.g. all 2136 WORLD).
  const first = relevant[0].territories.find(select)!;
  const single = relevant.every((p) => {
    const ts = p.territories.filter(select);
    return ts.length === 1 && ts[0].fields.inclusion === 'I' && ts[0].fields.tis === first.fields.tis;
  });
  if (single) {
    const over: Over[] = [];
    for (const right of RIGHTS) {
      const records = relevant.map((p) => p.territories.find(select)!);
      const total = records.reduce((sum, t) => sum + hundredths(t.fields[COLLECT[right]]), 0);
      if (total > 10000 + SHARE_TOLERANCE) {
        over.push({ right, tis: String(first.fields.tis), total, count: tisLeafIndexes(String(first.fields.tis)).length, contributors: records.filter((t) => hundredths(t.fields[COLLECT[right]]) > 0) });
      }
    }
    return over;
  }
  const n = TIS_COUNTRIES.length;
  const totals = RIGHTS.map(() => new Int32Array(n));
  const mine = RIGHTS.map(() => new Int32Array(n));
  for (const p of relevant) {
    for (const m of mine) m.fill(-1);
    for (const t of p.territories) {
      if (!select(t)) continue;
      const leaves = tisLeafIndexes(typeof t.fields.tis === 'string' ? t.fields.tis : '');
      const include = t.fields.inclusion === 'I';
      RIGHTS.forEach((right, i) => {
        const share = include ? hundredths(t.fields[COLLECT[right]]) : -1;
        const m = mine[i];
        for (let k = 0; k < leaves.length; k++) m[leaves[k]] = share;
      });
    }
    RIGHTS.forEach((_, i) => {
      const m = mine[i];
      const tot = totals[i];
      for (let k = 0; k < n; k++) if (m[k] > 0) tot[k] += m[k];
    });
  }
  const over: Over[] = [];
  RIGHTS.forEach((right, i) => {
    const tot = totals[i];
    let worst = -1;
    let count = 0;
    for (let k = 0; k < n; k++) {
      if (tot[k] > 10000 + SHARE_TOLERANCE) {
        count++;
        if (worst < 0 || tot[k] > tot[worst]) worst = k;
      }
    }
    if (worst < 0) return;
    const contributors = relevant.flatMap((p) => {
      const last = [...p.territories].reverse().find((t) => select(t) && tisLeafIndexes(String(t.fields.tis)).includes(worst));
      return last && last.fields.inclusion === 'I' && hundredths(last.fields[COLLECT[right]]) > 0 ? [last] : [];
    });
    over.push({ right, tis: TIS_COUNTRIES[worst], total: tot[worst], count, contributors });
  });
  return over;
}

function reportOver(ctx: RecordCheckContext, header: CwrRecord, over: readonly Over[], edit: 14 | 44) {
  for (const { right, tis, total, count, contributors } of over) {
    // Point at the most specific record (the one naming the fewest countries), the likeliest mistake.
    const at = contributors.reduce<CwrRecord | null>((best, c) => (!best || tisLeafIndexes(String(c.fields.tis)).length <= tisLeafIndexes(String(best.fields.tis)).length ? c : best), null) ?? header;
    const scope = edit === 44 ? 'controlled and non-controlled' : 'controlled';
    const others = tisEntry(tis)?.kind === 'group' ? '' : count > 1 ? ` (and in ${count - 1} other countr${count > 2 ? 'ies' : 'y'})` : '';
    fail(
      ctx,
      at,
      at === header ? null : COLLECT[right],
      'TR',
      ['T', edit],
      `${right} ${scope} collection shares in ${tisEntry(tis)?.name ?? tis} (${tis}) total ${pct(total)}%, over 100% (tolerance 0.06%)${others}; from lines ${contributors.map((c) => c.line).join(', ')}`,
      undefined,
      header.type,
    );
  }
}
