import { date, ipi, oneOf, text } from '../columns.js';
import { definePackageType } from '../definition.js';
import { dateBefore, dateOk } from '../row-rules.js';

/** The society's board members (Directive 2014/26/EU Art. 9 supervisory function): posts nothing. */
export const board = definePackageType({
  type: 'board',
  table: 'board_lines',
  describe: "The society's board (supervisory body) members and the constituency each represents.",
  docs: 'docs/packages/board.md',
  idColumn: 'member_id',
  transparency: true,
  columns: [
    text('member_id', { max: 100, kind: 'id' }),
    text('name', { max: 300, kind: 'name' }),
    oneOf('constituency', ['authors', 'composers', 'publishers', 'performers', 'producers', 'other']),
    date('seat_from'),
    date('seat_to', { optional: true }),
    // Added later (issue 18): the member as a party, a rights holder and the organisation they work for (a header may leave them out).
    ipi('rights_holder_ipi', { optional: true, mayBeAbsent: true }),
    text('organisation', { optional: true, max: 300, kind: 'name', mayBeAbsent: true }),
  ],
  rules: [
    {
      column: 'seat_to',
      guard: `s.seat_to <> '' AND ${dateOk('seat_from')} AND ${dateOk('seat_to')}`,
      breaks: dateBefore('seat_to', 'seat_from'),
      message: 'is before seat_from',
    },
  ],
  examples: [
    ['B-01', 'Orlov, Pavel', 'authors', '2022-06-01', '2026-05-31', '00052210040', 'Volga Songs Ltd'],
    ['B-02', 'Melodiya Music Publishing', 'publishers', '2022-06-01', '', '', ''],
  ],
});
