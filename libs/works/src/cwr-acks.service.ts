import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canReadSociety, type Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { ackBytes } from './ack-file.js';

export interface AckFile {
  fileName: string;
  body: Buffer;
  charset: 'iso-8859-1' | 'utf-8';
  transactions: number;
  accepted: number;
  conflicts: number;
  rejected: number;
}

/** The ACK files answering CWR packages (`GET /v1/submissions/{id}/ack`). */
@Injectable()
export class CwrAcksService {
  constructor(private readonly db: DataSource) {}

  /** A CWR package's ACK; 404 when the submission is not visible, not CWR, or not answered yet (queued, validating). */
  async ack(p: Principal, submissionId: string): Promise<AckFile> {
    const rows: { society_id: string; type: string; status: string; file_name: string | null; ack: string | null; transactions: number; accepted: number; conflicts: number; rejected: number }[] =
      await this.db.query(
        `SELECT s.society_id, s.type, s.status, a.file_name, a.ack, a.transactions, a.accepted, a.conflicts, a.rejected
           FROM submissions s LEFT JOIN cwr_acks a ON a.society_id = s.society_id AND a.submission_id = s.id
          WHERE s.id = $1`,
        [submissionId],
      );
    const row = rows[0];
    if (!row || !canReadSociety(p, row.society_id)) throw DomainError.notFound('Submission', submissionId);
    if (row.type !== 'cwr') throw new DomainError('not-found', `Submission ${submissionId} is a ${row.type} package, not a CWR file: it has no ACK`);
    if (row.ack === null || row.file_name === null) throw new DomainError('not-found', `Submission ${submissionId} has no ACK yet (it is ${row.status})`);
    return { fileName: row.file_name, ...ackBytes(row.ack), transactions: row.transactions, accepted: row.accepted, conflicts: row.conflicts, rejected: row.rejected };
  }
}
