import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

export class SignedTreeHeadDto {
  @ApiProperty({ description: 'Number of leaves (committed submissions) in the log', example: 2 }) treeSize: number;
  @ApiProperty({ description: 'Hex RFC 6962 root of the log at treeSize' }) rootHash: string;
  @ApiProperty({ description: 'When the head was signed (ISO 8601, UTC)' }) timestamp: string;
  @ApiPropertyOptional({ description: 'The log this head is of: collective-ledger/society/<id>' }) origin?: string;
  @ApiProperty({ description: 'Base64 Ed25519 signature over the RFC 8785 canonical JSON of the other fields except keyId' }) signature: string;
  @ApiProperty({ description: 'Id of the signing key (see /v1/log/keys)' }) keyId: string;
}

export class LogPublicKeyDto {
  @ApiProperty({ description: 'Lowercase hex of the first 8 bytes of SHA-256(raw public key)' }) keyId: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm: string;
  @ApiProperty({ description: 'Standard base64 of the raw 32-byte Ed25519 public key' }) publicKey: string;
  @ApiProperty({ description: 'C2SP signed-note verifier key (<name>+<key hash>+<base64>) for the checkpoints' }) verifierKey: string;
  @ApiProperty({ description: 'True for the key that signs now (listed first); false for a retired key, still trusted for the heads it signed before its retirement' })
  current: boolean;
  @ApiPropertyOptional({
    description: 'Retired keys: when the ledger stopped signing with the key (ISO 8601). A head it signed dated later is not trusted. Absent when not recorded.',
    example: '2026-12-01T09:00:00.000Z',
  })
  retiredAt?: string;
}

export class LogKeysDto {
  @ApiProperty({ type: [LogPublicKeyDto], description: 'Every key the ledger trusts: the current one first, then the retired ones' }) keys: LogPublicKeyDto[];
}

/** `first` is required; it is checked after the society is known to be readable, so another tenant learns nothing. */
export class ConsistencyQueryDto {
  @ApiProperty({ minimum: 0, description: 'The older tree size (required)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_SIZE)
  first?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'The newer tree size, at most the current size (default: the current size)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_SIZE)
  second?: number;
}

export class ConsistencyProofDto {
  @ApiProperty({ type: [String], description: 'Hex RFC 9162 consistency proof' }) proof: string[];
}

export class LineProofQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'Prove against the signed head of this size (default: the latest)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_SIZE)
  treeSize?: number;

  @ApiPropertyOptional({
    enum: ['json', 'tlog-proof'],
    description: 'json (default): the bundle below; tlog-proof: a C2SP tlog-proof file (text/plain) with the cosigned checkpoint and the line\'s path inside its submission as extra data',
  })
  @IsOptional() @IsIn(['json', 'tlog-proof'])
  format?: 'json' | 'tlog-proof';
}

export class LineProofDto {
  @ApiProperty({ description: "The line's leaf data: the RFC 8785 canonical JSON of its fields, exactly as hashed" }) leaf: string;
  @ApiProperty({ description: "The line's position (from 0) among the submission's lines" }) leafIndex: number;
  @ApiProperty({ description: 'Hex root of the submission tree' }) submissionRoot: string;
  @ApiProperty({ type: [String], description: 'Hex audit path of the line in the submission tree' }) lineProof: string[];
  @ApiProperty({ description: "The submission's position (from 0) in the society log" }) submissionIndex: number;
  @ApiProperty({ description: 'Size of the log the proof is for (= head.treeSize)' }) treeSize: number;
  @ApiProperty({ type: [String], description: 'Hex audit path of the submission in the log' }) logProof: string[];
  @ApiProperty({ type: SignedTreeHeadDto }) head: SignedTreeHeadDto;
  @ApiProperty({ description: 'Number of lines in the submission (proves the position leafIndex)' }) submissionSize: number;
}
