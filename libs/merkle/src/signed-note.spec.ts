import { describe, it, expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatSignerKey,
  formatVerifierKey,
  noteKeyHash,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from './signed-note.js';
import { ed25519RawPublicKey, generateEd25519KeyPair } from './keys.js';
import { MerkleFormatError, MerkleVerificationError } from './errors.js';

// Test keys and notes of golang.org/x/mod/sumdb/note (note_test.go).
const PETER_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VERIFIER = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('signed notes against the Go reference vectors', () => {
  const peterSigner = parseSignerKey(PETER_SIGNER);
  const peter = parseVerifierKey(PETER_VERIFIER);
  const enoch = parseVerifierKey(ENOCH_VERIFIER);

  it('parses the keys and derives the same key hash from the private and public halves', () => {
    expect(peterSigner.keyHash).toBe(0xc74f20a3);
    expect(peter.keyHash).toBe(0xc74f20a3);
    expect(enoch.keyHash).toBe(0xaf0cfe78);
    expect(formatVerifierKey('PeterNeumann', peterSigner.privateKey)).toBe(PETER_VERIFIER);
    expect(formatSignerKey('PeterNeumann', peterSigner.privateKey)).toBe(PETER_SIGNER);
  });

  it('computes the key hash as SHA-256(name || 0x0A || 0x01 || key)[:4]', () => {
    const raw = ed25519RawPublicKey(peter.publicKey);
    const digest = createHash('sha256').update('PeterNeumann\n').update(Buffer.from([1])).update(raw).digest();
    expect(noteKeyHash('PeterNeumann', raw)).toBe(digest.readUInt32BE(0));
  });

  it('signs exactly as the Go implementation (Ed25519 is deterministic)', () => {
    expect(signNote(TEXT, [peterSigner])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('verifies known keys and sets unknown ones aside', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified.map((s) => [s.name, s.keyHash])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    const both = openNote(Buffer.from(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`), [peter, enoch]);
    expect(both.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(both.unverified).toEqual([]);
  });

  it('rejects a note with no verifiable signature, a bad known signature or an ambiguous key', () => {
    expect(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [])).toThrow('note has no verifiable signatures');
    const broken = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(() => openNote(broken, [peter])).toThrow(MerkleVerificationError);
    expect(() => openNote(broken, [peter])).toThrow('invalid signature for key PeterNeumann+c74f20a3');
    expect(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch])).toThrow('ambiguous key EnochRoot+af0cfe78');
    expect(openNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, enoch]).verified).toHaveLength(1);
  });

  it('deduplicates repeated signatures', () => {
    const enochAbcd = `${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
    const opened = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${enochAbcd}`, [peter]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified).toHaveLength(2);
  });

  it('rejects malformed notes', () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
      `${TEXT}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ];
    for (const message of bad) expect(() => openNote(message, [peter])).toThrow(MerkleFormatError);
    const invalidUtf8 = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]);
    expect(() => openNote(invalidUtf8, [peter])).toThrow(/UTF-8/);
  });

  it('keeps the text up to the last blank line, empty lines included', () => {
    const signer = ed25519NoteSigner('example.com/log', generateEd25519KeyPair().privateKey);
    const text = 'first\n\nafter a blank line\n';
    expect(parseNote(signNote(text, [signer])).text).toBe(text);
  });
});

describe('verifier and signer key strings', () => {
  it('round-trip freshly generated keys', () => {
    const { privateKey, publicKey } = generateEd25519KeyPair();
    const vkey = formatVerifierKey('ledger.example/society/1', publicKey);
    const skey = formatSignerKey('ledger.example/society/1', privateKey);
    const verifier = parseVerifierKey(vkey);
    const signer = parseSignerKey(skey);
    expect(verifier).toEqual(expect.objectContaining({ name: 'ledger.example/society/1', keyHash: signer.keyHash }));
    const note = signNote('hello\n', [signer]);
    expect(openNote(note, [ed25519NoteVerifier('ledger.example/society/1', publicKey)]).text).toBe('hello\n');
    expect(openNote(note, [verifier]).verified).toHaveLength(1);
  });

  it('rejects every truncation and every single-character change of a verifier key', () => {
    const accepted: string[] = [];
    for (let i = 0; i < PETER_VERIFIER.length; i++) {
      for (let j = i + 1; j <= PETER_VERIFIER.length; j++) {
        if (i === 0 && j === PETER_VERIFIER.length) continue;
        const mangled = PETER_VERIFIER.slice(i, j);
        try {
          parseVerifierKey(mangled);
          accepted.push(mangled);
        } catch {
          // expected
        }
      }
    }
    for (let i = 0; i < PETER_VERIFIER.length; i++) {
      const mangled = PETER_VERIFIER.slice(0, i) + String.fromCharCode(PETER_VERIFIER.charCodeAt(i) + 1) + PETER_VERIFIER.slice(i + 1);
      try {
        parseVerifierKey(mangled);
        accepted.push(mangled);
      } catch {
        // expected
      }
    }
    expect(accepted).toEqual([]);
  });

  it('rejects other algorithms and key names with spaces or plus signs', () => {
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(MerkleFormatError);
    const { publicKey } = generateEd25519KeyPair();
    expect(() => formatVerifierKey('bad name', publicKey)).toThrow(MerkleFormatError);
    expect(() => formatVerifierKey('bad+name', publicKey)).toThrow(MerkleFormatError);
    expect(() => formatVerifierKey('', publicKey)).toThrow(MerkleFormatError);
  });

  it('refuses to sign text that does not end with a newline or has control characters', () => {
    const signer = ed25519NoteSigner('n', generateEd25519KeyPair().privateKey);
    expect(() => signNote('abc', [signer])).toThrow(MerkleFormatError);
    expect(() => signNote('a\tb\n', [signer])).toThrow(MerkleFormatError);
    expect(() => signNote('abc\n', [])).toThrow(MerkleFormatError);
  });
});
