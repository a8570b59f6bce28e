export interface Society {
  id: string;
  name: string;
  cisacCode: string;
  country: string;
  currency: string;
  fyEndMonth: number;
  fyEndDay: number;
  createdAt: string;
}

export type NewSociety = Omit<Society, 'id' | 'createdAt'>;
