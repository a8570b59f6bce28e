import { CreateRegistry1764300000000 } from './1764300000000-CreateRegistry.js';
import { CreateIdentifierCheckFunctions1764300000100 } from './1764300000100-CreateIdentifierCheckFunctions.js';
import { CreateApiTokens1764300000200 } from './1764300000200-CreateApiTokens.js';
import { CreateMandates1764300000500 } from './1764300000500-CreateMandates.js';
import { MakeMandateHistoryAppendOnly1764300000510 } from './1764300000510-MakeMandateHistoryAppendOnly.js';
import { CreateValueCheckFunctions1764300000900 } from './1764300000900-CreateValueCheckFunctions.js';
import { CreateSubmissions1764300001000 } from './1764300001000-CreateSubmissions.js';
import { CreateLedger1764300002000 } from './1764300002000-CreateLedger.js';
import { RefuseRewritingHistory1764300002100 } from './1764300002100-RefuseRewritingHistory.js';
import { CreateSubmissionChunks1764300002200 } from './1764300002200-CreateSubmissionChunks.js';
import { AddTreeHeadOrigin1764300002300 } from './1764300002300-AddTreeHeadOrigin.js';
import { CreateGovernanceSettings1764300004000 } from './1764300004000-CreateGovernanceSettings.js';
import { CreateExchangeRates1764300006000 } from './1764300006000-CreateExchangeRates.js';
import { CreateClaims1764300006010 } from './1764300006010-CreateClaims.js';
import { IndexUnidentifiedLines1764300006020 } from './1764300006020-IndexUnidentifiedLines.js';
import { PartitionDistributionLines1764300007000 } from './1764300007000-PartitionDistributionLines.js';
import { AddSubmissionFormat1764400000000 } from './1764400000000-AddSubmissionFormat.js';
import { AddRightsHolderNameSource1765000100000 } from './1765000100000-AddRightsHolderNameSource.js';
import { AddMandateRequestStatus1765000500000 } from './1765000500000-AddMandateRequestStatus.js';
import { AddMandatePolicyScope1765000500100 } from './1765000500100-AddMandatePolicyScope.js';
import { AddAccreditationCategories1765000500200 } from './1765000500200-AddAccreditationCategories.js';
import { AddBoardMemberParties1765000600000 } from './1765000600000-AddBoardMemberParties.js';
import { CreateBoardDeclarations1765000600100 } from './1765000600100-CreateBoardDeclarations.js';
import { CreateLogTileHashes1765000700000 } from './1765000700000-CreateLogTileHashes.js';
import { CreateLogCosignatures1765000700100 } from './1765000700100-CreateLogCosignatures.js';
import { CreateLogWitnessAlarms1765100000000 } from './1765100000000-CreateLogWitnessAlarms.js';
import { AddTreeHeadCompactRange1765100200000 } from './1765100200000-AddTreeHeadCompactRange.js';
import { AddFailedSubmissionStatus1765000000000 } from './1765000000000-AddFailedSubmissionStatus.js';
import { AddDerivedMandateStatus1765000400000 } from './1765000400000-AddDerivedMandateStatus.js';
import { AddApiTokenExpiry1765000200000 } from './1765000200000-AddApiTokenExpiry.js';
import { CreateAudits1764300005000 } from './1764300005000-CreateAudits.js';
import { CreateAuditParameters1764300005100 } from './1764300005100-CreateAuditParameters.js';
import { AddClaimAnswerStatuses1765100400000 } from './1765100400000-AddClaimAnswerStatuses.js';
import { CreateClaimEvents1765100400100 } from './1765100400100-CreateClaimEvents.js';
import { MakeClaimsFollowTheirHistory1765100400200 } from './1765100400200-MakeClaimsFollowTheirHistory.js';
import { CreateNotifications1765100600000 } from './1765100600000-CreateNotifications.js';
import { CreateNotificationSubscriptions1765100600100 } from './1765100600100-CreateNotificationSubscriptions.js';
import { CreateNotificationDeliveries1765100600200 } from './1765100600200-CreateNotificationDeliveries.js';
import { CreateDueEventRuns1765100600300 } from './1765100600300-CreateDueEventRuns.js';
import { CreateAnswerCache1765100100000 } from './1765100100000-CreateAnswerCache.js';
import { CountAnswerInputChanges1765100100100 } from './1765100100100-CountAnswerInputChanges.js';
import { NotifyApiTokenChanges1765100100200 } from './1765100100200-NotifyApiTokenChanges.js';
import { AddSocietyContactDetails1765100700000 } from './1765100700000-AddSocietyContactDetails.js';
import { AddSubmissionFileName1765100800000 } from './1765100800000-AddSubmissionFileName.js';
import { CreateSubmissionProblems1765100800100 } from './1765100800100-CreateSubmissionProblems.js';
import { IndexSubmissionsBySupersedes1765100800200 } from './1765100800200-IndexSubmissionsBySupersedes.js';
import { AllowInputFormats1765101100000 } from './1765101100000-AllowInputFormats.js';
import { CreateWorksRegister1765101200000 } from './1765101200000-CreateWorksRegister.js';
import { CreateCwrAcks1765101200100 } from './1765101200100-CreateCwrAcks.js';
import { CreateCwrLines1765101200200 } from './1765101200200-CreateCwrLines.js';
import { AllowCwrSubmissions1765101200300 } from './1765101200300-AllowCwrSubmissions.js';
import { AllowDsrSubmissions1765101300000 } from './1765101300000-AllowDsrSubmissions.js';
import { CreateDsrLines1765101300100 } from './1765101300100-CreateDsrLines.js';
import { AddDistributionLineRecordingIsrc1765101300200 } from './1765101300200-AddDistributionLineRecordingIsrc.js';
import { RenameDsrSourceLine1765101300300 } from './1765101300300-RenameDsrSourceLine.js';
import { AnswerCacheLookupFunctions1765101400000 } from './1765101400000-AnswerCacheLookupFunctions.js';
import { CheckPostingEntriesPerStatement1765101400100 } from './1765101400100-CheckPostingEntriesPerStatement.js';
import { IndexPostingsByAccountButPayables1765101400200 } from './1765101400200-IndexPostingsByAccountButPayables.js';
import { EnableTrigramSearch1765100500000 } from './1765100500000-EnableTrigramSearch.js';
import { CreateSearchKeyFunction1765100500100 } from './1765100500100-CreateSearchKeyFunction.js';
import { AddRightsHolderSearchKey1765100500200 } from './1765100500200-AddRightsHolderSearchKey.js';
import { CreateWorksFromLines1765100500300 } from './1765100500300-CreateWorksFromLines.js';
import { BindSearchKeyFunctionBodies1765100500350 } from './1765100500350-BindSearchKeyFunctionBodies.js';
import { IndexUnidentifiedLineNamesForSearch1765100500400 } from './1765100500400-IndexUnidentifiedLineNamesForSearch.js';

/** Every migration, in order. The DataSource takes this list (no globbing: ESM-safe). */
export const migrations = [
  CreateRegistry1764300000000,
  CreateIdentifierCheckFunctions1764300000100,
  CreateApiTokens1764300000200,
  CreateMandates1764300000500,
  MakeMandateHistoryAppendOnly1764300000510,
  CreateValueCheckFunctions1764300000900,
  CreateSubmissions1764300001000,
  CreateLedger1764300002000,
  RefuseRewritingHistory1764300002100,
  CreateSubmissionChunks1764300002200,
  AddTreeHeadOrigin1764300002300,
  CreateGovernanceSettings1764300004000,
  CreateAudits1764300005000,
  CreateAuditParameters1764300005100,
  CreateExchangeRates1764300006000,
  CreateClaims1764300006010,
  IndexUnidentifiedLines1764300006020,
  PartitionDistributionLines1764300007000,
  AddSubmissionFormat1764400000000,
  AddFailedSubmissionStatus1765000000000,
  AddRightsHolderNameSource1765000100000,
  AddApiTokenExpiry1765000200000,
  AddDerivedMandateStatus1765000400000,
  AddMandateRequestStatus1765000500000,
  AddMandatePolicyScope1765000500100,
  AddAccreditationCategories1765000500200,
  AddBoardMemberParties1765000600000,
  CreateBoardDeclarations1765000600100,
  CreateLogTileHashes1765000700000,
  CreateLogCosignatures1765000700100,
  CreateLogWitnessAlarms1765100000000,
  CreateAnswerCache1765100100000,
  CountAnswerInputChanges1765100100100,
  NotifyApiTokenChanges1765100100200,
  AddTreeHeadCompactRange1765100200000,
  AddClaimAnswerStatuses1765100400000,
  CreateClaimEvents1765100400100,
  MakeClaimsFollowTheirHistory1765100400200,
  EnableTrigramSearch1765100500000,
  CreateSearchKeyFunction1765100500100,
  AddRightsHolderSearchKey1765100500200,
  CreateWorksFromLines1765100500300,
  BindSearchKeyFunctionBodies1765100500350,
  IndexUnidentifiedLineNamesForSearch1765100500400,
  CreateNotifications1765100600000,
  CreateNotificationSubscriptions1765100600100,
  CreateNotificationDeliveries1765100600200,
  CreateDueEventRuns1765100600300,
  AddSocietyContactDetails1765100700000,
  AddSubmissionFileName1765100800000,
  CreateSubmissionProblems1765100800100,
  IndexSubmissionsBySupersedes1765100800200,
  AllowInputFormats1765101100000,
  CreateWorksRegister1765101200000,
  CreateCwrAcks1765101200100,
  CreateCwrLines1765101200200,
  AllowCwrSubmissions1765101200300,
  AllowDsrSubmissions1765101300000,
  CreateDsrLines1765101300100,
  AddDistributionLineRecordingIsrc1765101300200,
  RenameDsrSourceLine1765101300300,
  AnswerCacheLookupFunctions1765101400000,
  CheckPostingEntriesPerStatement1765101400100,
  IndexPostingsByAccountButPayables1765101400200,
];
