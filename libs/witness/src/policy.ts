/**
 * C2SP tlog-policy files (https://c2sp.org/tlog-policy): which logs and witnesses are
 * known and the quorum of cosignatures a checkpoint needs.
 *
 *   log <vkey> [<url>]                      a log (vkey type 0x01; its name is the origin)
 *   witness <name> <vkey> [<url>]           a witness (vkey type 0x04; url: its submission prefix)
 *   group <name> all|any|<k> <member>...    k of the members (witnesses or earlier groups)
 *   quorum <name>|none                      exactly one; `none`: no cosignature needed
 *
 * Whitespace is runs of spaces and tabs; blank lines and `#` comments are ignored;
 * names are referenced only after their definition; a member is listed at most once
 * per group; duplicate keys are refused. Extension of this project (CONTRACT.md):
 * `quorum <N>` with a decimal N that names no witness or group means "any N of all
 * the witnesses".
 */
import { MerkleFormatError, MerkleVerificationError, openNote, ed25519NoteVerifier, parseCheckpoint, type Checkpoint } from '../../merkle/src/index.js';
import { cosignaturesOf, type Cosignature } from './cosignature.js';
import { SIG_COSIGNATURE_V1, SIG_ED25519, parseVkey, type VerifierKey } from './keys.js';

export interface PolicyLog {
  vkey: string;
  key: VerifierKey;
  url?: string;
}

export interface PolicyWitness {
  name: string;
  vkey: string;
  key: VerifierKey;
  url?: string;
}

export interface PolicyGroup {
  name: string;
  threshold: number;
  members: string[];
}

export interface Policy {
  logs: PolicyLog[];
  witnesses: PolicyWitness[];
  groups: PolicyGroup[];
  /** A witness or group name, or 'none'. */
  quorum: string;
}

export class PolicyError extends MerkleFormatError {}

const fail = (line: number, message: string): never => {
  throw new PolicyError(`policy line ${line}: ${message}`);
};

/** Parses a tlog-policy file; throws PolicyError naming the line. */
export function parsePolicy(text: string): Policy {
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) throw new PolicyError('policy: control characters other than tab and newline are not allowed');
  const logs: PolicyLog[] = [];
  const witnesses: PolicyWitness[] = [];
  const groups: PolicyGroup[] = [];
  const names = new Set<string>(['none']);
  const keys = new Set<string>();
  let quorum: string | undefined;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [keyword, ...args] = line.split(/[ \t]+/);
    const key = (vkey: string, type: number): VerifierKey => {
      let parsed: VerifierKey;
      try {
        parsed = parseVkey(vkey, type);
      } catch (error) {
        return fail(n, (error as Error).message);
      }
      const raw = parsed.publicKey.toString('hex');
      if (keys.has(raw)) fail(n, 'duplicate public key');
      keys.add(raw);
      return parsed;
    };
    switch (keyword) {
      case 'log': {
        if (args.length < 1 || args.length > 2) fail(n, 'expected: log <vkey> [<url>]');
        logs.push({ vkey: args[0], key: key(args[0], SIG_ED25519), url: args[1] });
        break;
      }
      case 'witness': {
        if (args.length < 2 || args.length > 3) fail(n, 'expected: witness <name> <vkey> [<url>]');
        const [name, vkey, url] = args;
        if (names.has(name)) fail(n, `the name ${name} is already defined`);
        witnesses.push({ name, vkey, key: key(vkey, SIG_COSIGNATURE_V1), url });
        names.add(name);
        break;
      }
      case 'group': {
        if (args.length < 3) fail(n, 'expected: group <name> all|any|<k> <member>...');
        const [name, k, ...members] = args;
        if (names.has(name)) fail(n, `the name ${name} is already defined`);
        for (const m of members) {
          if (m === 'none' || !names.has(m)) fail(n, `unknown group member ${m} (members must be defined on earlier lines)`);
        }
        if (new Set(members).size !== members.length) fail(n, 'a member is listed more than once');
        let threshold: number;
        if (k === 'all') threshold = members.length;
        else if (k === 'any') threshold = 1;
        else if (/^[1-9][0-9]*$/.test(k) && Number(k) <= members.length) threshold = Number(k);
        else threshold = fail(n, `the threshold must be all, any or a number from 1 to ${members.length}`);
        groups.push({ name, threshold, members });
        names.add(name);
        break;
      }
      case 'quorum': {
        if (args.length !== 1) fail(n, 'expected: quorum <name>');
        if (quorum !== undefined) fail(n, 'a policy has exactly one quorum line');
        const [name] = args;
        if (!names.has(name)) {
          if (/^[0-9]+$/.test(name) && Number(name) >= 1 && Number(name) <= witnesses.length) {
            // `quorum N` (project extension): any N of the witnesses defined so far.
            const group = `__any-${name}-of-all`;
            groups.push({ name: group, threshold: Number(name), members: witnesses.map((w) => w.name) });
            quorum = group;
            break;
          }
          fail(n, `the quorum ${name} is not a witness or group defined on an earlier line`);
        }
        quorum = name;
        break;
      }
      default:
        fail(n, `unknown keyword ${JSON.stringify(keyword)} (log, witness, group, quorum)`);
    }
  });
  if (quorum === undefined) throw new PolicyError('policy: no quorum line');
  return { logs, witnesses, groups, quorum };
}

/** The quorum as the policy file wrote it: a witness or group name, `none`, or N for `quorum N` (any N of the witnesses). */
export function writtenQuorum(policy: Policy): string {
  return /^__any-([0-9]+)-of-all$/.exec(policy.quorum)?.[1] ?? policy.quorum;
}

/** True when the witnesses named in `cosigned` satisfy the policy's quorum. */
export function quorumMet(policy: Policy, cosigned: ReadonlySet<string>): boolean {
  const memo = new Map<string, boolean>();
  const met = (name: string): boolean => {
    if (name === 'none') return true;
    const cached = memo.get(name);
    if (cached !== undefined) return cached;
    const group = policy.groups.find((g) => g.name === name);
    const value = group ? group.members.filter(met).length >= group.threshold : cosigned.has(name);
    memo.set(name, value);
    return value;
  };
  return met(policy.quorum);
}

export interface PolicyVerification {
  checkpoint: Checkpoint;
  /** The note body (checkpoint text). */
  text: string;
  /** The log (its vkey) whose signature verified. */
  log: PolicyLog;
  /** Valid cosignatures by policy witnesses, with the witness's policy name. */
  cosignatures: Array<Cosignature & { witness: string }>;
  quorum: boolean;
}

/**
 * Verifies a (co)signed checkpoint note against a policy: signed by one of its logs
 * (the log key's name must be the origin, as tlog-policy says, unless
 * `originMustBeKeyName: false`: the ledger signs every society's log
 * `collective-ledger/society/<id>` with one key named `collective-ledger`; `origin`,
 * when given, is the origin the caller expects), and the valid cosignatures of its
 * witnesses counted towards the quorum. Throws MerkleVerificationError when no log
 * signature verifies or a known key's signature is wrong; `quorum` says whether the
 * cosignatures suffice (callers requiring it throw themselves).
 */
export function verifyWithPolicy(
  message: string | Uint8Array,
  policy: Policy,
  options: { origin?: string; originMustBeKeyName?: boolean } = {},
): PolicyVerification {
  if (policy.logs.length === 0) throw new MerkleVerificationError('the policy lists no log');
  const verifiers = policy.logs.map((l) => ed25519NoteVerifier(l.key.name, l.key.publicKey));
  const opened = openNote(message, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  const signer = opened.verified[0];
  const log = policy.logs.find((l) => l.key.name === signer.name && l.key.keyId === signer.keyHash)!;
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new MerkleVerificationError(`the checkpoint is for ${checkpoint.origin}, not ${options.origin}`);
  }
  if (options.originMustBeKeyName !== false && checkpoint.origin !== log.key.name) {
    throw new MerkleVerificationError(`the checkpoint origin ${checkpoint.origin} is not the log key's name ${log.key.name}`);
  }
  const { cosignatures } = cosignaturesOf(message, policy.witnesses.map((w) => w.key));
  const named = cosignatures.map((c) => ({ ...c, witness: policy.witnesses.find((w) => w.key.name === c.name && w.key.keyId === c.keyId)!.name }));
  return { checkpoint, text: opened.text, log, cosignatures: named, quorum: quorumMet(policy, new Set(named.map((c) => c.witness))) };
}
