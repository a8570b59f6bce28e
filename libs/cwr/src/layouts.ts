/**
 * CWR record layouts: every field of the records this library reads and writes, by start
 * position and size (1-based, as the specification gives them), per version.
 *
 * Source: CISAC CWR19-1070R1 "Functional specifications: Common Works Registration
 * Version 2.2 Revision 2" (§3.5–3.8 control records, §4 transaction headers, §5 detail
 * records) and CWR11-1991R4 "… Version 2.1 Revision 8" for 2.1. Fields marked `since:
 * '2.2'` are not part of a 2.1 record; everything else is in both versions.
 *
 * Field types (§2.1 "Data Element Properties"):
 * - `A` alphanumeric, left-justified, blank-filled → string (trailing blanks dropped);
 * - `L` a value from a lookup table → string (trailing blanks dropped);
 * - `X` digits that are an identifier or code (leading zeros matter) → string;
 * - `N` a count or sequence number, right-justified, zero-filled → integer;
 * - `S` a share, `999v99` (`05000` = 50.00 %) → exact decimal string "50.00";
 * - `D` a date YYYYMMDD (zeros = none) → ISO "YYYY-MM-DD" or null;
 * - `T` a time or duration HHMMSS (zeros = none) → "HH:MM:SS" or null;
 * - `B` Y/N and `F` Y/N/U → the letter, or null when blank.
 */
export type CwrVersion = '2.1' | '2.2';
export type FieldType = 'A' | 'L' | 'X' | 'N' | 'S' | 'D' | 'T' | 'B' | 'F';

export interface FieldLayout {
  readonly name: string;
  /** 1-based start position. */
  readonly start: number;
  readonly size: number;
  readonly type: FieldType;
  /** First version that has the field; absent = 2.1 and later. */
  readonly since?: CwrVersion;
}

export interface RecordLayout {
  readonly type: string;
  readonly fields: readonly FieldLayout[];
  /** Length of the record in each version (the end of its last field). */
  readonly length: Readonly<Record<CwrVersion, number>>;
}

type Row = readonly [name: string, start: number, size: number, type: FieldType, since?: CwrVersion];

/** The 19-character prefix of every transaction and detail record (§2.1 "Record Prefixes"). */
export const PREFIX_LENGTH = 19;

function layout(types: readonly string[], rows: readonly Row[], withPrefix = true): RecordLayout[] {
  const fields: FieldLayout[] = rows.map(([name, start, size, type, since]) => ({ name, start, size, type, ...(since ? { since } : {}) }));
  const end = (version: CwrVersion) =>
    Math.max(withPrefix ? PREFIX_LENGTH : 3, ...fields.filter((f) => version === '2.2' || f.since !== '2.2').map((f) => f.start + f.size - 1));
  return types.map((type) => ({ type, fields, length: { '2.1': end('2.1'), '2.2': end('2.2') } }));
}

const WORK: Row[] = [
  ['title', 20, 60, 'A'],
  ['language', 80, 2, 'L'],
  ['submitterWorkNumber', 82, 14, 'A'],
  ['iswc', 96, 11, 'A'],
  ['copyrightDate', 107, 8, 'D'],
  ['copyrightNumber', 115, 12, 'A'],
  ['distributionCategory', 127, 3, 'L'],
  ['duration', 130, 6, 'T'],
  ['recorded', 136, 1, 'F'],
  ['textMusicRelationship', 137, 3, 'L'],
  ['compositeType', 140, 3, 'L'],
  ['versionType', 143, 3, 'L'],
  ['excerptType', 146, 3, 'L'],
  ['musicArrangement', 149, 3, 'L'],
  ['lyricAdaptation', 152, 3, 'L'],
  ['contactName', 155, 30, 'A'],
  ['contactId', 185, 10, 'A'],
  ['workType', 195, 2, 'L'],
  ['grandRights', 197, 1, 'B'],
  ['compositeComponentCount', 198, 3, 'N'],
  ['printedEditionDate', 201, 8, 'D'],
  ['exceptionalClause', 209, 1, 'F'],
  ['opusNumber', 210, 25, 'A'],
  ['catalogueNumber', 235, 25, 'A'],
  ['priority', 260, 1, 'F'],
];

const PUBLISHER: Row[] = [
  ['publisherSequence', 20, 2, 'N'],
  ['ipNumber', 22, 9, 'A'],
  ['name', 31, 45, 'A'],
  ['unknown', 76, 1, 'F'],
  ['publisherType', 77, 2, 'L'],
  ['taxId', 79, 9, 'A'],
  ['ipiNameNumber', 88, 11, 'X'],
  ['submitterAgreementNumber', 99, 14, 'A'],
  ['prSociety', 113, 3, 'L'],
  ['prShare', 116, 5, 'S'],
  ['mrSociety', 121, 3, 'L'],
  ['mrShare', 124, 5, 'S'],
  ['srSociety', 129, 3, 'L'],
  ['srShare', 132, 5, 'S'],
  ['specialAgreement', 137, 1, 'L'],
  ['firstRecordingRefusal', 138, 1, 'F'],
  ['filler', 139, 1, 'A'],
  ['ipiBaseNumber', 140, 13, 'A'],
  ['isac', 153, 14, 'A'],
  ['societyAgreementNumber', 167, 14, 'A'],
  ['agreementType', 181, 2, 'L'],
  ['usaLicense', 183, 1, 'L'],
];

const PUBLISHER_TERRITORY: Row[] = [
  ['ipNumber', 20, 9, 'A'],
  ['constant', 29, 6, 'A'],
  ['prCollection', 35, 5, 'S'],
  ['mrCollection', 40, 5, 'S'],
  ['srCollection', 45, 5, 'S'],
  ['inclusion', 50, 1, 'L'],
  ['tis', 51, 4, 'X'],
  ['sharesChange', 55, 1, 'B'],
  ['sequence', 56, 3, 'N'],
];

const WRITER: Row[] = [
  ['ipNumber', 20, 9, 'A'],
  ['lastName', 29, 45, 'A'],
  ['firstName', 74, 30, 'A'],
  ['unknown', 104, 1, 'F'],
  ['designation', 105, 2, 'L'],
  ['taxId', 107, 9, 'A'],
  ['ipiNameNumber', 116, 11, 'X'],
  ['prSociety', 127, 3, 'L'],
  ['prShare', 130, 5, 'S'],
  ['mrSociety', 135, 3, 'L'],
  ['mrShare', 138, 5, 'S'],
  ['srSociety', 143, 3, 'L'],
  ['srShare', 146, 5, 'S'],
  ['reversionary', 151, 1, 'F'],
  ['firstRecordingRefusal', 152, 1, 'B'],
  ['workForHire', 153, 1, 'B'],
  ['filler', 154, 1, 'A'],
  ['ipiBaseNumber', 155, 13, 'A'],
  ['personalNumber', 168, 12, 'X'],
  ['usaLicense', 180, 1, 'L'],
];

const WRITER_TERRITORY: Row[] = [
  ['ipNumber', 20, 9, 'A'],
  ['prCollection', 29, 5, 'S'],
  ['mrCollection', 34, 5, 'S'],
  ['srCollection', 39, 5, 'S'],
  ['inclusion', 44, 1, 'L'],
  ['tis', 45, 4, 'X'],
  ['sharesChange', 49, 1, 'B'],
  ['sequence', 50, 3, 'N'],
];

const ALL: RecordLayout[] = [
  ...layout(
    ['HDR'],
    [
      ['senderType', 4, 2, 'A'],
      ['senderId', 6, 9, 'X'],
      ['senderName', 15, 45, 'A'],
      ['ediVersion', 60, 5, 'A'],
      ['creationDate', 65, 8, 'D'],
      ['creationTime', 73, 6, 'T'],
      ['transmissionDate', 79, 8, 'D'],
      ['characterSet', 87, 15, 'L'],
      ['version', 102, 3, 'A', '2.2'],
      ['revision', 105, 3, 'X', '2.2'],
      ['softwarePackage', 108, 30, 'A', '2.2'],
      ['softwarePackageVersion', 138, 30, 'A', '2.2'],
    ],
    false,
  ),
  ...layout(
    ['GRH'],
    [
      ['transactionType', 4, 3, 'L'],
      ['groupId', 7, 5, 'N'],
      ['versionNumber', 12, 5, 'A'],
      ['batchRequest', 17, 10, 'N'],
      ['submissionDistributionType', 27, 2, 'L'],
    ],
    false,
  ),
  ...layout(
    ['GRT'],
    [
      ['groupId', 4, 5, 'N'],
      ['transactionCount', 9, 8, 'N'],
      ['recordCount', 17, 8, 'N'],
      ['currency', 25, 3, 'L'],
      ['monetaryValue', 28, 10, 'X'],
    ],
    false,
  ),
  ...layout(
    ['TRL'],
    [
      ['groupCount', 4, 5, 'N'],
      ['transactionCount', 9, 8, 'N'],
      ['recordCount', 17, 8, 'N'],
    ],
    false,
  ),
  ...layout(['NWR', 'REV', 'ISW', 'EXC'], WORK),
  ...layout(['SPU', 'OPU'], PUBLISHER),
  ...layout(['SPT', 'OPT'], PUBLISHER_TERRITORY),
  ...layout(['SWR', 'OWR'], WRITER),
  ...layout(['SWT', 'OWT'], WRITER_TERRITORY),
  ...layout(
    ['PWR'],
    [
      ['publisherIpNumber', 20, 9, 'A'],
      ['publisherName', 29, 45, 'A'],
      ['submitterAgreementNumber', 74, 14, 'A'],
      ['societyAgreementNumber', 88, 14, 'A'],
      ['writerIpNumber', 102, 9, 'A'],
      ['publisherSequence', 111, 2, 'N', '2.2'],
    ],
  ),
  ...layout(
    ['ALT'],
    [
      ['title', 20, 60, 'A'],
      ['titleType', 80, 2, 'L'],
      ['language', 82, 2, 'L'],
    ],
  ),
  ...layout(
    ['PER'],
    [
      ['lastName', 20, 45, 'A'],
      ['firstName', 65, 30, 'A'],
      ['ipiNameNumber', 95, 11, 'X'],
      ['ipiBaseNumber', 106, 13, 'A'],
    ],
  ),
  ...layout(
    ['REC'],
    [
      ['releaseDate', 20, 8, 'D'],
      ['constant1', 28, 60, 'A'],
      ['releaseDuration', 88, 6, 'T'],
      ['constant2', 94, 5, 'A'],
      ['albumTitle', 99, 60, 'A'],
      ['albumLabel', 159, 60, 'A'],
      ['releaseCatalogNumber', 219, 18, 'A'],
      ['ean', 237, 13, 'X'],
      ['isrc', 250, 12, 'A'],
      ['recordingFormat', 262, 1, 'L'],
      ['recordingTechnique', 263, 1, 'L'],
      ['mediaType', 264, 3, 'L'],
      ['recordingTitle', 267, 60, 'A', '2.2'],
      ['versionTitle', 327, 60, 'A', '2.2'],
      ['displayArtist', 387, 60, 'A', '2.2'],
      ['recordLabel', 447, 60, 'A', '2.2'],
      ['isrcValidity', 507, 20, 'A', '2.2'],
      ['submitterRecordingId', 527, 14, 'A', '2.2'],
    ],
  ),
  ...layout(
    ['ORN'],
    [
      ['intendedPurpose', 20, 3, 'L'],
      ['productionTitle', 23, 60, 'A'],
      ['cdIdentifier', 83, 15, 'A'],
      ['cutNumber', 98, 4, 'N'],
      ['library', 102, 60, 'A'],
      ['bltvr', 162, 1, 'L'],
      ['filler', 163, 25, 'A'],
      ['productionNumber', 188, 12, 'A'],
      ['episodeTitle', 200, 60, 'A'],
      ['episodeNumber', 260, 20, 'A'],
      ['yearOfProduction', 280, 4, 'N'],
      ['aviSociety', 284, 3, 'X'],
      ['audioVisualNumber', 287, 15, 'A'],
      ['isan', 302, 12, 'A', '2.2'],
      ['isanEpisode', 314, 4, 'A', '2.2'],
      ['isanCheck1', 318, 1, 'A', '2.2'],
      ['isanVersion', 319, 8, 'A', '2.2'],
      ['isanCheck2', 327, 1, 'A', '2.2'],
      ['eidr', 328, 20, 'A', '2.2'],
      ['eidrCheck', 348, 1, 'A', '2.2'],
    ],
  ),
  ...layout(
    ['ACK'],
    [
      ['creationDate', 20, 8, 'D'],
      ['creationTime', 28, 6, 'T'],
      ['originalGroupId', 34, 5, 'N'],
      ['originalTransactionSequence', 39, 8, 'N'],
      ['originalTransactionType', 47, 3, 'L'],
      ['creationTitle', 50, 60, 'A'],
      ['submitterCreationNumber', 110, 20, 'A'],
      ['recipientCreationNumber', 130, 20, 'A'],
      ['processingDate', 150, 8, 'D'],
      ['transactionStatus', 158, 2, 'L'],
    ],
  ),
  ...layout(
    ['MSG'],
    [
      ['messageType', 20, 1, 'L'],
      ['originalRecordSequence', 21, 8, 'N'],
      ['recordType', 29, 3, 'A'],
      ['messageLevel', 32, 1, 'L'],
      ['validationNumber', 33, 3, 'A'],
      ['messageText', 36, 150, 'A'],
    ],
  ),
];

/** Layouts by record type, for the record types whose fields this library reads. */
export const LAYOUTS: ReadonlyMap<string, RecordLayout> = new Map(ALL.map((l) => [l.type, l]));

/** The fields of `layout` that exist in `version`. */
export function fieldsOf(layout: RecordLayout, version: CwrVersion): readonly FieldLayout[] {
  return version === '2.2' ? layout.fields : layout.fields.filter((f) => f.since !== '2.2');
}

/** Control records (§3.2). */
export const CONTROL_TYPES = ['HDR', 'GRH', 'GRT', 'TRL'] as const;
/** Transaction header record types (§4, Transaction Type table). */
export const TRANSACTION_TYPES = ['AGR', 'NWR', 'REV', 'ISW', 'EXC', 'ACK'] as const;
/** Detail records of NWR/REV/ISW/EXC (§4.2 "Transaction Format"), in the 2.2 order (edit 43). */
export const WORK_DETAIL_TYPES = [
  'SPU', 'NPN', 'SPT', 'OPT', 'OPU', 'SWR', 'NWN', 'SWT', 'PWR', 'OWR', 'OWT', 'ALT', 'NAT', 'EWT', 'NET', 'NOW', 'VER',
  'NVT', 'PER', 'NPR', 'REC', 'ORN', 'INS', 'IND', 'COM', 'NCT', 'ARI', 'XRF',
] as const;
/** Detail records of AGR (§4.1). */
export const AGREEMENT_DETAIL_TYPES = ['TER', 'IPA', 'NPA'] as const;
/** Every record type a CWR 2.x file may contain (Record Type table). */
export const RECORD_TYPES: ReadonlySet<string> = new Set<string>([
  ...CONTROL_TYPES,
  ...TRANSACTION_TYPES,
  ...WORK_DETAIL_TYPES,
  ...AGREEMENT_DETAIL_TYPES,
  'MSG',
]);
