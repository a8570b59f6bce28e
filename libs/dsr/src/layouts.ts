/**
 * Cell layouts of the DDEX DSR flat-file records this reader knows, by record id with its
 * version (`SY01.02`, `SU02.02`, …) or without one (the first profile versions wrote
 * `SU02`). Sources: DSR Part 8 "Record type definitions" (dsr8.ddex.net §5) and the
 * profile schemas of the DDEX reference library (ddexnet/dsrf `schemas/BasicAudioProfile`
 * 1.0–1.2, `schemas/UgcProfile` 1.0–1.2); the layouts of later record versions that
 * those schemas lack (SY01.02, SY02.03, RE01.02, AS02.03, SU02.02) follow the `#` heading
 * lines of the public Basic Audio Profile 1.3 samples (test/fixtures/dsr/README.md).
 *
 * A layout lists the cells after the RecordType cell, in order. Notation of a cell:
 * `Name` (mandatory), `Name?` (optional or conditional), `Name*` (may hold several
 * `|`-separated values), then `:type` — `int`, `num` (a decimal count), `money` (an
 * exact decimal amount), `bool`, `date`, `datetime`, `duration`, `currency`, `territory`,
 * `isrc`, `iswc`; no type is free text.
 */

export type CellType =
  | 'text'
  | 'int'
  | 'num'
  | 'money'
  | 'bool'
  | 'date'
  | 'datetime'
  | 'duration'
  | 'currency'
  | 'territory'
  | 'isrc'
  | 'iswc';

export interface CellSpec {
  readonly name: string;
  /** 1-based cell index in the line (the RecordType is cell 1). */
  readonly index: number;
  readonly required: boolean;
  readonly multi: boolean;
  readonly type: CellType;
}

export interface RecordLayout {
  /** Record id as written in the file, e.g. `SU02.02`, or `SU02` for an unversioned one. */
  readonly id: string;
  /** The record type without version, e.g. `SU02`. */
  readonly base: string;
  readonly cells: readonly CellSpec[];
  /** Index (0-based, in the line's cells) of each cell name (a plain object: read per cell of millions of lines). */
  readonly position: Readonly<Record<string, number | undefined>>;
}

export type RecordKind = 'header' | 'footer' | 'summary' | 'release' | 'resource' | 'work' | 'sale' | 'release-usage' | 'licensor';

/** What a record type (without version) is for. */
export const RECORD_KINDS: Readonly<Record<string, RecordKind>> = {
  HEAD: 'header',
  FOOT: 'footer',
  SY01: 'summary',
  SY02: 'summary',
  SY03: 'summary',
  SY04: 'summary',
  SY05: 'summary',
  SY06: 'summary',
  SY09: 'summary',
  RE01: 'release',
  RE02: 'release',
  AS01: 'resource',
  AS02: 'resource',
  MW01: 'work',
  SU01: 'sale',
  SU02: 'sale',
  SU03: 'sale',
  RU01: 'release-usage',
  RU02: 'release-usage',
  LI01: 'licensor',
};

const HEAD = 'MessageVersion Profile ProfileVersion MessageId MessageCreatedDateTime:datetime FileNumber:int NumberOfFiles:int UsageStartDate:date UsageEndDate:date SenderPartyId SenderName ServiceDescription? RecipientPartyId? RecipientName? RepresentedRepertoire?*';
const FOOT = 'NumberOfLinesInFile:int NumberOfLinesInReport?:int NumberOfSummaryRecords:int NumberOfBlocksInFile:int NumberOfBlocksInReport?:int';
const SY_CONTEXT = 'SummaryRecordId DistributionChannel? DistributionChannelDPID? CommercialModel UseType Territory:territory';
const WORK_PARTIES = 'ComposerAuthor?* ComposerAuthorPartyId?* Arranger?* ArrangerPartyId?* MusicPublisher?* MusicPublisherPartyId?* WorkContributor?* WorkContributorPartyId?*';
const RESOURCE = 'BlockId ResourceReference DspResourceId ISRC?*:isrc Title SubTitle? DisplayArtistName DisplayArtistPartyId? Duration?:duration ResourceType';
const RELEASE = 'BlockId ReleaseReference DspReleaseId ProprietaryReleaseId?* CatalogNumber? ICPN? DisplayArtistName DisplayArtistPartyId? Title SubTitle? ReleaseType? Label? PLine? DataProvider?';
const MW = `BlockId DspWorkId ISWC?:iswc Title SubTitle? ${WORK_PARTIES} DataProvider?`;
const SU01 = 'BlockId SummaryRecordId SalesTransactionId TransactedRelease? TransactedResource? IsRoyaltyBearing:bool SalesUpgrade:bool Usages:num Returns:num PriceConsumerPaidExcSalesTax?:money PromotionalActivity?';
const SU02 = 'BlockId SummaryRecordId SalesTransactionId TransactedRelease? TransactedResource? IsRoyaltyBearing?:bool NumberOfStreams:num PriceConsumerPaidExcSalesTax?:money PromotionalActivity?';
const LI01 = 'BlockId SummaryRecordId? RightsController RightsControllerPartyId? RightsControllerWorkId? RightSharePercentage:num RightsType? AllocatedNetRevenue:money AllocatedAmount:money';

const DEFINITIONS: Readonly<Record<string, string>> = {
  HEAD,
  FOOT,
  // Summary records.
  SY01: `${SY_CONTEXT} ServiceDescription? Usages:num Subscribers?:num Currency:currency NetRevenue:money IndirectNetRevenue?:money`,
  'SY01.01': `${SY_CONTEXT} ServiceDescription? Usages:num Subscribers?:num CurrencyOfReporting:currency NetRevenue:money IndirectNetRevenue?:money CurrencyOfTransaction?:currency ExchangeRate?:num`,
  // BAP 1.3 sample heading: TotalUsages, IndirectValue; the use type moved to SU02.02 (empty here).
  'SY01.02': 'SummaryRecordId DistributionChannel? DistributionChannelDPID? CommercialModel UseType? Territory:territory ServiceDescription? TotalUsages:num Subscribers?:num CurrencyOfReporting:currency NetRevenue:money IndirectValue?:money CurrencyOfTransaction?:currency ExchangeRate?:num',
  SY02: `${SY_CONTEXT} ServiceDescription Usages:num Users?:num Currency:currency NetRevenue:money RightsController? RightsControllerPartyId? AllocatedUsages?:num AmountPayable?:money AllocatedNetRevenue?:money`,
  'SY02.01': `${SY_CONTEXT} ServiceDescription Usages:num Users?:num Currency:currency NetRevenue:money RightsController? RightsControllerPartyId? AllocatedUsages?:num AllocatedRevenue?:money AllocatedNetRevenue?:money RightsType?`,
  'SY02.02': `${SY_CONTEXT} ServiceDescription Usages:num Users?:num CurrencyOfReporting:currency NetRevenue:money RightsController? RightsControllerPartyId? AllocatedUsages?:num AllocatedRevenue?:money AllocatedNetRevenue?:money RightsType? ContentCategory CurrencyOfTransaction?:currency ExchangeRate?:num RightsTypePercentage?:num`,
  'SY02.03': `${SY_CONTEXT} ServiceDescription Usages:num Users?:num Currency:currency NetRevenue:money RightsController? RightsControllerPartyId? AllocatedUsages?:num AllocatedRevenue?:money AllocatedNetRevenue?:money RightsType? ContentCategory ExchangeRateBaseCurrency?:currency ExchangeRate?:num RightsTypePercentage?:num`,
  SY03: `${SY_CONTEXT} ServiceDescription Usages:num Subscribers:num Currency:currency NetRevenue:money RightsController? RightsControllerPartyId? AllocatedUsages?:num AllocatedRevenue?:money AllocatedNetRevenue?:money RightsControllerMarketShare?:num ConsumerPaidUnitPrice:money FreeOrTrialSubscribers:num ExchangeRateBaseCurrency?:currency ExchangeRate?:num`,
  SY04: `${SY_CONTEXT} ServiceDescription SubscriberType Subscribers:num SubPeriodStartDate?:date SubPeriodEndDate?:date UsagesInSubPeriod?:num UsagesInReportingPeriod?:num Currency:currency ExchangeRateBaseCurrency?:currency ExchangeRate?:num ConsumerPaidUnitPrice:money NetRevenue:money`,
  'SY04.01': `${SY_CONTEXT} ServiceDescription SubscriberType Subscribers:num SubPeriodStartDate?:date SubPeriodEndDate?:date UsagesInSubPeriod?:num UsagesInReportingPeriod?:num CurrencyOfReporting:currency CurrencyOfTransaction?:currency ExchangeRate?:num ConsumerPaidUnitPrice:money NetRevenue:money MusicUsagePercentage:num`,
  SY05: `${SY_CONTEXT} ServiceDescription? RightsController? RightsControllerPartyId? RightsType TotalUsages?:num AllocatedUsages?:num MusicUsageRatio?:num AllocatedRevenue?:money AllocatedNetRevenue?:money RightsControllerMarketShare?:num`,
  'SY05.02': `${SY_CONTEXT} ServiceDescription? RightsController? RightsControllerPartyId? RightsType TotalUsages?:num AllocatedUsages?:num MusicUsageRatio?:num AllocatedNetRevenue?:money AllocatedRevenue?:money RightsControllerMarketShare?:num CurrencyOfReporting?:currency CurrencyOfTransaction?:currency ExchangeRate?:num SubscriberType? SubPeriodStartDate?:date SubPeriodEndDate?:date ContentCategory RightsTypePercentage?:num`,
  SY09: 'SummaryRecordId CommercialModel UseType Territory:territory ServiceDescription? SubscriberType? RightsController? RightsControllerPartyId? RightsType? TotalUsages?:num AllocatedUsages?:num NetRevenue:money IndirectNetRevenue?:money RightsControllerMarketShare?:num CurrencyOfReporting:currency CurrencyOfTransaction?:currency ExchangeRate?:num RightsTypePercentage?:num',
  // Releases.
  RE01: RELEASE,
  'RE01.02': `${RELEASE} ReleaseDate?:date`,
  RE02: 'BlockId ReleaseReference DspSubReleaseId ProprietarySubReleaseId?* UsedResources?*',
  // Resources and works.
  AS01: RESOURCE,
  'AS01.01': `${RESOURCE} IsMasterRecording?:bool`,
  AS02: `${RESOURCE} ISWC?:iswc ${WORK_PARTIES}`,
  'AS02.01': `${RESOURCE} ISWC?:iswc ${WORK_PARTIES} ProprietaryWorkId?`,
  'AS02.02': `${RESOURCE} ISWC?:iswc ${WORK_PARTIES} ProprietaryWorkId? IsMasterRecording?:bool`,
  'AS02.03': `${RESOURCE} ISWC?:iswc ${WORK_PARTIES} ProprietaryWorkId? IsMasterRecording?:bool IsSubjectToOwnershipConflict?:bool LastConflictCheck?:date`,
  MW01: MW,
  'MW01.01': `${MW} ProprietaryWorkId?`,
  // Sales and usage.
  SU01: SU01,
  SU02: SU02,
  'SU02.02': `${SU02} UseType?`,
  SU03: 'BlockId SalesTransactionId SummaryRecordId? DspReleaseId Usages?:num NetRevenue:money ValidityPeriodStart?:date ValidityPeriodEnd?:date',
  // UGC Profile 1.1 (dsrf schemas/UgcProfile/1.1.1): SU03.01 and LI01.01 have the cells of SU03 and LI01.
  'SU03.01': 'BlockId SalesTransactionId SummaryRecordId? DspReleaseId Usages?:num NetRevenue:money ValidityPeriodStart?:date ValidityPeriodEnd?:date',
  'SU03.02': 'BlockId SalesTransactionId SummaryRecordId? DspResourceId Usages:num NetRevenue:money ValidityPeriodStart?:date ValidityPeriodEnd?:date ContentCategory? IsRoyaltyBearing?:bool',
  RU01: 'BlockId SummaryRecordId DspReleaseId?* Usages?*:num',
  'RU01.01': 'BlockId SummaryRecordId DspReleaseId?* Usages?*:num ContentCategory',
  RU02: 'BlockId SummaryRecordId DspReleaseId ReleaseTitle ReleaseURL Usages:num',
  'RU02.01': 'BlockId SummaryRecordId DspReleaseId ReleaseTitle ReleaseURL Usages:num ContentCategory?',
  LI01: LI01,
  'LI01.01': LI01,
  'LI01.02': `${LI01} AllocatedUsages?:num`,
};

function parseLayout(id: string, text: string): RecordLayout {
  const cells = text.split(' ').map((token, i): CellSpec => {
    const [head, type = 'text'] = token.split(':') as [string, CellType | undefined];
    const multi = head.endsWith('*');
    const bare = multi ? head.slice(0, -1) : head;
    const optional = bare.endsWith('?');
    return { name: optional ? bare.slice(0, -1) : bare, index: i + 2, required: !optional, multi, type: type ?? 'text' };
  });
  const position = Object.create(null) as Record<string, number>;
  cells.forEach((c, i) => (position[c.name] = i + 1));
  return { id, base: id.slice(0, 4), cells, position };
}

const LAYOUTS: ReadonlyMap<string, RecordLayout> = new Map(Object.entries(DEFINITIONS).map(([id, text]) => [id, parseLayout(id, text)]));

/** Record ids with their versions: two capitals, two digits, optionally `.` and two digits (dsrf `constants.py`). */
export const RECORD_ID = /^[A-Z]{2}[0-9]{2}(?:\.[0-9]{2})?$/;

/** Every record id this reader has a layout for, e.g. `SY01.02`. */
export function knownRecordIds(): string[] {
  return [...LAYOUTS.keys()];
}

/**
 * The layout for a record id, and whether it is the exact version. An unknown version of
 * a known type gets the nearest known layout of that type (the highest lower version, else
 * the lowest higher one): record versions add cells at the end, so the known cells stay
 * where they were. Null for an unknown type.
 */
export function layoutFor(id: string): { layout: RecordLayout; exact: boolean } | null {
  const exact = LAYOUTS.get(id);
  if (exact) return { layout: exact, exact: true };
  const base = id.slice(0, 4);
  if (!RECORD_KINDS[base] || (id.length !== 4 && id.length !== 7)) return null;
  const wanted = id.length === 7 ? Number(id.slice(5)) : 0;
  let below: RecordLayout | null = null;
  let above: RecordLayout | null = null;
  for (const layout of LAYOUTS.values()) {
    if (layout.base !== base) continue;
    const v = layout.id.length === 7 ? Number(layout.id.slice(5)) : 0;
    if (v <= wanted && (!below || v > versionOf(below))) below = layout;
    if (v > wanted && (!above || v < versionOf(above))) above = layout;
  }
  const layout = below ?? above;
  return layout ? { layout, exact: false } : null;
}

function versionOf(layout: RecordLayout): number {
  return layout.id.length === 7 ? Number(layout.id.slice(5)) : 0;
}

/** The profiles this reader knows and the record types (without version) each allows. */
export const PROFILES: Readonly<Record<string, { readonly name: string; readonly records: ReadonlySet<string> }>> = {
  basicaudioprofile: {
    name: 'Basic Audio Profile',
    records: new Set(['HEAD', 'FOOT', 'SY01', 'SY02', 'SY03', 'SY04', 'SY05', 'SY06', 'RE01', 'RE02', 'AS01', 'AS02', 'MW01', 'SU01', 'SU02']),
  },
  ugcprofile: {
    name: 'UGC Profile',
    records: new Set(['HEAD', 'FOOT', 'SY02', 'SY03', 'SY04', 'SY05', 'SY09', 'RE01', 'AS01', 'AS02', 'MW01', 'RU01', 'RU02', 'SU03', 'LI01']),
  },
};

/** `BasicAudioProfile` → `basicaudioprofile`; `UGCProfile` and `UgcProfile` are the same profile. */
export function profileKey(profile: string): string {
  return profile.toLowerCase();
}
