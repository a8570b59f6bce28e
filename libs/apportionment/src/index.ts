export { apportion } from './apportion.js';
export { ApportionmentInputError } from './errors.js';
export type { ApportionmentErrorCode } from './errors.js';
export { isApportionmentMethod } from './methods.js';
export { MAX_SEATS, METHODS } from './types.js';
export type {
  ApportionmentInput,
  ApportionmentLaws,
  ApportionmentMethod,
  ApportionmentResult,
  DisproportionalityIndices,
  PartySeats,
  PartyVotes,
  TieReport,
} from './types.js';
export { VOTE_FRACTION_DIGITS, VOTE_INTEGER_DIGITS, VOTE_SCALE, parseVotes } from './votes.js';
export { disproportionality, integerSquareRoot, INDEX_DECIMAL_PLACES } from './indices.js';
