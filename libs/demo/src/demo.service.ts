import { Readable } from 'node:stream';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal, TokenService } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { BoardDeclarationsService, GovernanceSettingsService } from '../../governance/src/index.js';
import { MandatesService, TerminationsService } from '../../mandates/src/index.js';
import { AccreditationsService, BoardMembersService, RightsHoldersService, SocietiesService } from '../../registry/src/index.js';
import { ClaimsService, ExchangeRatesService } from '../../statements/src/index.js';
import { type SubmissionFormat, SubmissionsService } from '../../submissions/src/index.js';
import { DEMO_CLAIMANT, DEMO_CLAIMS } from './demo-claims.js';
import { DemoNotifications } from './demo-notifications.js';
import { demoPackages } from './demo-packages.js';
import { demoRatesCsv } from './demo-rates.js';
import { DEMO_WORKS_SOCIETY, demoWorksFiles } from './demo-works.js';
import { DEMO_ACCREDITATIONS, DEMO_BOARD, DEMO_BOARD_CONFLICT, DEMO_DECLARATIONS, DEMO_GOVERNANCE_SETTINGS, DEMO_MANDATES, DEMO_SOCIETIES, demoRightsHolders } from './demo-data.js';

export interface DemoToken {
  label: string;
  token: string;
}

const DEMO_LABEL = 'demo: ';
/** How long the demo waits for the packages its claims are about to commit (they commit in the background). */
const CLAIMS_WAIT_MS = 15 * 60_000;
const SYSTEM: Principal = { role: 'admin', tokenId: null, label: 'demo loader' };

/**
 * Loads the demo world once (idempotent: it checks for the first demo society) and issues
 * fresh demo tokens at every start, revoking the previous run's.
 */
@Injectable()
export class DemoService implements OnModuleDestroy {
  private readonly logger = new Logger('Demo');
  private notificationsLoading: Promise<void> = Promise.resolve();
  private claimsLoading: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly societies: SocietiesService,
    private readonly accreditations: AccreditationsService,
    private readonly holders: RightsHoldersService,
    private readonly board: BoardMembersService,
    private readonly mandates: MandatesService,
    private readonly terminations: TerminationsService,
    private readonly governance: GovernanceSettingsService,
    private readonly submissions: SubmissionsService,
    private readonly rates: ExchangeRatesService,
    private readonly declarations: BoardDeclarationsService,
    private readonly claims: ClaimsService,
    private readonly demoNotifications: DemoNotifications,
  ) {}

  async load(): Promise<{ tokens: DemoToken[]; societyIds: Record<string, string>; holderIds: string[] }> {
    const existing: { id: string; cisac_code: string }[] = await this.db.query(
      `SELECT id, cisac_code FROM societies WHERE cisac_code = ANY($1)`,
      [DEMO_SOCIETIES.map((s) => s.cisacCode)],
    );
    if (existing.length === 0) await this.loadWorld();
    const societyIds = await this.societyIds();
    const holderIds: string[] = (
      await this.db.query(`SELECT id FROM rights_holders WHERE ipi = ANY($1) ORDER BY ipi`, [demoRightsHolders().map((h) => h.ipi)])
    ).map((r: { id: string }) => r.id);
    await this.loadMandates(societyIds, holderIds);
    await this.loadGovernanceSettings(societyIds);
    await this.loadDeclarations(societyIds);
    await this.loadSubmissions(societyIds);
    await this.loadWorks(societyIds);
    await this.loadRates();
    // The day's due events once the packages are in: in the background, like the commits.
    this.notificationsLoading = this.demoNotifications.afterPackages(Object.values(societyIds)).catch((error: unknown) => {
      this.logger.error(`Could not compute the demo's due notifications: ${(error as Error).stack ?? String(error)}`);
    });
    // The claims wait for their packages to commit: in the background, like the commits.
    this.claimsLoading = this.loadClaims(societyIds, holderIds).catch((error: unknown) => {
      this.logger.error(`Could not load the demo claims: ${(error as Error).stack ?? String(error)}`);
    });
    return { tokens: await this.issueTokens(societyIds, holderIds), societyIds, holderIds };
  }

  /** The app is closing: the claims stop waiting for packages. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.claimsLoading;
  }

  /** Settles once the demo's claims are recorded (or were already, or could not be). */
  claimsReady(): Promise<void> {
    return this.claimsLoading;
  }

  /**
   * The demo's claims (demo-claims.ts), once: rights holder 2 claims unidentified lines
   * and the societies answer, each at the moment the story gives, once the packages the
   * claims are about (and the one that pays) have committed. A claim whose line is not
   * there (a world loaded before these lines existed) is left out, with a warning.
   */
  private async loadClaims(societyIds: Record<string, string>, holderIds: string[]): Promise<void> {
    const loaded: unknown[] = await this.db.query(`SELECT 1 FROM claims WHERE society_id = ANY($1::uuid[]) LIMIT 1`, [Object.values(societyIds)]);
    if (loaded.length > 0) return;
    const holderId = holderIds[DEMO_CLAIMANT]!;
    const holder: Principal = { role: 'rights-holder', tokenId: null, label: 'demo rights holder 2', rightsHolderId: holderId };
    const packages = [...new Set(DEMO_CLAIMS.flatMap((c) => [`${c.society} ${c.period}`, ...c.answers.flatMap((a) => (a.kind === 'pay' ? [`${c.society} ${a.period}`] : []))]))];
    const ids = await this.committedDistributionPackages(societyIds, packages);
    if (ids === null) return;
    let recorded = 0;
    for (const c of DEMO_CLAIMS) {
      const society: Principal = { role: 'society', tokenId: null, label: `demo society ${c.society}`, societyId: societyIds[c.society] };
      try {
        let claim = await this.claims.claim(holder, holderId, { submissionId: ids[`${c.society} ${c.period}`]!, lineId: c.lineId, ...(c.note ? { note: c.note } : {}) }, { at: new Date(c.claimedAt) });
        for (const a of c.answers) {
          const at = { at: new Date(a.at) };
          if (a.kind === 'accept') claim = await this.claims.accept(society, claim.id, {}, at);
          else if (a.kind === 'refuse') claim = await this.claims.refuse(society, claim.id, { reason: a.reason }, at);
          else claim = await this.claims.pay(society, claim.id, { submissionId: ids[`${c.society} ${a.period}`]!, lineId: a.lineId }, at);
        }
        recorded++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`Left out the demo claim on ${c.lineId}: ${error.message}`);
      }
    }
    this.logger.log(`Recorded ${recorded} demo claims of rights holder 2 (open, accepted, refused, paid)`);
  }

  /**
   * The committed distribution-lines submission of each `society period`, waiting for the
   * background commits; null (with a warning) when one ends otherwise or takes too long.
   */
  private async committedDistributionPackages(societyIds: Record<string, string>, wanted: string[]): Promise<Record<string, string> | null> {
    const end = Date.now() + CLAIMS_WAIT_MS;
    for (;;) {
      if (this.stopping) return null;
      const rows: { societyId: string; period: string; id: string | null; unfinished: boolean }[] = await this.db.query(
        `SELECT w.society_id AS "societyId", w.period,
                (SELECT s.id FROM submissions s WHERE s.society_id = w.society_id AND s.type = 'distribution-lines' AND s.period = w.period AND s.status = 'committed' LIMIT 1) AS id,
                EXISTS (SELECT 1 FROM submissions s WHERE s.society_id = w.society_id AND s.type = 'distribution-lines' AND s.period = w.period AND s.status IN ('queued', 'validating')) AS unfinished
         FROM unnest($1::uuid[], $2::text[]) AS w(society_id, period)`,
        [wanted.map((k) => societyIds[k.split(' ')[0]!]), wanted.map((k) => k.split(' ')[1])],
      );
      if (rows.every((r) => r.id !== null)) return Object.fromEntries(rows.map((r, i) => [wanted[i]!, r.id!]));
      const failed = rows.filter((r) => r.id === null && !r.unfinished);
      if (failed.length > 0 || Date.now() > end) {
        this.logger.warn(`Left out the demo claims: the distribution packages ${rows.filter((r) => r.id === null).map((r) => r.period).join(', ')} did not commit`);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  private async societyIds(): Promise<Record<string, string>> {
    const rows: { id: string; cisac_code: string }[] = await this.db.query(`SELECT id, cisac_code FROM societies WHERE cisac_code = ANY($1)`, [
      DEMO_SOCIETIES.map((s) => s.cisacCode),
    ]);
    return Object.fromEntries(DEMO_SOCIETIES.map((s) => [s.key, rows.find((r) => r.cisac_code === s.cisacCode)!.id]));
  }

  private async loadWorld(): Promise<void> {
    const ids: Record<string, string> = {};
    for (const { key, ...society } of DEMO_SOCIETIES) ids[key] = (await this.societies.register(society)).id;
    for (const a of DEMO_ACCREDITATIONS) {
      await this.accreditations.record(SYSTEM, { societyId: ids[a.society], authority: a.authority, scope: a.scope, validFrom: a.validFrom, validTo: a.validTo });
    }
    const registered: string[] = [];
    for (const h of demoRightsHolders()) registered.push((await this.holders.register({ ...h, isni: null })).id);
    for (const m of DEMO_BOARD) {
      // The conflicted member (issue 18) is one of the society's rights holders and works for a licensee.
      const party = m.society === DEMO_BOARD_CONFLICT.society && m.memberId === DEMO_BOARD_CONFLICT.memberId
        ? { rightsHolderId: registered[DEMO_BOARD_CONFLICT.holder]!, organisation: DEMO_BOARD_CONFLICT.organisation }
        : { rightsHolderId: null, organisation: null };
      await this.board.record(SYSTEM, { societyId: ids[m.society], memberId: m.memberId, name: m.name, constituency: m.constituency, seatFrom: m.seatFrom, seatTo: m.seatTo, ...party });
    }
    this.logger.log(`Loaded the demo: ${DEMO_SOCIETIES.length} societies, ${demoRightsHolders().length} rights holders`);
  }

  /** Settles once the day's due notifications over the demo's packages are raised (or could not be). */
  notificationsReady(): Promise<void> {
    return this.notificationsLoading;
  }

  /**
   * The demo's mandates, once (a world loaded before mandates existed gets them on its
   * next start). Holder indexes follow demoRightsHolders(), whose IPIs ascend.
   */
  private async loadMandates(societyIds: Record<string, string>, holderIds: string[]): Promise<void> {
    const loaded: unknown[] = await this.db.query(`SELECT 1 FROM mandates WHERE society_id = ANY($1::uuid[]) LIMIT 1`, [Object.values(societyIds)]);
    if (loaded.length > 0) return;
    let pending = 0;
    for (const d of DEMO_MANDATES) {
      const mandate = await this.mandates.create(SYSTEM, holderIds[d.holder], {
        societyId: societyIds[d.society],
        category: d.category,
        workType: d.workType,
        territories: d.territories,
        excludedTerritories: d.excludedTerritories,
        validFrom: d.validFrom,
        validTo: d.validTo,
        basis: d.basis,
        exclusive: d.exclusive,
        consentEvidence: d.basis === 'contractual' ? 'Demo membership agreement' : null,
      });
      if (d.terminateOnLoad) {
        await this.terminations.terminate(SYSTEM, mandate.id, {});
        pending++;
      }
    }
    // Rights holder 2 (a demo token) asks the RAO-like society for its mechanical rights worldwide: a request the society has not answered (issue 14).
    const holder = holderIds[1];
    await this.mandates.create({ role: 'rights-holder', tokenId: null, label: 'demo rights holder 2', rightsHolderId: holder }, holder, {
      societyId: societyIds.rao,
      category: 'mechanical',
      workType: 'musical',
      territories: ['WORLD'],
      validFrom: '2026-01-01',
      basis: 'contractual',
      exclusive: true,
      consentEvidence: 'Demo membership application',
    });
    this.logger.log(`Loaded ${DEMO_MANDATES.length} demo mandates (${pending} termination pending to the financial-year end) and 1 mandate request awaiting the society's answer`);
  }

  /**
   * Board-apportionment settings of the demo societies that have none yet (a world
   * loaded before governance existed gets them on its next start; settings changed
   * through the API are kept).
   */
  private async loadGovernanceSettings(societyIds: Record<string, string>): Promise<void> {
    for (const { society, ...settings } of DEMO_GOVERNANCE_SETTINGS) {
      if ((await this.governance.effective(societyIds[society])).configured) continue;
      await this.governance.set(SYSTEM, societyIds[society], settings);
      this.logger.log(`Set the demo governance settings of ${society}: a board of ${settings.boardSize}, ${settings.method}, ${settings.lookbackYears} years`);
    }
  }

  /**
   * The board members' declarations for FY 2025 (Art. 10(2)), once, before the packages
   * commit (so every audit of the demo counts them): every member but the conflicted one.
   */
  private async loadDeclarations(societyIds: Record<string, string>): Promise<void> {
    const loaded: unknown[] = await this.db.query(`SELECT 1 FROM board_declarations WHERE society_id = ANY($1::uuid[]) LIMIT 1`, [Object.values(societyIds)]);
    if (loaded.length > 0) return;
    for (const d of DEMO_DECLARATIONS) {
      await this.declarations.record(SYSTEM, societyIds[d.society]!, {
        memberId: d.memberId, year: 2025, interests: d.interests, remuneration: d.remuneration, currency: 'RUB', amountsAsRightholder: '0', conflicts: d.conflicts,
      });
    }
    this.logger.log(`Recorded ${DEMO_DECLARATIONS.length} demo board declarations for 2025 (${DEMO_BOARD_CONFLICT.memberId} made none)`);
  }

  /**
   * Two years of quarterly packages per demo society, once. They are queued like any
   * upload and committed (or, for the one broken package, rejected) in the background.
   */
  private async loadSubmissions(societyIds: Record<string, string>): Promise<void> {
    const loaded: unknown[] = await this.db.query(`SELECT 1 FROM submissions WHERE society_id = ANY($1::uuid[]) LIMIT 1`, [Object.values(societyIds)]);
    if (loaded.length > 0) return;
    const packages = demoPackages();
    for (const p of packages) {
      const { type, period } = this.submissions.checkTarget(p.type, p.period);
      await this.submissions.accept(SYSTEM, societyIds[p.society], type, period, Readable.from([Buffer.from(p.csv, 'utf8')]), p.format ?? 'csv');
    }
    this.logger.log(`Queued ${packages.length} demo packages (2024Q1-2025Q4); they commit in the background`);
  }

  /**
   * The industry formats (issue 16, demo-works.ts), once: the RAO-like society's CWR files
   * (registrations, a revision, a conflicting registration), a streaming service's DSR
   * report and the distribution lines of those works, queued after every other package, in
   * that order (a society's packages are taken in one at a time, in the order received: the
   * revision finds the work it revises, the conflict the registration it conflicts with). A
   * file whose type this ledger does not take is left out, with a warning.
   */
  private async loadWorks(societyIds: Record<string, string>): Promise<void> {
    const societyId = societyIds[DEMO_WORKS_SOCIETY]!;
    const loaded: unknown[] = await this.db.query(`SELECT 1 FROM submissions WHERE society_id = $1 AND type = 'cwr' LIMIT 1`, [societyId]);
    if (loaded.length > 0) return;
    const files = demoWorksFiles();
    let targets: { type: ReturnType<SubmissionsService['checkTarget']>['type']; period: string }[];
    try {
      targets = files.map((f) => this.submissions.checkTarget(f.type, f.period));
    } catch (error) {
      // A ledger without the industry formats: none of the works demo, rather than half of it.
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`Left out the demo works (CWR, DSR and their distribution lines): ${error.message}`);
      return;
    }
    let queued = 0;
    for (const [i, f] of files.entries()) {
      const format = (f.type === 'distribution-lines' ? 'csv' : f.type) as SubmissionFormat;
      const bytes = Buffer.from(f.content, f.type === 'cwr' ? 'latin1' : 'utf8');
      await this.submissions.accept(SYSTEM, societyId, targets[i]!.type, targets[i]!.period, Readable.from([bytes]), format, { fileName: f.fileName });
      queued++;
    }
    if (queued > 0) this.logger.log(`Queued ${queued} demo works packages (CWR registrations, a DSR report, their distribution lines); they commit in the background`);
  }

  /**
   * The demo rate table (RUB and SEK to the euro, monthly, 2024-2025), so that
   * statements convert. Uploading it again changes nothing (recorded rates are kept).
   */
  private async loadRates(): Promise<void> {
    try {
      const upload = await this.rates.upload(SYSTEM, Readable.from([Buffer.from(demoRatesCsv(), 'utf8')]));
      if (upload.stored > 0) this.logger.log(`Recorded ${upload.stored} demo exchange rates (${upload.currencies.join(', ')} to EUR, ${upload.from} to ${upload.to})`);
    } catch (error) {
      // Someone recorded other rates for those days: theirs stand (a recorded rate is never changed).
      if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
      this.logger.warn(`Kept the recorded exchange rates: ${error.message}`);
    }
  }

  private async issueTokens(societyIds: Record<string, string>, holderIds: string[]): Promise<DemoToken[]> {
    await this.tokens.revokeLabelled(DEMO_LABEL);
    const wanted: { label: string; role: 'admin' | 'regulator' | 'society' | 'rights-holder'; societyId?: string; rightsHolderId?: string }[] = [
      { label: `${DEMO_LABEL}admin`, role: 'admin' },
      { label: `${DEMO_LABEL}regulator`, role: 'regulator' },
      ...DEMO_SOCIETIES.map((s) => ({ label: `${DEMO_LABEL}society ${s.key} (${s.cisacCode})`, role: 'society' as const, societyId: societyIds[s.key] })),
      { label: `${DEMO_LABEL}rights holder 1`, role: 'rights-holder', rightsHolderId: holderIds[0] },
      { label: `${DEMO_LABEL}rights holder 2`, role: 'rights-holder', rightsHolderId: holderIds[1] },
    ];
    const issued: DemoToken[] = [];
    for (const w of wanted) issued.push({ label: w.label, token: (await this.tokens.issue(w)).token });
    return issued;
  }
}
