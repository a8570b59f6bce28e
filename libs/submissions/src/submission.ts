import type { InputProblem } from '../../errors/src/index.js';
import type { SubmissionFormat } from './format.js';
import type { PackageType } from '../../package-catalogue/src/index.js';

export type SubmissionStatus = 'queued' | 'validating' | 'rejected' | 'committed' | 'superseded' | 'failed';

/** A submission as the API shows it. */
export interface Submission {
  id: string;
  societyId: string;
  type: PackageType;
  period: string;
  /** How the package was sent: CSV or JSON Lines. */
  format: SubmissionFormat;
  status: SubmissionStatus;
  /** Data rows in the package (known once staged). */
  rows: number | null;
  progress: number;
  phase: string | null;
  errorCount: number;
  /** Why processing stopped without a verdict on the package (status `failed`), else null. */
  failure: string | null;
  errors: InputProblem[];
  /** Hex Merkle root of the committed lines. */
  root: string | null;
  logIndex: number | null;
  /** The committed submission of the same society, type and period this one replaced (null: none). */
  supersedes: string | null;
  /** The submission that replaced this one (null: none has). */
  supersededBy: string | null;
  sha256: string;
  byteSize: number;
  /** The name the package was uploaded as (a multipart file's name, without `.gz`); null when sent as the request body. */
  fileName: string | null;
  receivedAt: string;
  finishedAt: string | null;
}
