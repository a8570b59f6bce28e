export { GovernanceModule } from './governance.module.js';
export { ApportionmentService } from './apportionment.service.js';
export { EntitlementService, MAX_HISTORY_YEARS } from './entitlement.service.js';
export type { BoardEntitlement, EntitlementQuery, EntitlementSnapshot, HistoricalEntitlement } from './entitlement.service.js';
export { MarketShareService, MARKET_SHARE_GROUPINGS, MAX_HOLDERS, DEFAULT_HOLDERS } from './market-share.service.js';
export type { MarketShare, MarketShareGrouping, MarketShareItem, MarketShareQuery } from './market-share.service.js';
export { AMOUNT_BASES } from './market-share.repository.js';
export type { AmountBasis } from './market-share.repository.js';
export type { BoardSource } from './board-seats.repository.js';
export type { MoneyTotals } from './attributed.js';
export type { ConstituencyEntitlement, Entitlement } from './entitlement.js';
export { GovernanceSettingsService } from './settings/governance-settings.service.js';
export {
  BOARD_SIZE_RANGE,
  DEFAULT_LOOKBACK_YEARS,
  DEFAULT_METHOD,
  LOOKBACK_YEARS_RANGE,
} from './settings/governance-settings.js';
export type { GovernanceSettings, GovernanceSettingsInput } from './settings/governance-settings.js';
export { BOARD_CONSTITUENCY_OF_KIND, DEFAULT_CONSTITUENCY_MAP, HOLDER_KINDS } from './constituencies.js';
export type { ConstituencyMap, HolderKind } from './constituencies.js';
export type { Indices } from './exact.js';
export type { DateWindow } from './financial-years.js';
export { BoardDeclarationsService } from './declarations/board-declarations.service.js';
export { DECLARATION_TEXT_MAX, DECLARATION_YEARS, validateDeclaration } from './declarations/board-declaration.js';
export type { BoardDeclaration, BoardDeclarationInput, NewBoardDeclaration } from './declarations/board-declaration.js';
export { LEGAL_FORMS, organisationKey, sameOrganisation } from './organisation-names.js';
