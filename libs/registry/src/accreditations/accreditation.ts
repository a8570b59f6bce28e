/**
 * A state accreditation of a society (e.g. ten-year terms under Civil Code Art. 1244).
 * Reappointments are new rows: the history is kept.
 */
export interface Accreditation {
  id: string;
  societyId: string;
  authority: string;
  scope: string;
  /** The categories of rights it covers (Civil Code Art. 1244(1) lists the spheres); null: recorded before categories were (read as all). */
  categories: string[] | null;
  validFrom: string;
  validTo: string;
  recordedAt: string;
}

export type NewAccreditation = Omit<Accreditation, 'id' | 'recordedAt' | 'categories'> & { categories?: string[] };
