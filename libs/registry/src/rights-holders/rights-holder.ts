export const RIGHTS_HOLDER_KINDS = ['author', 'composer', 'publisher', 'performer', 'producer', 'other'] as const;
export type RightsHolderKind = (typeof RIGHTS_HOLDER_KINDS)[number];

export interface RightsHolder {
  id: string;
  name: string;
  ipi: string | null;
  isni: string | null;
  kind: RightsHolderKind;
  country: string | null;
  createdAt: string;
}

export type NewRightsHolder = Omit<RightsHolder, 'id' | 'createdAt'>;
