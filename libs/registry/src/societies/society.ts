/**
 * How to reach a society (each part optional): printed on rights holders' statements
 * beside the society's figures.
 */
export interface SocietyContact {
  address: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
}

export const NO_CONTACT: SocietyContact = { address: null, email: null, phone: null, website: null };

export interface Society {
  id: string;
  name: string;
  cisacCode: string;
  country: string;
  currency: string;
  fyEndMonth: number;
  fyEndDay: number;
  /** Postal address, e-mail, phone and website (each null when not on record). */
  contact: SocietyContact;
  createdAt: string;
}

export type NewSociety = Omit<Society, 'id' | 'createdAt' | 'contact'> & { contact?: Partial<SocietyContact> };
