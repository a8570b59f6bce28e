import type { InputProblem } from '../../errors/src/index.js';
import type { SubmissionFormat } from './format.js';
import type { PackageType } from './package-types/package-types.js';

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
  supersedes: string | null;
  sha256: string;
  byteSize: number;
  receivedAt: string;
  finishedAt: string | null;
}
