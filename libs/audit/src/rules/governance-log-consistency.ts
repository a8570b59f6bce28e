import { type ParamValues, param } from './params.js';
import type { AuditRule, RuleContext, Sql } from './rule.js';
import { plural } from './support.js';

interface AlarmRow {
  witness: string;
  raisedAt: string;
  treeSize: number;
  rootHash: string;
  oldSize: number | null;
  witnessSize: number | null;
  status: number | null;
  alarm: string;
  standing: boolean;
}

/**
 * The society's log as its witnesses saw it (c2sp.org/tlog-witness, LOG_WITNESSES): a
 * witness that refused one of the log's checkpoints as inconsistent with one it had
 * cosigned was shown another history of the log (a split view: the operator signed two
 * roots for one size), or the log was rewritten or rolled back. The figures every other
 * rule judges, and the transparency report published from the same log, may then not be
 * what everyone else is shown (Art. 22(1): one report, made public; Art. 36(1): the
 * authorities monitor on that data).
 */
export const logConsistency: AuditRule = {
  id: 'governance.log-consistency',
  title: "No witness refused the society's log as inconsistent (split view)",
  source: 'Directive 2014/26/EU Art. 22(1) (one report, made public) and Art. 36(1) (monitoring by the competent authorities)',
  severity: 'high',
  group: 'governance',
  description:
    "Reads every alarm the witnesses of the society's log raised (log_witness_alarms, append-only): a witness answered 422, or a 409 without a size, or a size beyond the log's, " +
    'to a checkpoint the ledger sent, because it had cosigned a checkpoint this one contradicts — another root for a size, a tree this one does not extend, or more leaves than the log has. ' +
    'Fails when there is one, whichever financial year is audited: the whole log, hence every figure judged here, may have been shown differently to someone. ' +
    'Unlike the log, alarms are not pinned to a head: one raised after an audit makes a new audit of the same heads fail. Passes when no witness is configured (nothing was checked; /health says so).',
  params: [
    {
      name: 'alarms',
      kind: 'choice',
      default: 'all',
      values: ['all', 'standing'],
      description:
        "Which alarms fail the rule: 'all' (every alarm ever raised: an operator clearing one to resume sending does not undo what the witness saw), or 'standing' (only those not cleared). A policy of this ledger: no law sets it.",
    },
  ],
  async run(sql: Sql, ctx: RuleContext, params: ParamValues) {
    const which = param.choice(params, 'alarms');
    const rows = await sql<AlarmRow>(
      `SELECT a.witness, to_char(a.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "raisedAt",
              a.tree_size::int AS "treeSize", a.root_hash AS "rootHash", a.old_size::int AS "oldSize", a.witness_size::int AS "witnessSize",
              a.status, a.alarm, (s.alarm IS NOT NULL AND s.alarm_at = a.raised_at) AS standing
       FROM log_witness_alarms a
       LEFT JOIN log_witness_states s ON s.society_id = a.society_id AND s.witness = a.witness
       WHERE a.society_id = $1
       ORDER BY a.raised_at, a.witness`,
      [ctx.society.id],
    );
    const counted = which === 'standing' ? rows.filter((r) => r.standing) : rows;
    const head = ctx.heads.find((h) => h.societyId === ctx.society.id);
    const witnesses = [...new Set(counted.map((r) => r.witness))].sort();
    let details: string;
    if (counted.length === 0) {
      details =
        rows.length === 0
          ? "No witness of the society's log refused one of its checkpoints as inconsistent."
          : `No standing alarm: ${plural(rows.length, 'alarm')} raised by the witnesses of the society's log ${rows.length === 1 ? 'was' : 'were'} cleared (counted: standing alarms only).`;
    } else {
      const first = counted[0];
      details =
        `${plural(witnesses.length, 'witness', 'witnesses')} (${witnesses.join(', ')}) refused ${counted.length === 1 ? 'a checkpoint' : `${counted.length} checkpoints`} of the society's log as inconsistent with what ${witnesses.length === 1 ? 'it' : 'they'} had cosigned, ` +
        `first on ${first.raisedAt.slice(0, 10)} (size ${first.treeSize}): the log may have been shown differently to someone (a split view) or rewritten.`;
    }
    return {
      passed: counted.length === 0,
      details,
      evidence: {
        counted: which,
        pinnedTreeSize: head?.treeSize ?? 0,
        alarms: counted.slice(0, ctx.evidenceLimit),
        alarmsTotal: counted.length,
        cleared: rows.filter((r) => !r.standing).length,
      },
      metrics: { alarms: counted.length, witnesses },
    };
  },
};
