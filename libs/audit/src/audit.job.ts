/** The job that runs one audit (job id = audit id). */
export const AUDIT_JOB = 'audit';

export interface AuditJobPayload {
  auditId: string;
}
