import { makeIpi } from '../../identifiers/src/index.js';
import type { Basis, Category, WorkType } from '../../mandates/src/index.js';
import type { Constituency, NewSociety, RightsHolderKind } from '../../registry/src/index.js';

/**
 * A small, fictional but realistic world: three societies modelled on the ones the seed
 * report names (authors' rights; performers' and producers' related rights; the
 * private-copying levy, each under a ten-year state accreditation), and one foreign
 * society. Names say "(demo)": none of this describes the real organisations.
 */
export const DEMO_SOCIETIES: (NewSociety & { key: string })[] = [
  { key: 'rao', name: 'RAO-like Authors Society (demo)', cisacCode: '901', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31, contact: { address: 'ул. Демонстрационная, 1, 101000 Москва', email: 'members@rao.demo.example', phone: '+7 495 000-00-01', website: 'https://rao.demo.example' } },
  { key: 'vois', name: 'VOIS-like Performers and Producers Society (demo)', cisacCode: '902', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31, contact: { address: 'ул. Демонстрационная, 2, 101000 Москва', email: 'info@vois.demo.example', phone: '+7 495 000-00-02' } },
  { key: 'rsp', name: 'RSP-like Private Copying Levy Union (demo)', cisacCode: '903', country: 'RU', currency: 'RUB', fyEndMonth: 12, fyEndDay: 31 },
  { key: 'foreign', name: 'Nordic Composers Bureau (demo)', cisacCode: '904', country: 'SE', currency: 'SEK', fyEndMonth: 6, fyEndDay: 30, contact: { email: 'rights@nordic.demo.example', website: 'https://nordic.demo.example' } },
];

export const DEMO_ACCREDITATIONS: { society: string; authority: string; scope: string; validFrom: string; validTo: string }[] = [
  { society: 'rao', authority: 'Ministry of Culture (demo)', scope: 'Public performance and broadcasting of musical works with or without words (Civil Code Art. 1244(1)(1))', validFrom: '2008-08-15', validTo: '2018-08-14' },
  { society: 'rao', authority: 'Ministry of Culture (demo)', scope: 'Public performance and broadcasting of musical works with or without words (Civil Code Art. 1244(1)(1)); reappointment', validFrom: '2018-08-15', validTo: '2028-08-14' },
  { society: 'vois', authority: 'Ministry of Culture (demo)', scope: 'Remuneration of performers and phonogram producers for public performance and broadcasting (Art. 1244(1)(5),(6))', validFrom: '2019-04-01', validTo: '2029-03-31' },
  { society: 'rsp', authority: 'Ministry of Culture (demo)', scope: 'Remuneration for free reproduction of phonograms and audiovisual works for personal purposes (Art. 1244(1)(4))', validFrom: '2014-02-10', validTo: '2024-02-09' },
];

const FIRST = ['Maria', 'Ivan', 'Olga', 'Sergei', 'Anna', 'Dmitri', 'Elena', 'Pavel', 'Irina', 'Alexei', 'Natalia', 'Mikhail'];
const LAST = ['Ivanova', 'Petrov', 'Smirnova', 'Kuznetsov', 'Popova', 'Volkov', 'Sokolova', 'Lebedev', 'Kozlova', 'Novikov', 'Morozova', 'Orlov'];
const KINDS: RightsHolderKind[] = ['author', 'composer', 'composer', 'author', 'performer', 'performer', 'producer', 'publisher'];
const PUBLISHERS = ['Melodiya Music Publishing (demo)', 'Northern Lights Edition (demo)', 'Volga Songs Ltd (demo)', 'Baltic Rights GmbH (demo)'];

export interface DemoHolder {
  name: string;
  ipi: string;
  kind: RightsHolderKind;
  country: string;
}

/** 36 rights holders with valid IPI name numbers, deterministic. */
export function demoRightsHolders(): DemoHolder[] {
  const holders: DemoHolder[] = [];
  for (let i = 0; i < 32; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 5) % LAST.length];
    const kind = KINDS[i % KINDS.length];
    holders.push({ name: kind === 'publisher' ? PUBLISHERS[i % PUBLISHERS.length].replace('(demo)', `${i} (demo)`) : `${last}, ${first}`, ipi: makeIpi(String(520_000_000 + i * 7919).padStart(9, '0')), kind, country: i % 9 === 8 ? 'SE' : 'RU' });
  }
  for (let i = 0; i < PUBLISHERS.length; i++) {
    holders.push({ name: PUBLISHERS[i], ipi: makeIpi(String(610_000_000 + i * 104_729).padStart(9, '0')), kind: 'publisher', country: i === 3 ? 'DE' : 'RU' });
  }
  return holders;
}

/** The RAO-like board: authors and composers hold almost every seat, publishers one. */
export const DEMO_BOARD: { society: string; memberId: string; name: string; constituency: Constituency; seatFrom: string; seatTo: string | null }[] = [
  ...['Orlov, Pavel', 'Sokolova, Elena', 'Lebedev, Alexei', 'Kozlova, Irina', 'Novikov, Mikhail', 'Morozova, Natalia'].map((name, i) => ({
    society: 'rao', memberId: `RAO-B${i + 1}`, name, constituency: (i % 2 === 0 ? 'authors' : 'composers') as Constituency, seatFrom: '2022-06-01', seatTo: '2030-05-31' as string | null,
  })),
  { society: 'rao', memberId: 'RAO-B7', name: 'Melodiya Music Publishing (demo)', constituency: 'publishers', seatFrom: '2022-06-01', seatTo: '2030-05-31' },
  { society: 'vois', memberId: 'VOIS-B1', name: 'Popova, Anna', constituency: 'performers', seatFrom: '2023-01-01', seatTo: null },
  { society: 'vois', memberId: 'VOIS-B2', name: 'Volkov, Dmitri', constituency: 'performers', seatFrom: '2023-01-01', seatTo: null },
  { society: 'vois', memberId: 'VOIS-B3', name: 'Baltic Rights GmbH (demo)', constituency: 'producers', seatFrom: '2023-01-01', seatTo: null },
];

export interface DemoMandate {
  /** Index into demoRightsHolders(). */
  holder: number;
  society: string;
  category: Category;
  workType: WorkType;
  territories: string[];
  excludedTerritories?: string[];
  validFrom: string;
  /** Last day, when the mandate had a fixed end. */
  validTo?: string;
  basis: Basis;
  exclusive: boolean;
  /** Terminate it on loading (notice given that day), so the end is pending until the financial-year end. */
  terminateOnLoad?: boolean;
}

/**
 * Mandates (Directive Art. 5): the first holder splits performing rights by territory
 * (Russia with the RAO-like society, the rest of the world with the Nordic bureau) and
 * has its private-copying remuneration collected by the RSP-like union (so its statement
 * spans three societies); the
 * second is managed without a mandate (non-contractual) by the accredited societies, as
 * are several others; the third has terminated its VOIS-like mandate, pending until
 * that society's financial-year end; the seventeenth's RAO-like mandate ended on
 * 2024-06-30, yet the society's later distribution lines still pay it as contractual
 * (an audit finding: activity on a mandate after its end).
 */
export const DEMO_MANDATES: DemoMandate[] = [
  { holder: 0, society: 'rao', category: 'performing', workType: 'musical', territories: ['RU'], validFrom: '2019-01-01', basis: 'contractual', exclusive: true },
  { holder: 0, society: 'foreign', category: 'performing', workType: 'musical', territories: ['WORLD'], excludedTerritories: ['RU'], validFrom: '2021-07-01', basis: 'contractual', exclusive: true },
  { holder: 0, society: 'rao', category: 'mechanical', workType: 'musical', territories: ['WORLD'], validFrom: '2019-01-01', basis: 'contractual', exclusive: true },
  { holder: 0, society: 'rsp', category: 'private-copying', workType: 'musical', territories: ['RU'], validFrom: '2020-01-01', basis: 'contractual', exclusive: true },
  { holder: 1, society: 'rao', category: 'performing', workType: 'musical', territories: ['RU'], validFrom: '2018-08-15', basis: 'non-contractual', exclusive: false },
  { holder: 1, society: 'rsp', category: 'private-copying', workType: 'sound-recording', territories: ['RU'], validFrom: '2014-02-10', basis: 'non-contractual', exclusive: false },
  { holder: 2, society: 'vois', category: 'performers', workType: 'sound-recording', territories: ['RU'], validFrom: '2020-01-01', basis: 'contractual', exclusive: true, terminateOnLoad: true },
  ...[3, 5, 6, 9, 10, 11].map((holder) => ({
    holder, society: 'rao', category: 'performing' as Category, workType: 'musical' as WorkType, territories: ['RU'], validFrom: '2018-08-15', basis: 'non-contractual' as Basis, exclusive: false,
  })),
  { holder: 16, society: 'rao', category: 'performing', workType: 'musical', territories: ['RU'], validFrom: '2019-01-01', validTo: '2024-06-30', basis: 'contractual', exclusive: true },
  ...[4, 7, 8].map((holder) => ({
    holder, society: 'rao', category: 'performing' as Category, workType: 'musical' as WorkType, territories: ['RU'], validFrom: '2020-01-01', basis: 'contractual' as Basis, exclusive: true,
  })),
];

/**
 * A conflict of interest on the RAO-like board (issue 18): its member RAO-B1 is the
 * demo's rights holder 19 ("Orlov, Pavel", an author it pays) and works for a publishing
 * house that licenses from the society (an income line of every quarter names it, written
 * another way); that member's lines carry half the usual management fee (7.5 % for 15 %),
 * the difference charged to another payee's line of the quarter, so the society's totals,
 * deductions and cost ratio are what they were. RAO-B1 makes no declaration; the others do.
 */
export const DEMO_BOARD_CONFLICT = {
  society: 'rao',
  memberId: 'RAO-B1',
  /** Index into demoRightsHolders() (creation order, which is also IPI order for the first 32). */
  holder: 19,
  organisation: 'Nota Bene Publishing House (demo) LLC',
  licensee: 'NOTA BENE PUBLISHING HOUSE (DEMO), ООО',
} as const;

/** Declarations (Art. 10(2)) for FY 2025 of every demo board member but the conflicted one. */
export const DEMO_DECLARATIONS: { society: string; memberId: string; remuneration: string; interests: string; conflicts: string }[] = [
  ...['RAO-B2', 'RAO-B3', 'RAO-B4', 'RAO-B5', 'RAO-B6'].map((memberId, i) => ({
    society: 'rao', memberId, remuneration: `${1_800_000 + i * 150_000}.00`, interests: 'Member of the society; no holdings in it or its subsidiaries', conflicts: 'none',
  })),
  { society: 'rao', memberId: 'RAO-B7', remuneration: '2400000.00', interests: 'Represents a member publisher', conflicts: 'The publisher licenses catalogue abroad through the Nordic bureau; abstains on representation agreements' },
  ...['VOIS-B1', 'VOIS-B2', 'VOIS-B3'].map((memberId) => ({ society: 'vois', memberId, remuneration: '960000.00', interests: 'Member of the society', conflicts: 'none' })),
];

/**
 * Board apportionment of the RAO-like society: a board of 7 by Sainte-Laguë over the last
 * three financial years, one constituency per kind of rights holder. With the demo
 * distribution lines giving publishers the larger part of the money, its board above
 * (6 authors and composers, 1 publisher) under-represents them.
 */
export const DEMO_GOVERNANCE_SETTINGS: { society: string; boardSize: number; method: string; lookbackYears: number }[] = [
  { society: 'rao', boardSize: 7, method: 'sainte-lague', lookbackYears: 3 },
];
