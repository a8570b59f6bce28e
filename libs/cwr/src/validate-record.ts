/**
 * Field- and record-level edits of one record, as the CWR 2.2 specification numbers them
 * (CWR19-1070R1; section in brackets). Each edit that fails gives a problem at the
 * field's line and column with the edit's rejection level; an FR edit also puts the
 * default the specification names into the field, so that what follows (and an ACK's
 * echo of the record) sees the processed value.
 *
 * What cannot be checked without the society's own databases (IPI, agreements, the
 * submitter's earlier registrations) is limited to the form: an IPI name number must be
 * 11 digits with its check digits, an ISWC T + 10 digits with its check digit.
 */
import { isIpi, isIsrc, isIswc } from '../../identifiers/src/index.js';
import { type CwrVersion, type FieldLayout, LAYOUTS } from './layouts.js';
import {
  BLTVR,
  COMPOSITE_TYPE,
  DISTRIBUTION_CATEGORY,
  EXCERPT_TYPE,
  INTENDED_PURPOSE,
  LANGUAGE,
  LYRIC_ADAPTATION,
  MEDIA_TYPE,
  MUSIC_ARRANGEMENT,
  PUBLISHER_TYPE,
  SOCIETY,
  SPECIAL_AGREEMENT,
  TEXT_MUSIC_RELATIONSHIP,
  TITLE_TYPE,
  TRANSACTION_TYPE,
  USA_LICENSE,
  VERSION_TYPE,
  WORK_TYPE,
  WRITER_DESIGNATION,
  AGREEMENT_TYPE,
  CHARACTER_SETS,
  isTransactionStatus,
} from './lookups.js';
import { type CwrProblem, type MessageLevel, type RejectionLevel, validation } from './problems.js';
import type { CwrRecord, CwrValue, FieldDefect } from './records.js';
import { isTisCode } from './tis.js';

export interface RecordCheckContext {
  readonly version: CwrVersion;
  readonly report: (problem: CwrProblem) => void;
}

/** Report a problem on `field` of `record`; for FR, put `replacement` into the field. */
export function fail(
  ctx: RecordCheckContext,
  record: CwrRecord,
  fieldName: string | null,
  level: RejectionLevel,
  edit: readonly [MessageLevel, number | string] | null,
  message: string,
  replacement?: CwrValue,
  recordType = record.type,
): void {
  const field = fieldName ? fieldOf(record.type, fieldName) : undefined;
  const text = field ? rawOf(record, field) : undefined;
  const problem: CwrProblem = {
    level,
    line: record.line,
    column: field ? field.start : 1,
    recordType: record.type,
    recordSequence: record.recordSequence,
    field: fieldName,
    validation: edit ? validation(recordType, edit[0], edit[1]) : null,
    message,
    ...(text !== undefined && text.trim() !== '' ? { value: text.trimEnd() } : {}),
    ...(level === 'FR' && field ? { replacedWith: replacementText(field, replacement ?? null) } : {}),
  };
  if (level === 'FR' && fieldName) {
    record.fields[fieldName] = replacement ?? null;
    if (record.blank.has(fieldName)) (record as { blank: ReadonlySet<string> }).blank = new Set([...record.blank].filter((f) => f !== fieldName));
  }
  ctx.report(problem);
}

function replacementText(field: FieldLayout, value: CwrValue): string {
  if (value === null || value === '') {
    return field.type === 'A' || field.type === 'L' || field.type === 'X' || field.type === 'B' || field.type === 'F'
      ? ' '.repeat(field.size)
      : '0'.repeat(field.size);
  }
  return String(value);
}

const fieldIndex = new Map<string, Map<string, FieldLayout>>();
export function fieldOf(type: string, name: string): FieldLayout | undefined {
  let byName = fieldIndex.get(type);
  if (!byName) {
    byName = new Map((LAYOUTS.get(type)?.fields ?? []).map((f) => [f.name, f]));
    fieldIndex.set(type, byName);
  }
  return byName.get(name);
}

/** Raw text of the field kept for messages (only for defects: see `defectText`). */
const defectText = new WeakMap<CwrRecord, Map<string, string>>();
function rawOf(record: CwrRecord, field: FieldLayout): string | undefined {
  return defectText.get(record)?.get(field.name) ?? stringOf(record.fields[field.name]);
}
/** Whether the field's text did not fit its type (already reported by reportDefects). */
export function defective(record: CwrRecord, field: string): boolean {
  return defectText.get(record)?.has(field) ?? false;
}
function stringOf(v: CwrValue | undefined): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

const str = (r: CwrRecord, f: string): string => {
  const v = r.fields[f];
  return typeof v === 'string' ? v : '';
};
const entered = (r: CwrRecord, f: string): boolean => str(r, f).trim() !== '';
/** Share in integer hundredths of a percent (exact; "50.00" → 5000), 0 when absent. */
export function hundredths(value: CwrValue | undefined): number {
  if (typeof value !== 'string' || value === '') return 0;
  // "ddd.dd" as written by the parser: integer arithmetic on the digits.
  let units = 0;
  let i = 0;
  for (; i < value.length && value.charCodeAt(i) !== 46; i++) units = units * 10 + (value.charCodeAt(i) - 48);
  const tenths = i + 1 < value.length ? value.charCodeAt(i + 1) - 48 : 0;
  const cents = i + 2 < value.length ? value.charCodeAt(i + 2) - 48 : 0;
  return units * 100 + tenths * 10 + cents;
}

type Edit = readonly [RejectionLevel, MessageLevel, number, CwrValue?];
/**
 * What a field whose text does not fit its type becomes: [level, message level, edit
 * number, default]. Fields not listed: dates, times and flags are FR (zeros / blank), a
 * number or share is TR (the spec requires numeric shares, e.g. SPU edit 13).
 */
const DEFECT_EDITS: Record<string, Record<string, Edit>> = {
  HDR: {
    senderId: ['ER', 'F', 3],
    creationDate: ['ER', 'F', 10],
    creationTime: ['ER', 'F', 10],
    transmissionDate: ['ER', 'F', 11],
    revision: ['ER', 'F', 16],
  },
  GRH: { groupId: ['GR', 'F', 2], batchRequest: ['FR', 'F', 2, null] },
  GRT: { groupId: ['GR', 'F', 1], transactionCount: ['GR', 'F', 2], recordCount: ['GR', 'F', 3] },
  TRL: { groupCount: ['ER', 'F', 1], transactionCount: ['ER', 'F', 2], recordCount: ['ER', 'F', 3] },
  NWR: {
    copyrightDate: ['FR', 'F', 5, null],
    duration: ['FR', 'F', 8, null],
    recorded: ['FR', 'F', 9, 'U'],
    grandRights: ['FR', 'F', 16, null],
    compositeComponentCount: ['TR', 'F', 20],
  },
  SPU: {
    publisherSequence: ['TR', 'F', 1],
    prShare: ['TR', 'F', 13],
    mrShare: ['TR', 'F', 16],
    srShare: ['TR', 'F', 18],
    firstRecordingRefusal: ['FR', 'F', 21, null],
    unknown: ['FR', 'F', 8, 'N'],
  },
  SPT: {
    prCollection: ['TR', 'F', 6],
    mrCollection: ['TR', 'F', 7],
    srCollection: ['TR', 'F', 8],
    sharesChange: ['FR', 'F', 11, 'N'],
    sequence: ['RR', 'F', 12],
  },
  SWR: {
    prShare: ['TR', 'F', 11],
    mrShare: ['TR', 'F', 13],
    srShare: ['TR', 'F', 15],
    reversionary: ['FR', 'F', 16, null],
    firstRecordingRefusal: ['FR', 'F', 17, null],
    workForHire: ['FR', 'F', 18, null],
    unknown: ['FR', 'F', 5, 'N'],
  },
  SWT: {
    prCollection: ['TR', 'F', 3],
    mrCollection: ['TR', 'F', 4],
    srCollection: ['TR', 'F', 5],
    sharesChange: ['FR', 'F', 8, 'N'],
    sequence: ['RR', 'F', 9],
  },
  PWR: { publisherSequence: ['TR', 'F', 7] },
  REC: { releaseDate: ['FR', 'F', 2, null], releaseDuration: ['FR', 'F', 3, null] },
  ORN: { cutNumber: ['FR', 'F', 5, null], yearOfProduction: ['FR', 'F', 8, null] },
  ACK: {
    creationDate: ['TR', 'F', 1],
    creationTime: ['TR', 'F', 1],
    originalGroupId: ['TR', 'F', 2],
    originalTransactionSequence: ['TR', 'F', 2],
    processingDate: ['TR', 'F', 7],
  },
  MSG: { originalRecordSequence: ['TR', 'F', 2] },
};
for (const [alias, of] of [
  ['REV', 'NWR'],
  ['ISW', 'NWR'],
  ['EXC', 'NWR'],
  ['OPU', 'SPU'],
  ['OPT', 'SPT'],
  ['OWR', 'SWR'],
  ['OWT', 'SWT'],
] as const) {
  DEFECT_EDITS[alias] = DEFECT_EDITS[of];
}


/** Apply the type defects found while parsing (fields whose text did not fit). */
export function reportDefects(ctx: RecordCheckContext, record: CwrRecord, defects: readonly FieldDefect[]): void {
  if (defects.length === 0) return;
  const raw = new Map<string, string>();
  for (const d of defects) raw.set(d.field.name, d.text);
  defectText.set(record, raw);
  for (const { field, text } of defects) {
    const edit = DEFECT_EDITS[record.type]?.[field.name];
    const what = describeType(field);
    const message = `${field.name} ${JSON.stringify(text)} is not ${what}`;
    if (edit) {
      const [level, mlevel, number, replacement] = edit;
      fail(ctx, record, field.name, level, [mlevel, number], message + (level === 'FR' ? ' - replaced by the default' : ''), replacement);
    } else if (field.type === 'N' || field.type === 'S') {
      fail(ctx, record, field.name, 'TR', null, message);
    } else {
      fail(ctx, record, field.name, 'FR', null, `${message} - replaced by the default`, null);
    }
  }
}

function describeType(field: FieldLayout): string {
  switch (field.type) {
    case 'N':
      return `a number (${field.size} digits, zero-filled)`;
    case 'S':
      return 'a share (5 digits, 999v99)';
    case 'D':
      return 'a valid date YYYYMMDD';
    case 'T':
      return 'a valid time HHMMSS';
    case 'B':
      return 'Y or N';
    case 'F':
      return 'Y, N or U';
    default:
      return 'valid';
  }
}

function lookup(ctx: RecordCheckContext, r: CwrRecord, f: string, table: Readonly<Record<string, string>>, level: RejectionLevel, edit: readonly [MessageLevel, number], replacement: CwrValue = '') {
  const v = str(r, f).trim();
  if (v !== '' && !Object.hasOwn(table, v)) {
    fail(ctx, r, f, level, edit, `${f} ${JSON.stringify(v)} is not in the ${tableName(f)} table`, level === 'FR' ? replacement : undefined);
  }
}
function tableName(field: string): string {
  return field.replace(/([A-Z])/g, ' $1').toLowerCase();
}
function required(ctx: RecordCheckContext, r: CwrRecord, f: string, level: RejectionLevel, edit: readonly [MessageLevel, number]) {
  if (!entered(r, f) && r.fields[f] === '') {
    fail(ctx, r, f, level, edit, `${f} must be entered`);
    return false;
  }
  return true;
}

const SHARE_MAX = { PR_PUBLISHER: 5000, FULL: 10000 };

/** Edits of one record that need nothing but the record itself. */
export function checkRecord(ctx: RecordCheckContext, r: CwrRecord): void {
  switch (r.type) {
    case 'HDR':
      return checkHdr(ctx, r);
    case 'GRH':
      lookup(ctx, r, 'transactionType', TRANSACTION_TYPE, 'GR', ['F', 1]);
      if (str(r, 'transactionType') === 'COP') fail(ctx, r, 'transactionType', 'GR', ['F', 1], 'transaction type COP is no longer valid');
      return;
    case 'NWR':
    case 'REV':
    case 'ISW':
    case 'EXC':
      return checkWork(ctx, r);
    case 'SPU':
    case 'OPU':
      return checkPublisher(ctx, r);
    case 'SPT':
    case 'OPT':
      return checkTerritory(ctx, r, r.type === 'SPT' || r.type === 'OPT' ? SHARE_MAX.PR_PUBLISHER : SHARE_MAX.FULL, [6, 7, 8], [9, 10]);
    case 'SWR':
    case 'OWR':
      return checkWriter(ctx, r);
    case 'SWT':
    case 'OWT':
      checkTerritory(ctx, r, SHARE_MAX.FULL, [3, 4, 5], [6, 7]);
      if (str(r, 'inclusion') === 'E' && (hundredths(r.fields.prCollection) || hundredths(r.fields.mrCollection) || hundredths(r.fields.srCollection))) {
        for (const f of ['prCollection', 'mrCollection', 'srCollection']) r.fields[f] = '0.00';
        fail(ctx, r, null, 'FR', ['R', 3], 'an exclusion (E) must have all collection shares zero - set to zero');
      }
      return;
    case 'ALT':
      return checkAlt(ctx, r);
    case 'PER':
      if (!entered(r, 'lastName')) fail(ctx, r, 'lastName', 'RR', ['F', 1], 'performing artist last name must be entered');
      ipi(ctx, r, 'ipiNameNumber', 'FR', ['F', 2]);
      return;
    case 'REC':
      return checkRec(ctx, r);
    case 'ORN':
      return checkOrn(ctx, r);
    case 'ACK': {
      const status = str(r, 'transactionStatus');
      if (!isTransactionStatus(status)) fail(ctx, r, 'transactionStatus', 'TR', ['F', 8], `transaction status ${JSON.stringify(status)} is not in the Transaction Status table`);
      return;
    }
    case 'MSG':
      if (!'FRTGE'.includes(str(r, 'messageType') || '?')) fail(ctx, r, 'messageType', 'TR', ['F', 1], 'message type must be F, R, T, G or E');
      if (!'FRTGE'.includes(str(r, 'messageLevel') || '?')) fail(ctx, r, 'messageLevel', 'TR', ['F', 3], 'message level must be F, R, T, G or E');
      return;
  }
}

function checkHdr(ctx: RecordCheckContext, r: CwrRecord) {
  const type = str(r, 'senderType');
  if (!['PB', 'SO', 'AA', 'WR'].includes(type) && !/^[0-9]{2}$/.test(type)) {
    fail(ctx, r, 'senderType', 'ER', ['F', 2], `sender type ${JSON.stringify(type)} must be PB, SO, AA, WR or the two leading digits of an 11-digit IPI name number`);
  }
  const id = str(r, 'senderId');
  if (!/^[0-9]{9}$/.test(id)) fail(ctx, r, 'senderId', 'ER', ['F', 3], `sender ID ${JSON.stringify(id)} must be 9 digits`);
  else if (type === 'SO' && !Object.hasOwn(SOCIETY, id.slice(-3)) ) fail(ctx, r, 'senderId', 'ER', ['F', 4], `society code ${id} is not in the Society Code table`);
  if (!entered(r, 'senderName')) fail(ctx, r, 'senderName', 'ER', ['F', 5], 'sender name must be entered');
  if (str(r, 'ediVersion') !== '01.10') fail(ctx, r, 'ediVersion', 'ER', ['F', 9], `EDI standard version ${JSON.stringify(str(r, 'ediVersion'))} must be "01.10"`);
  if (r.fields.creationDate === null && !defective(r, 'creationDate')) fail(ctx, r, 'creationDate', 'ER', ['F', 10], 'creation date must be entered');
  if (r.fields.transmissionDate === null && !defective(r, 'transmissionDate')) fail(ctx, r, 'transmissionDate', 'ER', ['F', 11], 'transmission date must be entered');
  const charset = str(r, 'characterSet').trim();
  if (charset !== '' && !Object.hasOwn(CHARACTER_SETS, charset.toUpperCase())) {
    fail(ctx, r, 'characterSet', 'ER', ['F', 14], `character set ${JSON.stringify(charset)} must be Big5, GB or a Unicode encoding such as UTF-8`);
  }
  const version = str(r, 'version').trim();
  if (version !== '' && version !== '2.2' && version !== '2.1') fail(ctx, r, 'version', 'ER', ['F', 15], `CWR version ${JSON.stringify(version)} must be 2.2 (or 2.1)`);
  const revision = str(r, 'revision').trim();
  if (revision !== '' && !/^[0-9]{3}$/.test(revision)) fail(ctx, r, 'revision', 'ER', ['F', 16], `revision ${JSON.stringify(revision)} must be a number`);
}

/** The CWR sender: the 11-digit IPI name number when Sender Type carries its first two digits (HDR §3.5). */
export function senderOf(hdr: CwrRecord): { type: 'PB' | 'SO' | 'AA' | 'WR' | null; id: string; ipiNameNumber: string | null } {
  const type = str(hdr, 'senderType');
  const id = str(hdr, 'senderId');
  if (/^[0-9]{2}$/.test(type)) return { type: null, id: type + id, ipiNameNumber: type + id };
  const known = (['PB', 'SO', 'AA', 'WR'] as const).find((t) => t === type) ?? null;
  return { type: known, id, ipiNameNumber: known && known !== 'SO' && /^[0-9]{9}$/.test(id) ? `00${id}` : null };
}

function checkWork(ctx: RecordCheckContext, r: CwrRecord) {
  const exc = r.type === 'EXC';
  // "If the transaction type is EXC, all edits regarding mandatory fields may be bypassed."
  if (!exc) {
    required(ctx, r, 'title', 'TR', ['F', 1]);
    required(ctx, r, 'submitterWorkNumber', 'TR', ['F', 3]);
    required(ctx, r, 'distributionCategory', 'TR', ['F', 6]);
    required(ctx, r, 'versionType', 'TR', ['F', 12]);
  }
  lookup(ctx, r, 'language', LANGUAGE, 'TR', ['F', 2]);
  const iswc = str(r, 'iswc').trim();
  if (iswc !== '' && !isIswc(iswc)) fail(ctx, r, 'iswc', 'FR', ['F', 4], `ISWC ${JSON.stringify(iswc)} is not a valid ISWC (T + 9 digits + check digit) - replaced with spaces`, '');
  lookup(ctx, r, 'distributionCategory', DISTRIBUTION_CATEGORY, 'TR', ['F', 6]);
  if (str(r, 'distributionCategory') === 'SER' && r.fields.duration === null && !exc) {
    fail(ctx, r, 'duration', 'TR', ['F', 7], 'duration must be greater than zero for serious music (SER)');
  }
  lookup(ctx, r, 'textMusicRelationship', TEXT_MUSIC_RELATIONSHIP, 'FR', ['F', 10]);
  lookup(ctx, r, 'compositeType', COMPOSITE_TYPE, 'FR', ['F', 11]);
  lookup(ctx, r, 'versionType', VERSION_TYPE, 'TR', ['F', 12]);
  lookup(ctx, r, 'excerptType', EXCERPT_TYPE, 'FR', ['F', 13]);
  if (str(r, 'versionType') === 'MOD' && !exc) {
    required(ctx, r, 'musicArrangement', 'TR', ['F', 14]);
    required(ctx, r, 'lyricAdaptation', 'TR', ['F', 15]);
  }
  lookup(ctx, r, 'musicArrangement', MUSIC_ARRANGEMENT, 'TR', ['F', 22]);
  lookup(ctx, r, 'lyricAdaptation', LYRIC_ADAPTATION, 'TR', ['F', 23]);
  lookup(ctx, r, 'workType', WORK_TYPE, 'FR', ['F', 17]);
  const composite = entered(r, 'compositeType');
  const count = r.fields.compositeComponentCount;
  const hasCount = typeof count === 'number' && count > 0;
  if (composite && !hasCount && !exc) fail(ctx, r, 'compositeComponentCount', 'TR', ['F', 18], 'composite component count must be entered for a composite');
  if (hasCount && !composite && !exc) fail(ctx, r, 'compositeType', 'TR', ['F', 19], 'composite type must be entered when a component count is');
  if (hasCount && (count as number) < 2) fail(ctx, r, 'compositeComponentCount', 'TR', ['F', 20], 'composite component count must be greater than 1');
}

function society(ctx: RecordCheckContext, r: CwrRecord, f: string, number: number) {
  const v = str(r, f).trim();
  if (v !== '' && !Object.hasOwn(SOCIETY, v)) fail(ctx, r, f, 'FR', ['F', number], `${f} ${JSON.stringify(v)} is not in the Society Code table - replaced with spaces`, '');
}
function ipi(ctx: RecordCheckContext, r: CwrRecord, f: string, level: RejectionLevel, edit: readonly [MessageLevel, number]) {
  const v = str(r, f).trim();
  if (v !== '' && !/^0+$/.test(v) && !isIpi(v)) {
    fail(ctx, r, f, level, edit, `IPI name number ${JSON.stringify(v)} is not 11 digits with valid check digits - replaced with spaces`, '');
  }
}
function shareRange(ctx: RecordCheckContext, r: CwrRecord, f: string, max: number, level: RejectionLevel, edit: readonly [MessageLevel, number], what: string) {
  const v = r.fields[f];
  if (typeof v === 'string' && hundredths(v) > max) {
    fail(ctx, r, f, level, edit, `${what} ${v}% is over ${max / 100}%`);
  }
}
function numericTaxId(ctx: RecordCheckContext, r: CwrRecord, number: number) {
  const v = str(r, 'taxId');
  if (v.trim() !== '' && !/^[0-9]+ *$/.test(v)) fail(ctx, r, 'taxId', 'FR', ['F', number], `tax ID ${JSON.stringify(v)} must be numeric - replaced with zeros`, '000000000');
}

function checkPublisher(ctx: RecordCheckContext, r: CwrRecord) {
  const spu = r.type === 'SPU';
  if (r.fields.publisherSequence === null && !defective(r, 'publisherSequence')) fail(ctx, r, 'publisherSequence', 'TR', ['F', 1], 'publisher sequence # must be entered');
  if (spu && !entered(r, 'ipNumber')) fail(ctx, r, 'ipNumber', 'TR', ['F', 2], 'interested party # must be entered for SPU');
  const unknown = str(r, 'unknown');
  if (spu && unknown !== '') fail(ctx, r, 'unknown', 'TR', ['F', 7], 'publisher unknown indicator must be blank on SPU');
  if (!spu && unknown === 'Y' && entered(r, 'name')) fail(ctx, r, 'unknown', 'FR', ['F', 9], 'publisher unknown indicator is Y but a name is given - set to N', 'N');
  if ((spu || str(r, 'unknown') !== 'Y') && !entered(r, 'name')) fail(ctx, r, 'name', 'TR', ['F', 4], 'publisher name must be entered');
  const type = str(r, 'publisherType').trim();
  if (spu) {
    if (type === '') fail(ctx, r, 'publisherType', 'TR', ['F', 5], 'publisher type must be entered for SPU');
    else if (!Object.hasOwn(PUBLISHER_TYPE, type)) fail(ctx, r, 'publisherType', 'TR', ['F', 6], `publisher type ${JSON.stringify(type)} is not in the Publisher Type table`);
  } else if (!Object.hasOwn(PUBLISHER_TYPE, type)) {
    fail(ctx, r, 'publisherType', 'FR', ['F', 28], `publisher type ${JSON.stringify(type)} is missing or invalid on OPU - defaulted to E`, 'E');
  }
  ipi(ctx, r, 'ipiNameNumber', 'FR', ['F', 10]);
  society(ctx, r, 'prSociety', 12);
  society(ctx, r, 'mrSociety', 15);
  society(ctx, r, 'srSociety', 17);
  shareRange(ctx, r, 'prShare', SHARE_MAX.PR_PUBLISHER, 'TR', ['F', 13], 'PR ownership share');
  shareRange(ctx, r, 'mrShare', SHARE_MAX.FULL, 'TR', ['F', 16], 'MR ownership share');
  shareRange(ctx, r, 'srShare', SHARE_MAX.FULL, 'TR', ['F', 18], 'SR ownership share');
  const finalType = str(r, 'publisherType').trim();
  if (finalType !== 'E' && finalType !== 'AQ' && (hundredths(r.fields.prShare) || hundredths(r.fields.mrShare) || hundredths(r.fields.srShare))) {
    fail(ctx, r, 'prShare', 'TR', ['F', 19], `only original publishers (E) and acquirers (AQ) own shares; this ${finalType || 'publisher'} has ownership shares`);
  }
  const special = str(r, 'specialAgreement').trim();
  if (special !== '' && !Object.hasOwn(SPECIAL_AGREEMENT, special)) fail(ctx, r, 'specialAgreement', 'FR', ['F', 20], `special agreement indicator ${JSON.stringify(special)} is not in the table - replaced with a space`, '');
  else if (!spu && special !== '' && special !== 'L') fail(ctx, r, 'specialAgreement', 'FR', ['F', 27], 'on OPU the special agreements indicator can only be L or blank - replaced with a space', '');
  numericTaxId(ctx, r, 23);
  lookup(ctx, r, 'agreementType', AGREEMENT_TYPE, 'FR', ['F', 30]);
  lookup(ctx, r, 'usaLicense', USA_LICENSE, 'FR', ['F', 31]);
}

function checkTerritory(ctx: RecordCheckContext, r: CwrRecord, prMax: number, shareEdits: readonly [number, number, number], codeEdits: readonly [number, number]) {
  const base = r.type === 'SPT' || r.type === 'OPT' ? 'SPT' : 'SWT';
  shareRange(ctx, r, 'prCollection', prMax, 'TR', ['F', shareEdits[0]], 'PR collection share');
  shareRange(ctx, r, 'mrCollection', SHARE_MAX.FULL, 'TR', ['F', shareEdits[1]], 'MR collection share');
  shareRange(ctx, r, 'srCollection', SHARE_MAX.FULL, 'TR', ['F', shareEdits[2]], 'SR collection share');
  const tis = str(r, 'tis');
  if (!isTisCode(tis)) fail(ctx, r, 'tis', 'TR', ['F', codeEdits[0]], `TIS code ${JSON.stringify(tis)} is not a CISAC TIS territory`);
  const inclusion = str(r, 'inclusion');
  if (inclusion !== 'I' && inclusion !== 'E') fail(ctx, r, 'inclusion', 'TR', ['F', codeEdits[1]], 'inclusion/exclusion indicator must be I or E');
  if (inclusion === 'I' && !hundredths(r.fields.prCollection) && !hundredths(r.fields.mrCollection) && !hundredths(r.fields.srCollection)) {
    fail(ctx, r, 'prCollection', 'TR', ['R', 1], 'an inclusion (I) must give at least one collection share greater than zero');
  }
  if (r.fields.sequence === null && !defective(r, 'sequence')) fail(ctx, r, 'sequence', 'RR', ['F', base === 'SPT' ? 12 : 9], 'sequence # must be present');
}

function checkWriter(ctx: RecordCheckContext, r: CwrRecord) {
  const swr = r.type === 'SWR';
  if (swr && !entered(r, 'ipNumber')) fail(ctx, r, 'ipNumber', 'TR', ['F', 1], 'interested party # must be entered for SWR');
  const unknown = str(r, 'unknown');
  if (swr && unknown !== '') fail(ctx, r, 'unknown', 'TR', ['F', 4], 'writer unknown indicator must be blank on SWR');
  if (!swr && unknown === 'Y' && entered(r, 'lastName')) fail(ctx, r, 'unknown', 'FR', ['F', 6], 'writer unknown indicator is Y but a last name is given - set to N', 'N');
  if ((swr || str(r, 'unknown') !== 'Y') && !entered(r, 'lastName')) fail(ctx, r, 'lastName', 'TR', ['F', 3], 'writer last name must be entered');
  const designation = str(r, 'designation').trim();
  if (swr && designation === '') fail(ctx, r, 'designation', 'TR', ['F', 7], 'writer designation code must be entered for SWR');
  else if (designation !== '' && !Object.hasOwn(WRITER_DESIGNATION, designation)) fail(ctx, r, 'designation', 'TR', ['F', 8], `writer designation ${JSON.stringify(designation)} is not in the Writer Designation table`);
  ipi(ctx, r, 'ipiNameNumber', 'FR', ['F', 9]);
  society(ctx, r, 'prSociety', 10);
  society(ctx, r, 'mrSociety', 12);
  society(ctx, r, 'srSociety', 14);
  shareRange(ctx, r, 'prShare', SHARE_MAX.FULL, 'TR', ['F', 11], 'PR ownership share');
  shareRange(ctx, r, 'mrShare', SHARE_MAX.FULL, 'TR', ['F', 13], 'MR ownership share');
  shareRange(ctx, r, 'srShare', SHARE_MAX.FULL, 'TR', ['F', 15], 'SR ownership share');
  numericTaxId(ctx, r, 21);
  lookup(ctx, r, 'usaLicense', USA_LICENSE, 'FR', ['F', 24]);
}

function checkAlt(ctx: RecordCheckContext, r: CwrRecord) {
  if (!entered(r, 'title')) fail(ctx, r, 'title', 'RR', ['F', 1], 'alternate title must be entered');
  const type = str(r, 'titleType').trim();
  if (type === '' || type === 'OT' || !Object.hasOwn(TITLE_TYPE, type)) {
    fail(ctx, r, 'titleType', 'FR', ['F', 2], `title type ${JSON.stringify(type)} must be a Title Type other than OT - defaulted to AT (alternative title)`, 'AT');
  }
  const language = str(r, 'language').trim();
  if (language !== '' && !Object.hasOwn(LANGUAGE, language)) fail(ctx, r, 'language', 'RR', ['F', 3], `language code ${JSON.stringify(language)} is not in the Language Code table`);
  if ((str(r, 'titleType') === 'OL' || str(r, 'titleType') === 'AL') && language === '') fail(ctx, r, 'language', 'RR', ['F', 6], 'a language code must be entered for title type OL or AL');
}

const EAN = /^[0-9]{13}$/;
function eanValid(ean: string): boolean {
  if (!EAN.test(ean)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (ean.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === ean.charCodeAt(12) - 48;
}

function checkRec(ctx: RecordCheckContext, r: CwrRecord) {
  const any = Object.entries(r.fields).some(([k, v]) => !k.startsWith('constant') && v !== null && v !== '');
  if (!any) fail(ctx, r, null, 'RR', ['F', 1], 'at least one of the optional fields must be entered');
  const ean = str(r, 'ean').trim();
  if (ean !== '' && !/^0+$/.test(ean) && !eanValid(ean)) fail(ctx, r, 'ean', 'FR', ['F', 9], `EAN ${JSON.stringify(ean)} is not a valid EAN-13 - replaced with spaces`, '');
  const isrc = str(r, 'isrc').trim();
  if (isrc !== '' && !isIsrc(isrc)) fail(ctx, r, 'isrc', 'FR', ['F', 10], `ISRC ${JSON.stringify(isrc)} is not a valid ISRC - replaced with spaces`, '');
  const format = str(r, 'recordingFormat');
  if (format !== '' && format !== 'A' && format !== 'V') fail(ctx, r, 'recordingFormat', 'FR', ['F', 11], 'recording format must be A or V - defaulted to A', 'A');
  const technique = str(r, 'recordingTechnique');
  if (technique !== '' && !['A', 'D', 'U'].includes(technique)) fail(ctx, r, 'recordingTechnique', 'FR', ['F', 12], 'recording technique must be A, D or U - defaulted to U', 'U');
  lookup(ctx, r, 'mediaType', MEDIA_TYPE, 'FR', ['F', 14]);
  if (ctx.version === '2.2' && str(r, 'isrc').trim() !== '' && !['Y', 'N', 'U'].includes(str(r, 'isrcValidity').trim())) {
    fail(ctx, r, 'isrcValidity', 'RR', ['F', 18], 'when an ISRC is supplied, ISRC validity must be Y, N or U');
  }
}

function checkOrn(ctx: RecordCheckContext, r: CwrRecord) {
  const purpose = str(r, 'intendedPurpose').trim();
  if (!Object.hasOwn(INTENDED_PURPOSE, purpose)) fail(ctx, r, 'intendedPurpose', 'RR', ['F', 1], `intended purpose ${JSON.stringify(purpose)} must be entered and be in the Intended Purpose table`);
  if (purpose === 'LIB' && !entered(r, 'cdIdentifier')) fail(ctx, r, 'cdIdentifier', 'RR', ['F', 4], 'a library work (LIB) needs a CD identifier');
  lookup(ctx, r, 'bltvr', BLTVR, 'FR', ['F', 6]);
  if (!entered(r, 'productionTitle') && !entered(r, 'library')) fail(ctx, r, 'productionTitle', 'RR', ['F', 10], 'production title or library must be entered');
  if ((purpose === 'FIL' || purpose === 'TEL') && !entered(r, 'productionTitle')) fail(ctx, r, 'productionTitle', 'TR', ['F', 13], 'a production title must be entered for FIL or TEL');
}
