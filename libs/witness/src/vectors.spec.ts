/**
 * Interoperability with the C2SP specs' published examples and the reference
 * implementations' vectors (used as data only; sources named per vector).
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { ed25519NoteVerifier, formatCheckpoint, openNote, signCheckpoint, generateEd25519KeyPair, formatVerifierKey } from '../../merkle/src/index.js';
import {
  SIG_COSIGNATURE_V1,
  cosignaturesOf,
  cosignerVkey,
  decodeTimestampedSignature,
  formatCosignerPrivateKey,
  generateCosignerKey,
  parseAddCheckpointRequest,
  parseCosignerPrivateKey,
  parseVkey,
  signCosignature,
} from './index.js';

// transparency-dev/formats (the Go cosignature/v1 implementation), through the vectors
// yaglo/signed_note captured from it: test/support/vectors/typed_notes.tsv, line "cosigv1".
const TD_COSIG_VKEY = 'vec.example/cosigv10+c12688da+BLMSTPoQj0PojM8eKiPf9xUT8g6b0OuMyvYb5sSu9JH5';
const TD_COSIG_NOTE = Buffer.from(
  'dmVjLmV4YW1wbGUvY29zaWd2MTAKNDIKQ3NVWWFwR0dQbzRka01nSUFVcW9tL1hhamo3aDJmQjJNUEEzajJqeHEyST0KCuKAlCB2ZWMuZXhhbXBsZS9jb3NpZ3YxMCB3U2FJMmdBQUFBQnFiTDVRM0hqYlRDSmVxTWczdG1wZFlHQWcwNWlqVGk3azBweXJlSlNVTG10djNnK3lYSCtHL0tvODdKRytRa0xGNmFmOStHVlZObEVJZ2Y2VDBidzB3UXlNRHc9PQo=',
  'base64',
).toString('utf8');
// transparency-dev/formats note/note_cosigv1_test.go: a native 0x04 vkey (TestCoSigV1NewVerifier)
// and a cosignature whose timestamp is 1727964367 (TestCosignatureTimestamp).
const TD_NATIVE_VKEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
const TD_TIMESTAMPED_SIG = 'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==';
const TD_PLAIN_SIG = 'eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=';
// C2SP signed-note, "Verifier keys" → "Example".
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE = 'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
// golang.org/x/mod/sumdb/note documentation: the PeterNeumann signer key (type 0x01).
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
// C2SP tlog-witness, add-checkpoint "Example request body".
const SPEC_REQUEST =
  'old 20852014\n' +
  'PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n' +
  'jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n' +
  '5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n' +
  '/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n' +
  '\n' +
  'example.com/behind-the-sofa\n' +
  '20852163\n' +
  'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n' +
  '\n' +
  '\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n' +
  '\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n';

describe('their vectors verify with our code', () => {
  it('a cosignature/v1 made by transparency-dev/formats verifies, and a one-byte change does not', () => {
    const key = parseVkey(TD_COSIG_VKEY);
    expect(key).toMatchObject({ name: 'vec.example/cosigv10', keyId: 0xc12688da, type: SIG_COSIGNATURE_V1 });
    const { text, cosignatures } = cosignaturesOf(TD_COSIG_NOTE, [key]);
    expect(text).toBe('vec.example/cosigv10\n42\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    expect(cosignatures).toHaveLength(1);
    expect(cosignatures[0].timestamp).toBeGreaterThan(1_600_000_000);
    expect(() => cosignaturesOf(TD_COSIG_NOTE.replace('\n42\n', '\n43\n'), [key])).toThrow('invalid cosignature');
  });

  it('derives the key IDs of their vkeys (0x04 and 0x01) and refuses a wrong one', () => {
    expect(parseVkey(TD_NATIVE_VKEY)).toMatchObject({ name: 'remora.n621.de', keyId: 0xda77ade7, type: 0x04 });
    expect(parseVkey(SPEC_VKEY)).toMatchObject({ name: 'example.com/foo', keyId: 0x530d903a, type: 0x01 });
    expect(() => parseVkey(TD_NATIVE_VKEY.replace('da77ade7', '00000000'))).toThrow('key ID');
    expect(() => parseVkey('rekor.sigstore.dev+12345678+AwEB')).toThrow();
  });

  it('reads the timestamp of their cosignature and refuses a plain Ed25519 signature as one', () => {
    const bytes = Buffer.from(TD_TIMESTAMPED_SIG, 'base64');
    const c = decodeTimestampedSignature('x', bytes.readUInt32BE(0), bytes.subarray(4));
    expect(c.timestamp).toBe(1727964367);
    const plain = Buffer.from(TD_PLAIN_SIG, 'base64');
    expect(() => decodeTimestampedSignature('x', plain.readUInt32BE(0), plain.subarray(4))).toThrow('72 bytes');
  });

  it('the signed-note spec example verifies with the vkey parsed here', () => {
    const key = parseVkey(SPEC_VKEY, 0x01);
    expect(openNote(SPEC_NOTE, [ed25519NoteVerifier(key.name, key.publicKey)]).text).toBe('This is an example message.\n');
  });

  it('parses the tlog-witness spec example request', () => {
    const r = parseAddCheckpointRequest(SPEC_REQUEST);
    expect(r.oldSize).toBe(20852014);
    expect(r.proof.map((h) => h.toString('base64'))[3]).toBe('/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=');
    expect(r.checkpoint.startsWith('example.com/behind-the-sofa\n20852163\n')).toBe(true);
  });

  it('uses a Go note key (type 0x01) as a cosigner key, as transparency-dev/formats does', () => {
    const key = parseCosignerPrivateKey(GO_SKEY);
    expect(key.name).toBe('PeterNeumann');
    const raw = createPublicKey(key.privateKey).export({ format: 'jwk' }).x!;
    // The public key of the Go vkey PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW (0x01 ‖ key).
    expect(Buffer.from(raw, 'base64url')).toEqual(Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1));
    const id = createHash('sha256').update('PeterNeumann\n').update(Buffer.from([4])).update(key.publicKey).digest().readUInt32BE(0);
    expect(key.keyId).toBe(id);
  });
});

describe('our cosignatures verify with the spec logic written out independently', () => {
  // Written from c2sp.org/tlog-cosignature alone: key ID = SHA-256(name ‖ "\n" ‖ 0x04 ‖ pub)[:4];
  // signature = key ID ‖ u64 BE timestamp ‖ Ed25519(sig over "cosignature/v1\ntime T\n" ‖ body).
  function specVerify(vkey: string, body: string, line: string): number {
    const [name, idHex, b64] = [vkey.slice(0, vkey.indexOf('+')), vkey.split('+')[1], vkey.slice(vkey.indexOf('+', vkey.indexOf('+') + 1) + 1)];
    const typed = Buffer.from(b64, 'base64');
    if (typed[0] !== 0x04) throw new Error('not a cosignature/v1 key');
    const pub = typed.subarray(1);
    const expectedId = createHash('sha256').update(`${name}\n`).update(Buffer.from([0x04])).update(pub).digest().subarray(0, 4);
    if (expectedId.toString('hex') !== idHex) throw new Error('vkey id');
    const m = /^\u2014 (\S+) (\S+)\n$/.exec(line);
    if (!m || m[1] !== name) throw new Error('line');
    const sig = Buffer.from(m[2], 'base64');
    if (!sig.subarray(0, 4).equals(expectedId) || sig.length !== 76) throw new Error('sig');
    const t = sig.readBigUInt64BE(4);
    const msg = Buffer.from(`cosignature/v1\ntime ${t}\n${body}`);
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pub.toString('base64url') }, format: 'jwk' });
    if (!verify(null, msg, key, sig.subarray(12))) throw new Error('bad signature');
    return Number(t);
  }

  it('a cosignature of ours over a checkpoint with an extension line', () => {
    const witness = generateCosignerKey('witness.example/w1');
    const body = formatCheckpoint('example.com/behind-the-sofa', 20852163, Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64'), ['ext line']);
    const line = signCosignature(witness, body, 1679315147);
    expect(specVerify(cosignerVkey(witness), body, line)).toBe(1679315147);
    expect(() => specVerify(cosignerVkey(witness), body.replace('20852163', '20852164'), line)).toThrow('bad signature');
  });

  it('the key formats round-trip and keep the type byte 0x04', () => {
    const witness = generateCosignerKey('witness.example/w2');
    const skey = formatCosignerPrivateKey(witness);
    expect(skey).toMatch(/^PRIVATE\+KEY\+witness\.example\/w2\+[0-9a-f]{8}\+/);
    expect(Buffer.from(skey.split('+').slice(4).join('+'), 'base64')[0]).toBe(0x04);
    const again = parseCosignerPrivateKey(skey);
    expect(cosignerVkey(again)).toBe(cosignerVkey(witness));
    expect(Buffer.from(cosignerVkey(witness).split('+').slice(2).join('+'), 'base64')[0]).toBe(0x04);
  });

  it('a log checkpoint cosigned by us opens with the log key (the cosignature is an unknown key to it)', () => {
    const log = generateEd25519KeyPair();
    const note = signCheckpoint('example.org/log', 3, Buffer.alloc(32, 7), 'example.org/log', log.privateKey);
    const witness = generateCosignerKey('w');
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
    const cosigned = note + signCosignature(witness, text, 1700000000);
    const opened = openNote(cosigned, [ed25519NoteVerifier('example.org/log', log.publicKey)]);
    expect(opened.unverified.map((s) => s.name)).toEqual(['w']);
    expect(cosignaturesOf(cosigned, [parseVkey(cosignerVkey(witness))]).cosignatures[0].timestamp).toBe(1700000000);
    expect(formatVerifierKey('example.org/log', log.publicKey)).toMatch(/^example\.org\/log\+/);
  });
});
