import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../errors/src/index.js';
import { validateSettings } from './settings/governance-settings.js';
import { resolveWindow } from './windows.js';

const DEC_31 = { month: 12, day: 31 };
const JUN_30 = { month: 6, day: 30 };

describe('resolveWindow', () => {
  it('defaults to the last complete financial years before today', () => {
    expect(resolveWindow({}, 3, DEC_31, '2026-11-27')).toEqual({ from: '2023-01-01', to: '2025-12-31' });
    expect(resolveWindow({}, 1, JUN_30, '2026-06-30')).toEqual({ from: '2024-07-01', to: '2025-06-30' });
    expect(resolveWindow({}, 1, JUN_30, '2026-07-01')).toEqual({ from: '2025-07-01', to: '2026-06-30' });
  });

  it('rolls the look-back back from a given end, and takes a given start', () => {
    expect(resolveWindow({ to: '2025-06-30' }, 3, DEC_31, '2026-11-27')).toEqual({ from: '2022-07-01', to: '2025-06-30' });
    expect(resolveWindow({ from: '2025-01-01' }, 3, DEC_31, '2026-11-27')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(resolveWindow({ from: '2025-03-01', to: '2025-03-01' }, 3, DEC_31, '2026-11-27')).toEqual({ from: '2025-03-01', to: '2025-03-01' });
  });

  it('refuses a window that ends before it starts, naming the parameter to change', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof DomainError && e.code === 'validation' ? e.errors[0]?.field : 'not a validation error';
      }
      return 'no error';
    };
    expect(fieldOf(() => resolveWindow({ from: '2025-06-01', to: '2025-01-01' }, 3, DEC_31, '2026-11-27'))).toBe('to');
    expect(fieldOf(() => resolveWindow({ from: '2026-01-01' }, 3, DEC_31, '2026-11-27'))).toBe('from');
  });
});

describe('validateSettings', () => {
  it('fills in the defaults', () => {
    expect(validateSettings({ boardSize: 7 })).toEqual({
      ok: true,
      settings: {
        boardSize: 7,
        method: 'sainte-lague',
        lookbackYears: 3,
        constituencyMap: { author: 'authors', composer: 'composers', publisher: 'publishers', performer: 'performers', producer: 'producers', other: 'other' },
      },
    });
  });

  it('reports every problem with its field', () => {
    const result = validateSettings({ boardSize: 0, method: 'borda', lookbackYears: 11, constituencyMap: { author: 'a' } });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['boardSize', 'method', 'lookbackYears', 'constituencyMap.composer', 'constituencyMap.other']),
    );
    expect(fields).not.toContain('constituencyMap.author');
  });

  it('takes the bounds inclusively and refuses fractions', () => {
    expect(validateSettings({ boardSize: 1, lookbackYears: 10 }).ok).toBe(true);
    expect(validateSettings({ boardSize: 100, lookbackYears: 1 }).ok).toBe(true);
    expect(validateSettings({ boardSize: 7.5 }).ok).toBe(false);
    expect(validateSettings({ boardSize: 7, lookbackYears: 2.5 }).ok).toBe(false);
  });
});
