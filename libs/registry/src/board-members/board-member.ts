export const CONSTITUENCIES = ['authors', 'composers', 'publishers', 'performers', 'producers', 'other'] as const;
export type Constituency = (typeof CONSTITUENCIES)[number];

/** A seat on a society's board (supervisory body), held by a member of one constituency. */
export interface BoardMember {
  id: string;
  societyId: string;
  memberId: string;
  name: string;
  constituency: Constituency;
  seatFrom: string;
  seatTo: string | null;
  rightsHolderId: string | null;
  /** The organisation the member works for (issue 18: matched against the society's licensees). */
  organisation: string | null;
  recordedAt: string;
}

export type NewBoardMember = Omit<BoardMember, 'id' | 'recordedAt'>;
