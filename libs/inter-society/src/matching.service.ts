import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/src/index.js';
import { DomainError } from '../../errors/src/index.js';
import { DEFAULT_TOLERANCE_DAYS, type MatchItem, type MatrixCell, type TransferReport, isSideOf, matchTransfers, matrixOf } from './matching.js';
import { transferReportsSql } from './transfers-sql.js';

export interface MatchesQuery {
  financialYear: number;
  societyId?: string;
  toleranceDays?: number;
}

export interface MatchesAnswer {
  financialYear: number;
  societyId: string | null;
  toleranceDays: number;
  items: MatchItem[];
}

export interface MatrixAnswer {
  financialYear: number;
  toleranceDays: number;
  societies: { id: string; name: string; cisacCode: string }[];
  cells: MatrixCell[];
}

/**
 * Matching each society's outgoing transfers to the counterparty's incoming ones over the
 * committed (current) inter-society packages (Directive Art. 15, 19). A society sees the
 * items it is a side of; regulators and admins see all, and the matrix.
 */
@Injectable()
export class InterSocietyMatchingService {
  constructor(private readonly db: DataSource) {}

  async matches(principal: Principal, q: MatchesQuery): Promise<MatchesAnswer> {
    let societyId = q.societyId ?? null;
    if (principal.role === 'society') {
      if (societyId !== null && societyId !== principal.societyId) throw DomainError.notFound('Society', societyId);
      societyId = principal.societyId ?? null;
      if (societyId === null) throw DomainError.forbidden('This credential is bound to no society');
    } else if (principal.role !== 'admin' && principal.role !== 'regulator') {
      throw DomainError.forbidden('Only societies, regulators and admins read inter-society matching');
    } else if (societyId !== null && (await this.db.query(`SELECT 1 FROM societies WHERE id = $1`, [societyId])).length === 0) {
      throw DomainError.notFound('Society', societyId);
    }
    const toleranceDays = q.toleranceDays ?? DEFAULT_TOLERANCE_DAYS;
    const reports: TransferReport[] = await this.db.query(transferReportsSql('committed'), [q.financialYear, societyId]);
    const items = matchTransfers(reports, { toleranceDays }).filter((it) => societyId === null || isSideOf(it, societyId));
    return { financialYear: q.financialYear, societyId, toleranceDays, items };
  }

  async matrix(principal: Principal, q: { financialYear: number; toleranceDays?: number }): Promise<MatrixAnswer> {
    if (principal.role !== 'admin' && principal.role !== 'regulator') throw DomainError.forbidden('Only regulators and admins read the matrix of all societies');
    const toleranceDays = q.toleranceDays ?? DEFAULT_TOLERANCE_DAYS;
    const reports: TransferReport[] = await this.db.query(transferReportsSql('committed'), [q.financialYear, null]);
    const cells = matrixOf(matchTransfers(reports, { toleranceDays }));
    const societies: MatrixAnswer['societies'] = await this.db.query(`SELECT id, name, cisac_code AS "cisacCode" FROM societies ORDER BY cisac_code`);
    return { financialYear: q.financialYear, toleranceDays, societies, cells };
  }
}
