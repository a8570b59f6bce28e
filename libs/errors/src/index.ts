export { DomainError } from './domain-error.js';
export type { DomainErrorCode, InputProblem } from './domain-error.js';
