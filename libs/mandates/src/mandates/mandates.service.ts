import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../../auth/src/index.js';
import { decodeCursor, type Page, UUID_KEY } from '../../../database/src/index.js';
import { DomainError, type InputProblem } from '../../../errors/src/index.js';
import { type NewEvent, Notifier, type RaisedEvent } from '../../../notifications/src/index.js';
import { RightsHoldersService, SocietiesService } from '../../../registry/src/index.js';
import { assertMayCreateMandate, readableMandates, recordedBy } from '../access.js';
import { MandatePoliciesRepository } from '../policies/mandate-policies.repository.js';
import { findConflicts } from '../rules/conflicts.js';
import { addDays, knownAtMoment, todayUtc } from '../rules/dates.js';
import { parseMandateTerms, type RawMandateTerms, type TermFieldNames } from '../rules/parse-terms.js';
import type { IdentifiedTerms, MandateTerms } from '../rules/terms.js';
import { territoriesEqual } from '../rules/territory-set.js';
import type { Category, WorkType } from '../rules/vocabulary.js';
import { whoManages } from '../rules/who-manages.js';
import { conflictError, conflictMessage } from './conflict-error.js';
import type { Mandate } from './mandate.js';
import { termsOf } from './mandate-row.js';
import { MandatesRepository } from './mandates.repository.js';

export interface CreateMandateInput extends Omit<RawMandateTerms, 'societyId'> {
  societyId: string;
  /** Where the holder's consent is documented (a signed form, a reference): optional. */
  consentEvidence?: string | null;
}

/** Which slice of history a read looks at; strings as the API receives them. */
export interface SliceQuery {
  /** A day: only mandates valid then. Absent: any valid time. */
  at?: string;
  /** A timestamp or a date (its end, UTC): the ledger as it stood then. Absent: now. */
  asKnownAt?: string;
  /** Only mandates in this status (requested, active, refused, ended). */
  status?: string;
}

export interface WhoManagesInput {
  rightsHolderId: string;
  category: Category;
  workType: WorkType;
  territory: string;
  at?: string;
  asKnownAt?: string;
}

export interface WhoManagesAnswer {
  rightsHolderId: string;
  category: Category;
  workType: WorkType;
  territory: string;
  at: string;
  asKnownAt: string | null;
  societies: { societyId: string; mandateId: string; basis: string; exclusive: boolean; validFrom: string; validTo: string | null }[];
}

/**
 * One mandate line of a society's bulk load (the `mandates` package), with its terms
 * grouped: several CSV lines with the same mandate_id and different territories make
 * one row here, reported under the first line's number.
 */
export interface BulkMandateRow {
  line: number;
  /** The society's own mandate id (CSV mandate_id). */
  externalId: string;
  rightsHolderIpi: string;
  category: string;
  workType: string;
  territories: string[];
  excludedTerritories?: string[];
  validFrom: string;
  validTo: string | null;
  basis: string;
  exclusive: boolean;
}

export interface BulkRecordResult {
  created: number;
  amended: number;
  unchanged: number;
  /** Per row (in input order): the mandate id it created, amended or matched. */
  mandateIds: string[];
}

/** CSV column names of the `mandates` package, for problems a bulk load reports. */
const CSV_COLUMNS: TermFieldNames = {
  category: 'category',
  workType: 'work_type',
  territories: 'territory',
  excludedTerritories: 'territory',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  basis: 'basis',
  exclusive: 'exclusive',
};

/**
 * Mandates (Directive Art. 5): a rights holder entrusts a society with a category of
 * rights, a type of work, territories and a period; an accredited society may also
 * manage rights without a mandate (non-contractual), which is recorded and shown as
 * such. History is bitemporal and never rewritten.
 */
@Injectable()
export class MandatesService {
  constructor(
    private readonly db: DataSource,
    private readonly mandates: MandatesRepository,
    private readonly holders: RightsHoldersService,
    private readonly societies: SocietiesService,
    private readonly policies: MandatePoliciesRepository,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Records a new mandate for `rightsHolderId`. Refused with 409 (naming the mandates
   * and the overlap) when it is exclusive and overlaps an exclusive mandate of the same
   * holder at another society. The holder's row is locked for the check and the insert,
   * so two concurrent requests cannot both pass.
   */
  async create(principal: Principal, rightsHolderId: string, input: CreateMandateInput): Promise<Mandate> {
    assertMayCreateMandate(principal, rightsHolderId, input.societyId);
    const parsed = parseMandateTerms(input);
    if (!parsed.ok) throw DomainError.validation('The mandate is invalid', parsed.problems);
    const terms = parsed.value;
    const policy = await this.policies.current(this.db, input.societyId);
    if (!policy) {
      throw DomainError.validation('Unknown society', [{ field: 'societyId', message: `no society with id ${input.societyId}` }]);
    }
    if (!policy.managedCategories.includes(terms.category)) throw outsideManagedCategories(terms.category, policy.managedCategories);
    // Art. 5(2), 6(2): a rights holder asks; the society answers. An admin, the society itself or its package records a mandate in force.
    const status = principal.role === 'rights-holder' ? 'requested' : 'active';
    let raised: RaisedEvent | null = null;
    const created = await this.db.transaction(async (m) => {
      if ((await this.mandates.lockHolders(m, [rightsHolderId])).length === 0) throw DomainError.notFound('Rights holder', rightsHolderId);
      const existing = await this.mandates.all(m, { rightsHolderId }, { at: null, knownAt: null });
      const conflicts = findConflicts(terms, existing.map(termsOf));
      if (conflicts.length > 0) throw conflictError(conflicts);
      const now = await this.mandates.clock(m);
      const by = recordedBy(principal);
      const id = await this.mandates.insertMandate(m, { societyId: terms.societyId, rightsHolderId, externalId: null, splitFrom: null, createdAt: now });
      await this.mandates.insertVersion(m, {
        societyId: terms.societyId,
        mandateId: id,
        version: 1,
        rightsHolderId,
        terms,
        consent: terms.basis === 'contractual' ? { recordedAt: now, recordedBy: by, evidence: input.consentEvidence ?? null } : null,
        status,
        change: 'created',
        changeDetail: status === 'requested' ? { requested: true, responseDays: policy.responseDays, answerDueBy: addDays(now.slice(0, 10), policy.responseDays) } : {},
        recordedAt: now,
        recordedBy: by,
      });
      const mandate = (await this.mandates.one(m, id, {}, null))!;
      // A request waits for the society's answer: the society is told (in the same transaction).
      if (status === 'requested') raised = await this.notifier.raise(m, mandateEvent('mandate.requested', mandate, { answerDueBy: addDays(now.slice(0, 10), policy.responseDays) }));
      return mandate;
    });
    await this.notifier.dispatch(raised);
    return created;
  }

  /**
   * The society accepts a rights holder's request (Art. 5(2)): the mandate becomes active
   * from `effectiveFrom` — by default the later of the day asked for and the day the
   * request was recorded, so a request never starts a mandate before the society heard of
   * it; never before the day asked for, nor after its end. Only the society (or an admin).
   */
  async accept(principal: Principal, mandateId: string, input: { effectiveFrom?: string }): Promise<Mandate> {
    return this.answer(principal, mandateId, (mandate) => {
      const requestedOn = mandate.createdAt.slice(0, 10);
      const from = input.effectiveFrom ?? (mandate.validFrom < requestedOn ? requestedOn : mandate.validFrom);
      if (from < mandate.validFrom) {
        throw DomainError.validation('The mandate cannot start before the day the rights holder asked for', [{ field: 'effectiveFrom', message: `must not be before ${mandate.validFrom}` }]);
      }
      if (mandate.validTo !== null && from > mandate.validTo) {
        throw DomainError.validation('The mandate would end before it starts', [{ field: 'effectiveFrom', message: `must not be after the mandate's last day, ${mandate.validTo}` }]);
      }
      return { status: 'active', change: 'accepted', period: { from, to: mandate.validTo }, detail: { effectiveFrom: from, requestedValidFrom: mandate.validFrom } };
    });
  }

  /** The society refuses a rights holder's request on stated grounds (Art. 5(2), 6(2)): the mandate never applies. */
  async refuse(principal: Principal, mandateId: string, input: { reason: string }): Promise<Mandate> {
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (reason.length === 0) throw DomainError.validation('A refusal states its reason (Directive Art. 6(2))', [{ field: 'reason', message: 'must not be empty' }]);
    return this.answer(principal, mandateId, (mandate) => ({
      status: 'refused',
      change: 'refused',
      period: { from: mandate.validFrom, to: addDays(mandate.validFrom, -1) },
      detail: { reason, requestedValidFrom: mandate.validFrom, requestedValidTo: mandate.validTo },
    }));
  }

  private async answer(
    principal: Principal,
    mandateId: string,
    decide: (m: Mandate) => { status: 'active' | 'refused'; change: 'accepted' | 'refused'; period: { from: string; to: string | null }; detail: Record<string, unknown> },
  ): Promise<Mandate> {
    const found = await this.mandates.one(this.db, mandateId, readableMandates(principal), null);
    if (!found) throw DomainError.notFound('Mandate', mandateId);
    if (!(principal.role === 'admin' || (principal.role === 'society' && principal.societyId === found.societyId))) {
      throw DomainError.forbidden('Only the society asked (or an admin) answers a mandate request');
    }
    let raised: RaisedEvent | null = null;
    const answered = await this.db.transaction(async (m) => {
      await this.mandates.lockHolders(m, [found.rightsHolderId]);
      const mandate = (await this.mandates.one(m, mandateId, {}, null))!;
      if (mandate.status !== 'requested') throw DomainError.conflict(`Mandate ${mandateId} is ${mandate.status}, not a request awaiting an answer`, { mandateStatus: mandate.status });
      const decision = decide(mandate);
      const now = await this.mandates.clock(m);
      const by = recordedBy(principal);
      const terms = { ...termsOf(mandate), period: decision.period };
      const answerDueBy = typeof mandate.changeDetail.answerDueBy === 'string' ? mandate.changeDetail.answerDueBy : null;
      await this.mandates.insertVersion(m, {
        societyId: mandate.societyId,
        mandateId: mandate.id,
        version: mandate.version + 1,
        rightsHolderId: mandate.rightsHolderId,
        terms,
        consent: mandate.consent ? { recordedAt: mandate.consent.recordedAt, recordedBy: mandate.consent.recordedBy, evidence: mandate.consent.evidence } : null,
        status: decision.status,
        change: decision.change,
        changeDetail: { ...decision.detail, requestedAt: mandate.createdAt, answerDueBy, answeredLate: answerDueBy !== null && now.slice(0, 10) > answerDueBy },
        recordedAt: now,
        recordedBy: by,
      });
      const after = (await this.mandates.one(m, mandate.id, {}, null))!;
      // The rights holder who asked is told the answer (in the same transaction).
      raised = await this.notifier.raise(m, mandateEvent('mandate.answered', after, { ...decision.detail, answeredLate: answerDueBy !== null && now.slice(0, 10) > answerDueBy }));
      return after;
    });
    await this.notifier.dispatch(raised);
    return answered;
  }

  /** One mandate as known now, or at `asKnownAt`. */
  async get(principal: Principal, id: string, asKnownAt?: string): Promise<Mandate> {
    const mandate = await this.mandates.one(this.db, id, readableMandates(principal), asKnownAt ? knownAtMoment(asKnownAt) : null);
    if (!mandate) throw DomainError.notFound('Mandate', id);
    return mandate;
  }

  /** Every recorded version of a mandate, oldest first. */
  async history(principal: Principal, id: string, limit: number, cursor?: string): Promise<Page<Mandate>> {
    const after = decodeCursor(cursor, /^[1-9]\d{0,8}$/);
    const page = await this.mandates.versions(id, readableMandates(principal), limit, after === null ? null : Number(after));
    if (page.items.length === 0 && after === null) throw DomainError.notFound('Mandate', id);
    return page;
  }

  /** A rights holder's mandates at every society (a society credential: those it holds). */
  async listForHolder(principal: Principal, rightsHolderId: string, slice: SliceQuery, limit: number, cursor?: string): Promise<Page<Mandate>> {
    await this.holders.get(principal, rightsHolderId);
    return this.mandates.page({ ...readableMandates(principal), rightsHolderId, status: slice.status }, this.slice(slice), limit, uuidCursor(cursor));
  }

  /** The mandates a society holds (a rights-holder credential: only its own among them). */
  async listForSociety(principal: Principal, societyId: string, slice: SliceQuery, limit: number, cursor?: string): Promise<Page<Mandate>> {
    await this.societies.assertReadable(principal, societyId);
    return this.mandates.page({ ...readableMandates(principal), societyId, status: slice.status }, this.slice(slice), limit, uuidCursor(cursor));
  }

  /**
   * Which societies manage `category` of `workType` in `territory` for the holder on
   * `at` (default today), as the ledger stood at `asKnownAt` (default now). Admins and
   * regulators may ask about anyone; a rights holder about itself; a society about the
   * holders it holds mandates of, and it sees only its own mandates in the answer.
   */
  async whoManages(principal: Principal, q: WhoManagesInput): Promise<WhoManagesAnswer> {
    await this.holders.get(principal, q.rightsHolderId);
    const at = q.at ?? todayUtc();
    const knownAt = q.asKnownAt ? knownAtMoment(q.asKnownAt) : null;
    // A request manages nothing until the society accepts it; a refused one never does.
    const mandates = (await this.mandates.all(this.db, { ...readableMandates(principal), rightsHolderId: q.rightsHolderId }, { at, knownAt })).filter(
      (m) => m.status === 'active' || m.status === 'ended',
    );
    const byId = new Map(mandates.map((m) => [m.id, m]));
    const managing = whoManages(mandates.map(termsOf), { category: q.category, workType: q.workType, territory: q.territory, at });
    return {
      rightsHolderId: q.rightsHolderId,
      category: q.category,
      workType: q.workType,
      territory: q.territory,
      at,
      asKnownAt: knownAt,
      societies: managing.map((t) => {
        const m = byId.get(t.mandateId)!;
        return { societyId: m.societyId, mandateId: m.id, basis: m.basis, exclusive: m.exclusive, validFrom: m.validFrom, validTo: m.validTo };
      }),
    };
  }

  /**
   * Records a society's mandates in bulk inside the caller's transaction (the
   * `mandates` submission package). All or nothing: every row is checked first (terms,
   * a registered IPI, no mandate id twice, no exclusive overlap with the holder's other
   * mandates or with other rows), and any problem throws a DomainError — `validation`
   * (400) or `conflict` (409) — whose `errors` name each line and column; nothing is
   * written then. A row whose mandate id the society already used is an amendment (a new
   * version) unless its terms are unchanged (then nothing is recorded), so a package can
   * be loaded again safely. Contractual rows record the society's word for the holder's
   * consent (`consentEvidence`).
   */
  async bulkRecord(
    manager: EntityManager,
    societyId: string,
    rows: BulkMandateRow[],
    options: { recordedBy: string; consentEvidence?: string },
  ): Promise<BulkRecordResult> {
    const problems: InputProblem[] = [];
    const parsed: { row: BulkMandateRow; terms: MandateTerms }[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      const r = parseMandateTerms({ ...row, societyId }, CSV_COLUMNS);
      if (!r.ok) problems.push(...r.problems.map((p) => ({ line: row.line, column: p.field.replace(/\[\d+\]$/, ''), message: p.message })));
      else parsed.push({ row, terms: r.value });
      const first = seen.get(row.externalId);
      if (first !== undefined) problems.push({ line: row.line, column: 'mandate_id', message: `mandate ${row.externalId} already appears on line ${first}` });
      else seen.set(row.externalId, row.line);
    }
    const managed = (await this.policies.current(manager, societyId))?.managedCategories;
    if (managed) {
      for (const { row, terms } of parsed) {
        if (!managed.includes(terms.category)) problems.push({ line: row.line, column: 'category', message: `the society does not manage ${terms.category}: it manages ${managed.join(', ')}` });
      }
    }
    const holderIds = await this.mandates.holderIdsByIpi(manager, [...new Set(rows.map((r) => r.rightsHolderIpi))]);
    for (const row of rows) {
      if (!holderIds.has(row.rightsHolderIpi)) problems.push({ line: row.line, column: 'rights_holder_ipi', message: `no rights holder with IPI ${row.rightsHolderIpi} is registered` });
    }
    if (problems.length > 0) throw DomainError.validation(`The mandates package has ${problems.length} problem(s)`, problems);

    await this.mandates.lockHolders(manager, [...new Set(holderIds.values())]);
    const now = await this.mandates.clock(manager);
    const existingByExternal = new Map(
      (await this.mandates.all(manager, { societyId, externalIds: parsed.map((p) => p.row.externalId) }, { at: null, knownAt: null })).map((m) => [m.externalId!, m]),
    );
    // Each holder's mandates as they will stand, so rows are checked against one another too.
    const books = new Map<string, IdentifiedTerms[]>();
    const bookOf = async (holderId: string) => {
      if (!books.has(holderId)) books.set(holderId, (await this.mandates.all(manager, { rightsHolderId: holderId }, { at: null, knownAt: null })).map(termsOf));
      return books.get(holderId)!;
    };
    const plan: { row: BulkMandateRow; terms: MandateTerms; holderId: string; existing: Mandate | undefined; unchanged: boolean; placeholder: string }[] = [];
    for (const { row, terms } of parsed) {
      const holderId = holderIds.get(row.rightsHolderIpi)!;
      const existing = existingByExternal.get(row.externalId);
      if (existing && existing.rightsHolderId !== holderId) {
        problems.push({ line: row.line, column: 'rights_holder_ipi', message: `mandate ${row.externalId} is recorded for another rights holder; a mandate id cannot change holder` });
        continue;
      }
      const unchanged = existing !== undefined && sameTerms(termsOf(existing), terms);
      const placeholder = existing?.id ?? `line ${row.line}`;
      const book = await bookOf(holderId);
      const others = book.filter((t) => t.mandateId !== placeholder);
      const conflicts = unchanged ? [] : findConflicts(terms, others);
      if (conflicts.length > 0) {
        problems.push({ line: row.line, column: 'mandate_id', message: conflictMessage(conflicts) });
        continue;
      }
      books.set(holderId, [...others, { ...terms, mandateId: placeholder }]);
      plan.push({ row, terms, holderId, existing, unchanged, placeholder });
    }
    if (problems.length > 0) throw new DomainError('conflict', `The mandates package has ${problems.length} conflict(s)`, problems);

    const result: BulkRecordResult = { created: 0, amended: 0, unchanged: 0, mandateIds: [] };
    for (const p of plan) {
      const consent =
        p.terms.basis === 'contractual'
          ? { recordedAt: now, recordedBy: options.recordedBy, evidence: options.consentEvidence ? `${options.consentEvidence}, line ${p.row.line}` : null }
          : null;
      if (p.unchanged) {
        result.unchanged++;
        result.mandateIds.push(p.existing!.id);
      } else if (p.existing) {
        await this.mandates.insertVersion(manager, {
          societyId, mandateId: p.existing.id, version: p.existing.version + 1, rightsHolderId: p.holderId, terms: p.terms,
          consent, change: 'amended', changeDetail: { line: p.row.line }, recordedAt: now, recordedBy: options.recordedBy,
        });
        result.amended++;
        result.mandateIds.push(p.existing.id);
      } else {
        const id = await this.mandates.insertMandate(manager, { societyId, rightsHolderId: p.holderId, externalId: p.row.externalId, splitFrom: null, createdAt: now });
        await this.mandates.insertVersion(manager, {
          societyId, mandateId: id, version: 1, rightsHolderId: p.holderId, terms: p.terms,
          consent, change: 'created', changeDetail: { line: p.row.line }, recordedAt: now, recordedBy: options.recordedBy,
        });
        result.created++;
        result.mandateIds.push(id);
      }
    }
    return result;
  }

  private slice(q: SliceQuery): { at: string | null; knownAt: string | null } {
    return { at: q.at ?? null, knownAt: q.asKnownAt ? knownAtMoment(q.asKnownAt) : null };
  }
}

/** A list cursor: the last mandate id seen. */
function uuidCursor(cursor: string | undefined): string | null {
  return decodeCursor(cursor, UUID_KEY);
}

function sameTerms(a: MandateTerms, b: MandateTerms): boolean {
  return (
    a.category === b.category &&
    a.workType === b.workType &&
    territoriesEqual(a.territories, b.territories) &&
    a.period.from === b.period.from &&
    a.period.to === b.period.to &&
    a.basis === b.basis &&
    a.exclusive === b.exclusive
  );
}

/** 422: the society does not manage this category (its mandate policy lists those it does). */
export function outsideManagedCategories(category: string, managed: readonly string[]): DomainError {
  return new DomainError('unprocessable', `The society does not manage ${category}: it manages ${managed.join(', ')}`, [
    { field: 'category', message: `must be one the society manages: ${managed.join(', ')}` },
  ], { managedCategories: managed });
}

/** A mandate request's event: `mandate.requested` tells the society asked, `mandate.answered` the rights holder who asked. */
function mandateEvent(type: 'mandate.requested' | 'mandate.answered', mandate: Mandate, extra: Record<string, unknown>): NewEvent {
  return {
    type,
    societyId: mandate.societyId,
    key: `${type}:${mandate.id}`,
    data: {
      mandateId: mandate.id,
      societyId: mandate.societyId,
      rightsHolderId: mandate.rightsHolderId,
      status: mandate.status,
      category: mandate.category,
      workType: mandate.workType,
      territories: mandate.territories,
      validFrom: mandate.validFrom,
      validTo: mandate.validTo,
      ...extra,
    },
    to: type === 'mandate.requested' ? { societies: [mandate.societyId] } : { rightsHolders: [mandate.rightsHolderId] },
  };
}
