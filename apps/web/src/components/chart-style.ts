/** Colour-blind-safe palette (Okabe–Ito), one colour per series. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** Point shapes per line series, so colour is never the only cue. */
export const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'cross', 'line'] as const;

/** Dash patterns per line series, for the same reason. */
export const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2], [8, 8]];

/** Category labels wrap at this many characters (long society names on a phone). */
export const LABEL_WIDTH = 18;

/** Okabe–Ito colours for verdicts: vermillion for what fails, bluish green for what passes. */
export const FAILED_COLOR = '#D55E00';
export const PASSED_COLOR = '#009E73';
