import { filenameFromDisposition } from '../download';
import { getLang } from '../i18n';
import { type Answer, type Body, type OperationId, operationMethod, operationUrl, type Params } from './openapi';
import { ApiError, networkError, toApiError } from './problem';
import type {
  Accreditation,
  Audit,
  AuditRule,
  BoardDeclaration,
  BoardEntitlement,
  BoardMember,
  LineProofBundle,
  LogKeys,
  Mandate,
  MandatePolicy,
  Me,
  NewAudit,
  NewMandate,
  LoadedTransparencyReport,
  Page,
  Reconciliation,
  RegulatorOverview,
  RightsHolder,
  SignedTreeHead,
  PublicSociety,
  Society,
  Statement,
  StatementLine,
  Submission,
  TerminationResult,
  TransparencyFormat,
  TransparencyReport,
  TransparencyReportFile,
  VerifyReport,
} from './types';

/** The items of a list operation's page. */
export type ItemOf<Op extends OperationId> = Answer<Op> extends { items: (infer I)[] } ? I : never;
/** The body argument of a call: none for an operation that takes none. */
type BodyArg<Op extends OperationId> = [Body<Op>] extends [never] ? [] : [body: Body<Op>];

/** The largest page the API serves (libs/database MAX_LIMIT). */
const PAGE_LIMIT = 500;
/** listAll stops after this many items: the dashboard never needs more on one screen. */
const LIST_CAP = 5000;

/**
 * Typed calls to the public API with the signed-in token. Every failure is an ApiError
 * read from the problem+json answer; a 401 also calls `onUnauthorized` (the session
 * then ends, since the token was revoked or never valid).
 */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  get bearer(): string {
    return `Bearer ${this.token}`;
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>(path, { headers: { authorization: this.bearer, accept: 'application/json' } });
  }

  /** POSTs a JSON body; resolves with the JSON answer (201 or 200). */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>(path, {
      method: 'POST',
      headers: { authorization: this.bearer, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'accept-language': getLang() } });
    } catch (e) {
      throw networkError(e);
    }
    const text = await response.text();
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      throw toApiError(response.status, response.headers.get('content-type') ?? '', text);
    }
    return JSON.parse(text) as T;
  }

  /**
   * Calls an operation by its operationId, typed by the generated description of the API
   * (./generated/openapi.ts): the path and query it takes, the body it reads, the JSON it answers.
   */
  call<Op extends OperationId>(op: Op, params: Params<Op>, ...body: BodyArg<Op>): Promise<Answer<Op>> {
    const url = operationUrl(op, params);
    const method = operationMethod(op);
    if (method === 'GET') return this.get<Answer<Op>>(url);
    return this.send<Answer<Op>>(url, {
      method,
      headers: { authorization: this.bearer, accept: 'application/json', ...(body.length > 0 ? { 'content-type': 'application/json' } : {}) },
      ...(body.length > 0 ? { body: JSON.stringify(body[0]) } : {}),
    });
  }

  /** Every item of a list operation, page after page (at most LIST_CAP). */
  listAllOf<Op extends OperationId>(op: Op, params: Params<Op>): Promise<ItemOf<Op>[]> {
    return this.listAll<ItemOf<Op>>(operationUrl(op, params));
  }

  /** Follows nextCursor until the last page (or LIST_CAP items). */
  async listAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: Page<T> = await this.get<Page<T>>(`${path}${sep}limit=${PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < LIST_CAP);
    return items;
  }

  me(): Promise<Me> {
    return this.call('getMe', {});
  }

  societies(): Promise<Society[]> {
    return this.listAllOf('listSocieties', {});
  }

  society(id: string): Promise<Society> {
    return this.call('getSociety', { path: { id } });
  }

  /** A society's public facts, checkpoint and cosigners (a public route: anyone reads any society's; the token is sent anyway). */
  publicSociety(id: string): Promise<PublicSociety> {
    return this.call('getPublicSociety', { path: { id } });
  }

  accreditations(societyId: string): Promise<Accreditation[]> {
    return this.listAllOf('listAccreditations', { path: { id: societyId } });
  }

  /** Board seats; with `at`, only those held on that date. */
  boardMembers(societyId: string, at?: string): Promise<BoardMember[]> {
    return this.listAllOf('listBoardMembers', { path: { id: societyId }, query: { at } });
  }

  rightsHolders(): Promise<RightsHolder[]> {
    return this.listAllOf('listRightsHolders', {});
  }

  rightsHolder(id: string): Promise<RightsHolder> {
    return this.call('getRightsHolder', { path: { id } });
  }

  /** A rights holder's mandates at every society, as the ledger stands now. */
  mandates(rightsHolderId: string): Promise<Mandate[]> {
    return this.listAllOf('listHolderMandates', { path: { id: rightsHolderId } });
  }

  createMandate(rightsHolderId: string, mandate: NewMandate): Promise<Mandate> {
    return this.call('createMandate', { path: { id: rightsHolderId } }, mandate);
  }

  /** Ends a mandate, or withdraws only some territories (it splits): a termination when contractual, an opt-out when non-contractual. */
  endMandate(mandate: Pick<Mandate, 'id' | 'basis'>, scope: { territories?: string[] } = {}): Promise<TerminationResult> {
    const params = { path: { id: mandate.id } };
    return mandate.basis === 'contractual' ? this.call('terminateMandate', params, scope) : this.call('optOutOfMandate', params, scope);
  }

  /** A society's mandate policy (notice, financial-year end, categories managed, days to answer, opt-out rule): readable by rights holders. */
  mandatePolicy(societyId: string): Promise<MandatePolicy> {
    return this.call('getMandatePolicy', { path: { id: societyId } });
  }

  /** The mandates a society holds in one status (requested: those awaiting its answer). */
  societyMandates(societyId: string, status: Mandate['status']): Promise<Mandate[]> {
    return this.listAllOf('listSocietyMandates', { path: { id: societyId }, query: { status } });
  }

  acceptMandate(id: string): Promise<Mandate> {
    return this.call('acceptMandate', { path: { id } }, {});
  }

  refuseMandate(id: string, reason: string): Promise<Mandate> {
    return this.call('refuseMandate', { path: { id } }, { reason });
  }

  /** A file the API serves (a CSV template, a statement or report as CSV or PDF), as a Blob to save. */
  async blob(path: string): Promise<Blob> {
    return (await this.fetchOk(path)).blob();
  }

  /** A file the API serves, with the name its Content-Disposition gives (null: none) and its headers. */
  async file(path: string): Promise<{ blob: Blob; filename: string | null; headers: Headers }> {
    const response = await this.fetchOk(path);
    return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('content-disposition')), headers: response.headers };
  }

  /** GETs `path` with the token; a failure is an ApiError (a 401 also ends the session). */
  private async fetchOk(path: string, accept?: string): Promise<Response> {
    const response = await fetch(path, { headers: { authorization: this.bearer, 'accept-language': getLang(), ...(accept ? { accept } : {}) } }).catch((e: unknown) => {
      throw networkError(e);
    });
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      throw toApiError(response.status, response.headers.get('content-type') ?? '', await response.text());
    }
    return response;
  }

  /** A package type's CSV template (header and two example rows), as a file to save. */
  template(type: string): Promise<Blob> {
    return this.blob(`/v1/templates/${encodeURIComponent(type)}.csv`);
  }

  submission(id: string): Promise<Submission> {
    return this.call('getSubmission', { path: { id } });
  }

  /** The ledger's published public keys (the route is public; the token is sent anyway). */
  logKeys(): Promise<LogKeys> {
    return this.call('getLogKeys', {});
  }

  /** The latest signed tree head of a society's log. */
  logHead(societyId: string): Promise<SignedTreeHead> {
    return this.call('getLogHead', { path: { id: societyId } });
  }

  /** Has the server recompute the society's log from its stored lines and compare it with the signed heads. */
  verifyLog(societyId: string): Promise<VerifyReport> {
    return this.call('verifyLog', { path: { id: societyId } });
  }

  /** A line's proof: line → submission root → signed head. `lineId` is the package's line id or `#<n>`. */
  lineProof(submissionId: string, lineId: string): Promise<LineProofBundle> {
    return this.call('getLineProof', { path: { id: submissionId, lineId } });
  }

  /** Fetches a line proof by the URL a statement line gives; only a proof route of this API is followed. */
  proofAt(url: string): Promise<LineProofBundle> {
    if (!/^\/v1\/submissions\/[^/?#]+\/lines\/[^/?#]+\/proof$/.test(url)) throw new ApiError(0, 'Not a proof', `${url} is not a line proof of this ledger`);
    return this.get(url);
  }

  /** A rights holder's statement for a calendar year, every amount in `currency`. */
  statement(rightsHolderId: string, year: number, currency: string): Promise<Statement> {
    return this.call('getStatement', { path: { id: rightsHolderId }, query: { year, currency } });
  }

  /** The same statement as a CSV or PDF file. */
  statementFile(rightsHolderId: string, year: number, currency: string, format: 'csv' | 'pdf'): Promise<Blob> {
    return this.blob(`/v1/rights-holders/${encodeURIComponent(rightsHolderId)}/statement?year=${year}&currency=${encodeURIComponent(currency)}&format=${format}`);
  }

  /** One page of the statement's lines (with their proof URLs), after `cursor`. */
  statementLines(rightsHolderId: string, year: number, currency: string, cursor: string | null, limit = 50): Promise<Page<StatementLine>> {
    return this.call('listStatementLines', { path: { id: rightsHolderId }, query: { year, currency, limit, cursor: cursor ?? undefined } });
  }

  reconciliation(societyId: string, financialYear: number): Promise<Reconciliation> {
    return this.call('getReconciliation', { path: { id: societyId }, query: { financialYear } });
  }

  /** Every society side by side for a financial year (cost ratio, payment delay, undistributed, board gap, failed rules). */
  regulatorOverview(financialYear: number): Promise<RegulatorOverview> {
    return this.call('getRegulatorOverview', { query: { financialYear } });
  }

  /** The audit rule catalogue. */
  async auditRules(): Promise<AuditRule[]> {
    return (await this.call('listAuditRules', {})).rules;
  }

  /** Queues an audit (202); poll `audit(id)` until it is done or failed. */
  requestAudit(audit: NewAudit): Promise<Audit> {
    return this.call('createAudit', {}, audit);
  }

  /** The latest audits the caller may read, newest first, each with its summary (no findings). */
  async recentAudits(limit = 50): Promise<Audit[]> {
    return (await this.call('listAudits', { query: { limit } })).items;
  }

  audit(id: string): Promise<Audit> {
    return this.call('getAudit', { path: { id } });
  }

  /** The audit's report as a file: canonical JSON, CSV or PDF. */
  auditReport(id: string, format: 'json' | 'csv' | 'pdf'): Promise<Blob> {
    return this.blob(`/v1/audits/${encodeURIComponent(id)}/report.${format}`);
  }

  /**
   * A society's annual transparency report of a financial year (Art. 22), pinned to the
   * latest signed head of its log, or to the head of `asOfTreeSize`. Public by law: rights
   * holders read any society's; a society its own (another's is a 404).
   */
  async transparencyReport(societyId: string, financialYear: number, asOfTreeSize?: number): Promise<LoadedTransparencyReport> {
    const response = await this.fetchOk(transparencyReportPath(societyId, financialYear, 'json', asOfTreeSize), 'application/json');
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { report: JSON.parse(new TextDecoder().decode(bytes)) as TransparencyReport, bytes, sha256: response.headers.get('x-report-sha256') };
  }

  /** The same report as a file (canonical JSON, CSV or PDF), with the name the server gives it and its X-Report-SHA256. */
  async transparencyReportFile(societyId: string, financialYear: number, format: TransparencyFormat, asOfTreeSize?: number): Promise<TransparencyReportFile> {
    const response = await this.fetchOk(transparencyReportPath(societyId, financialYear, format, asOfTreeSize));
    return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('content-disposition')), sha256: response.headers.get('x-report-sha256') };
  }

  /** The board members' current declarations for a financial year (Art. 10(2)); public. */
  boardDeclarations(societyId: string, year: number): Promise<BoardDeclaration[]> {
    return this.listAllOf('listBoardDeclarations', { path: { id: societyId }, query: { year, current: true } });
  }

  /** The latest finished audit of a society for a year that ran `rule` (with its findings), or null. */
  async latestAuditWith(societyId: string, financialYear: number, rule: string): Promise<Audit | null> {
    const page = await this.call('listAudits', { query: { societyId, limit: 50 } });
    const found = page.items.find((a) => a.financialYear === financialYear && a.status === 'done' && a.rules.includes(rule));
    return found ? this.audit(found.id) : null;
  }

  /** Board seats the market share entitles each constituency to, against the actual board; `history` past financial years too. */
  boardEntitlement(societyId: string, history: number): Promise<BoardEntitlement> {
    return this.call('getBoardEntitlement', { path: { id: societyId }, query: { history } });
  }
}

/** `GET /v1/societies/{id}/transparency-report` with its query (asOfTreeSize only when given). */
export function transparencyReportPath(societyId: string, financialYear: number, format: TransparencyFormat, asOfTreeSize?: number): string {
  const pin = asOfTreeSize !== undefined && asOfTreeSize > 0 ? `&asOfTreeSize=${asOfTreeSize}` : '';
  return `/v1/societies/${encodeURIComponent(societyId)}/transparency-report?financialYear=${financialYear}&format=${format}${pin}`;
}

export { ApiError };
