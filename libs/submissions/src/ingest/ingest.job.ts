/** The job that takes a submission from queued to committed or rejected. */
export const INGEST_JOB = 'ingest';

export interface IngestJobPayload {
  submissionId: string;
}
