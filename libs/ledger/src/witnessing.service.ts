import { readFileSync } from 'node:fs';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../../config/src/index.js';
import { JobQueue } from '../../jobs/src/index.js';
import { MerkleTree, signCheckpoint, type SignedTreeHead } from '../../merkle/src/index.js';
import { parsePolicy, quorumMet, requestCosignature, writtenQuorum, type CosignOutcome, type Policy, type PolicyWitness } from '../../witness/src/index.js';
import { LOG_KEY_NAME, logOrigin } from './log-identity.js';
import { LogRepository } from './log.repository.js';
import { SigningKeyService } from './signing-key.service.js';

/** The job that sends a society's latest checkpoint to its witnesses (one per new head). */
export const LOG_WITNESS_JOB = 'log-witness';
export interface LogWitnessJobPayload {
  societyId: string;
}
/** The deterministic id of the job for a head: a head is sent once, however often it is asked for. */
export const logWitnessJobId = (societyId: string, treeSize: number) => `log-witness-${societyId}-${treeSize}`;

/** Tries of one request within a round (network error, 5xx, 429), waits LOG_WITNESS_RETRY_MS · 2^k between. */
const TRIES = 4;
/** 409 answers followed within one round (each names the witness's size, resent from there). */
const MAX_409 = 3;

/** What the ledger knows of one witness of one society's log. */
export interface WitnessState {
  witness: string;
  /** The witness's vkey (NAME+HASH+BASE64(0x04‖key)) from the policy: what checks its cosignatures. */
  vkey: string;
  url: string | null;
  /** Largest size of this log the witness cosigned (null: none yet). */
  cosignedSize: number | null;
  lastError: string | null;
  attemptedAt: string | null;
  /** Set when the witness refused a checkpoint as inconsistent with what it cosigned (a split view or a rewritten log). */
  alarm: string | null;
  alarmAt: string | null;
}

/** A society log's witnessing: its latest head, who cosigned it, and whether the quorum holds. */
export interface LogWitnessing {
  societyId: string;
  treeSize: number;
  quorum: string;
  /** Names of the witnesses whose cosignature of the latest head the ledger holds. */
  cosigners: string[];
  quorumMet: boolean;
  /** True when witnesses are configured and the latest head lacks its quorum. */
  behindQuorum: boolean;
  /** Largest head size whose cosignatures meet the quorum (null: none). */
  witnessedSize: number | null;
  witnesses: WitnessState[];
}

/**
 * The ledger as a witnessed log (c2sp.org/tlog-witness): LOG_WITNESSES (a c2sp.org/tlog-policy
 * file) names the witnesses and the quorum; after each new head a job sends the
 * checkpoint, with its consistency proof from the size the witness last cosigned, to each
 * witness's add-checkpoint, and keeps the cosignatures. A 409 is followed (resent from the
 * witness's size); network errors, 5xx and 429 are retried with backoff; a 422 (or a
 * witness claiming a larger tree than the log has) is an alarm: logged at error, kept
 * (health degraded, an audit finding), never retried away.
 */
@Injectable()
export class LogWitnessingService implements OnModuleInit {
  private readonly logger = new Logger('LogWitnessing');
  private policy: Policy | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly log: LogRepository,
    private readonly key: SigningKeyService,
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    const file = this.config.LOG_WITNESSES;
    if (!file) return;
    try {
      this.policy = parsePolicy(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`LOG_WITNESSES: ${(error as Error).message}`);
    }
  }

  /** The witness policy in force (null: no witnesses configured). */
  get witnessPolicy(): Policy | null {
    return this.policy;
  }

  /** After a commit: queue the job that sends the new head to the witnesses (never fails the commit). */
  async afterCommit(societyId: string, treeSize: number): Promise<void> {
    if (!this.policy || this.policy.witnesses.length === 0) return;
    try {
      await this.queue.enqueue(LOG_WITNESS_JOB, { societyId } satisfies LogWitnessJobPayload, { jobId: logWitnessJobId(societyId, treeSize), attempts: 3, tenant: societyId });
    } catch (error) {
      this.logger.error(`could not queue the witnessing of head ${treeSize} of society ${societyId}: ${(error as Error).message}`);
    }
  }

  /** At boot: queue the latest head of every log whose witnesses lag behind it. */
  async requeueBehind(): Promise<void> {
    if (!this.policy || this.policy.witnesses.length === 0) return;
    const heads: { societyId: string; treeSize: string }[] = await this.db.query(
      `SELECT DISTINCT ON (society_id) society_id AS "societyId", tree_size AS "treeSize" FROM tree_heads ORDER BY society_id, tree_size DESC`,
    );
    for (const h of heads) {
      const status = await this.status(h.societyId);
      if (status.behindQuorum || status.witnesses.some((w) => w.cosignedSize !== Number(h.treeSize) && !w.alarm)) await this.afterCommit(h.societyId, Number(h.treeSize));
    }
  }

  /** The log-signed checkpoint of a head (Ed25519 is deterministic: the same head, the same bytes). */
  checkpointOf(societyId: string, head: Pick<SignedTreeHead, 'treeSize' | 'rootHash'>): string {
    return signCheckpoint(logOrigin(societyId), head.treeSize, head.rootHash, LOG_KEY_NAME, this.key.privateKey);
  }

  /** The checkpoint of a head with every cosignature the ledger holds for it. */
  async cosignedCheckpoint(societyId: string, head: Pick<SignedTreeHead, 'treeSize' | 'rootHash'>): Promise<string> {
    const rows: { line: string }[] = await this.db.query(
      `SELECT line FROM log_cosignatures WHERE society_id = $1 AND tree_size = $2 ORDER BY witness, key_id`,
      [societyId, head.treeSize],
    );
    return this.checkpointOf(societyId, head) + rows.map((r) => `${r.line}\n`).join('');
  }

  /** Witness names whose cosignature of the head at `treeSize` the ledger holds. */
  async cosigners(societyId: string, treeSize: number): Promise<string[]> {
    const rows: { witness: string }[] = await this.db.query(
      `SELECT DISTINCT witness FROM log_cosignatures WHERE society_id = $1 AND tree_size = $2 ORDER BY witness`,
      [societyId, treeSize],
    );
    return rows.map((r) => r.witness);
  }

  /** The society log's witnessing as the ledger knows it. */
  async status(societyId: string): Promise<LogWitnessing> {
    const head = await this.log.head(societyId);
    const treeSize = head?.treeSize ?? 0;
    const cosigners = head ? await this.cosigners(societyId, treeSize) : [];
    const policy = this.policy;
    const met = policy ? quorumMet(policy, new Set(cosigners)) : true;
    const rows: (Omit<WitnessState, 'url' | 'cosignedSize'> & { cosignedSize: string | null })[] = await this.db.query(
      `SELECT witness, cosigned_size AS "cosignedSize", last_error AS "lastError", attempted_at AS "attemptedAt", alarm, alarm_at AS "alarmAt"
       FROM log_witness_states WHERE society_id = $1`,
      [societyId],
    );
    const witnesses: WitnessState[] = (policy?.witnesses ?? []).map((w) => {
      const r = rows.find((x) => x.witness === w.name);
      const at = (v: unknown) => (v instanceof Date ? v.toISOString() : ((v as string | null | undefined) ?? null));
      return {
        witness: w.name,
        vkey: w.vkey,
        url: w.url ?? null,
        cosignedSize: r?.cosignedSize == null ? null : Number(r.cosignedSize),
        lastError: r?.lastError ?? null,
        attemptedAt: at(r?.attemptedAt),
        alarm: r?.alarm ?? null,
        alarmAt: at(r?.alarmAt),
      };
    });
    let witnessedSize: number | null = null;
    if (policy && policy.witnesses.length > 0) {
      const sizes: { treeSize: string; witnesses: string[] }[] = await this.db.query(
        `SELECT tree_size AS "treeSize", array_agg(DISTINCT witness) AS witnesses FROM log_cosignatures WHERE society_id = $1 GROUP BY tree_size ORDER BY tree_size DESC LIMIT 50`,
        [societyId],
      );
      witnessedSize = sizes.map((s) => ({ size: Number(s.treeSize), ok: quorumMet(policy, new Set(s.witnesses)) })).find((s) => s.ok)?.size ?? null;
    }
    const configured = !!policy && policy.witnesses.length > 0;
    return {
      societyId,
      treeSize,
      quorum: policy ? writtenQuorum(policy) : 'none',
      cosigners,
      quorumMet: met,
      behindQuorum: configured && treeSize > 0 && !met,
      witnessedSize,
      witnesses,
    };
  }

  /** The societies whose latest head lacks its quorum of cosignatures, with the sizes. */
  async behindQuorum(): Promise<{ societyId: string; treeSize: number; witnessedSize: number | null }[]> {
    if (!this.policy || this.policy.witnesses.length === 0) return [];
    const heads: { societyId: string }[] = await this.db.query(`SELECT DISTINCT society_id AS "societyId" FROM tree_heads`);
    const out: { societyId: string; treeSize: number; witnessedSize: number | null }[] = [];
    for (const h of heads) {
      const s = await this.status(h.societyId);
      if (s.behindQuorum) out.push({ societyId: h.societyId, treeSize: s.treeSize, witnessedSize: s.witnessedSize });
    }
    return out;
  }

  /** Every alarm raised by a witness, all societies. */
  async alarms(): Promise<{ societyId: string; witness: string; alarm: string; alarmAt: string }[]> {
    return this.db.query(
      `SELECT society_id AS "societyId", witness, alarm, alarm_at AS "alarmAt" FROM log_witness_states WHERE alarm IS NOT NULL ORDER BY alarm_at`,
    );
  }

  /**
   * The job: sends the society's latest head to every witness, until the head it sent is
   * still the latest. Throws when a witness could not be reached (the queue retries the
   * job); answers that retrying cannot change (422, 403, 404) are recorded, not thrown.
   */
  async witness(societyId: string): Promise<void> {
    const policy = this.policy;
    if (!policy) return;
    let unreachable: string[] = [];
    for (let round = 0; round < 3; round++) {
      const head = await this.log.head(societyId);
      if (!head) return;
      const note = this.checkpointOf(societyId, head);
      unreachable = [];
      for (const w of policy.witnesses) {
        if (!w.url) continue;
        const ok = await this.sendTo(societyId, w, head, note);
        if (!ok) unreachable.push(w.name);
      }
      const latest = await this.log.head(societyId);
      if (!latest || latest.treeSize === head.treeSize) break;
    }
    if (unreachable.length > 0) throw new Error(`witnesses not reached for the log of society ${societyId}: ${unreachable.join(', ')}`);
  }

  /** One witness, one head, through the witness library's client. False when it could not be reached (worth retrying later). */
  private async sendTo(societyId: string, w: PolicyWitness, head: SignedTreeHead, note: string): Promise<boolean> {
    const state = await this.state(societyId, w.name);
    if (state?.alarm) {
      // An alarm stands until an operator looks: sending on would bury it under new answers.
      this.logger.error(`witness ${w.name} of the log of society ${societyId} is in alarm (${state.alarm}); not sending head ${head.treeSize}`);
      return true;
    }
    const known = state?.cosignedSize ?? 0;
    if (known === head.treeSize && (await this.cosigners(societyId, head.treeSize)).includes(w.name)) return true;
    let tree: MerkleTree | undefined;
    const outcome = await requestCosignature({
      url: w.url!,
      witnessKey: w.key,
      checkpoint: note,
      knownSize: known,
      proofFrom: async (old) => {
        tree ??= new MerkleTree(await this.log.leafHashes(societyId, head.treeSize));
        return tree.consistencyProof(old, head.treeSize);
      },
      tries: TRIES,
      retryDelayMs: this.config.LOG_WITNESS_RETRY_MS,
      max409: MAX_409,
      onRetry: (reason, attempt) => this.logger.warn(`witness ${w.name} at ${w.url}: ${reason} (try ${attempt}/${TRIES})`),
    });
    switch (outcome.kind) {
      case 'cosigned':
        await this.db.query(
          `INSERT INTO log_cosignatures (society_id, tree_size, witness, key_id, cosigned_at, line) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [societyId, head.treeSize, w.name, outcome.cosignature.keyId.toString(16).padStart(8, '0'), String(outcome.cosignature.timestamp), outcome.line],
        );
        await this.record(societyId, w.name, { cosignedSize: head.treeSize, lastError: null });
        return true;
      case 'conflict':
        await this.raise(societyId, w.name, head, outcome);
        return true;
      case 'failed':
        await this.record(societyId, w.name, { lastError: outcome.retryable ? `unreachable: ${outcome.reason}` : outcome.reason });
        return !outcome.retryable;
    }
  }

  /**
   * A refusal that retrying would only hide: logged at error, kept on the witness's state
   * (until an operator clears it) and, for good, in log_witness_alarms (the audit reads it:
   * governance.log-consistency). Both rows are written by one statement, with one time.
   */
  private async raise(societyId: string, witness: string, head: Pick<SignedTreeHead, 'treeSize' | 'rootHash'>, c: Extract<CosignOutcome, { kind: 'conflict' }>): Promise<void> {
    const alarm =
      c.status === null
        ? `the witness says it cosigned size ${c.witnessSize} of this log, beyond its ${head.treeSize} leaves (a view of the log the ledger does not have)`
        : `refused the checkpoint of size ${head.treeSize} (root ${head.rootHash}) from size ${c.oldSize} with ${c.status}: ${c.reason}`;
    this.logger.error(`ALARM: witness ${witness} of the log of society ${societyId}: ${alarm}`);
    await this.db.query(
      `WITH raised AS (
         INSERT INTO log_witness_alarms (society_id, witness, raised_at, tree_size, root_hash, old_size, witness_size, status, alarm)
         VALUES ($1, $2, clock_timestamp(), $3, $4, $5, $6, $7, $8)
         RETURNING society_id, witness, alarm, raised_at
       )
       INSERT INTO log_witness_states (society_id, witness, alarm, alarm_at, attempted_at)
       SELECT society_id, witness, alarm, raised_at, raised_at FROM raised
       ON CONFLICT (society_id, witness) DO UPDATE SET alarm = EXCLUDED.alarm, alarm_at = EXCLUDED.alarm_at, attempted_at = EXCLUDED.attempted_at`,
      [societyId, witness, head.treeSize, head.rootHash, c.oldSize, c.witnessSize, c.status, alarm],
    );
  }

  private async record(societyId: string, witness: string, change: { cosignedSize?: number; lastError: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO log_witness_states (society_id, witness, cosigned_size, last_error, attempted_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (society_id, witness) DO UPDATE SET
         cosigned_size = greatest(log_witness_states.cosigned_size, EXCLUDED.cosigned_size), last_error = EXCLUDED.last_error, attempted_at = EXCLUDED.attempted_at`,
      [societyId, witness, change.cosignedSize ?? null, change.lastError],
    );
  }

  private async state(societyId: string, witness: string): Promise<{ cosignedSize: number | null; alarm: string | null } | undefined> {
    const rows: { cosignedSize: string | null; alarm: string | null }[] = await this.db.query(
      `SELECT cosigned_size AS "cosignedSize", alarm FROM log_witness_states WHERE society_id = $1 AND witness = $2`,
      [societyId, witness],
    );
    return rows[0] && { cosignedSize: rows[0].cosignedSize === null ? null : Number(rows[0].cosignedSize), alarm: rows[0].alarm };
  }
}
