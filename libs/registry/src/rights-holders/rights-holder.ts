export const RIGHTS_HOLDER_KINDS = ['author', 'composer', 'publisher', 'performer', 'producer', 'other'] as const;
export type RightsHolderKind = (typeof RIGHTS_HOLDER_KINDS)[number];

/**
 * Who the name comes from: an admin (registered or corrected it), the holder (corrected
 * it), or a society (registered the holder from a distribution line: provisional).
 */
export const NAME_SOURCES = ['admin', 'holder', 'society'] as const;
export type NameSource = (typeof NAME_SOURCES)[number];

export interface RightsHolder {
  id: string;
  name: string;
  nameSource: NameSource;
  /** The society whose distribution line registered the holder (shown to admins, regulators and that society). */
  registeredBySocietyId: string | null;
  ipi: string | null;
  isni: string | null;
  kind: RightsHolderKind;
  country: string | null;
  createdAt: string;
}

export type NewRightsHolder = Omit<RightsHolder, 'id' | 'createdAt' | 'nameSource' | 'registeredBySocietyId'>;
