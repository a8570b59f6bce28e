/**
 * A state accreditation of a society (e.g. ten-year terms under Civil Code Art. 1244).
 * Reappointments are new rows: the history is kept.
 */
export interface Accreditation {
  id: string;
  societyId: string;
  authority: string;
  scope: string;
  validFrom: string;
  validTo: string;
  recordedAt: string;
}

export type NewAccreditation = Omit<Accreditation, 'id' | 'recordedAt'>;
