import { describe, expect, it } from '@jest/globals';
import { checkCosignatures, sameHead } from './cosignatures';
import { bytesToBase64 } from './encoding';

/** The witness library (Node), loaded by a path the dashboard's type check does not follow. */
interface WitnessReference {
  generateCosignerKey(name: string): unknown;
  cosignerVkey(key: unknown): string;
  signCosignature(key: unknown, text: string, timestamp: number): string;
}
const WITNESS_PATH = '../../../../libs/witness/src/index.js';
const { generateCosignerKey, cosignerVkey, signCosignature } = (await import(WITNESS_PATH)) as WitnessReference;

describe('witness cosignatures checked in the browser (WebCrypto)', () => {
  const body = 'collective-ledger/society/x\n3\n' + bytesToBase64(new Uint8Array(32).fill(5)) + '\n';
  const logLine = '— collective-ledger AAAAAA==\n';

  it("verifies cosignature/v1 lines made by the witness library, ignores unknown ones and refuses a wrong signature", async () => {
    const a = generateCosignerKey('witness-a.example');
    const b = generateCosignerKey('witness-b.example');
    const stranger = generateCosignerKey('stranger.example');
    const note = body + '\n' + logLine + signCosignature(a, body, 1_700_000_000) + signCosignature(b, body, 1_700_000_001) + signCosignature(stranger, body, 1_700_000_002);
    const checked = await checkCosignatures(note, [
      { name: 'witness-a.example', vkey: cosignerVkey(a) },
      { name: 'witness-b.example', vkey: cosignerVkey(b) },
    ]);
    expect(checked).toMatchObject({ treeSize: 3, rootHash: '05'.repeat(32), cosigners: ['witness-a.example', 'witness-b.example'] });
    expect(sameHead(checked, { treeSize: 3, rootHash: '05'.repeat(32) })).toBe(true);
    const other = body.replace('\n3\n', '\n4\n');
    const forged = other + '\n' + logLine + signCosignature(a, body, 1_700_000_000);
    expect((await checkCosignatures(forged, [{ name: 'witness-a.example', vkey: cosignerVkey(a) }])).cosigners).toEqual([]);
  });
});
