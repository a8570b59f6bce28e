/**
 * Quotes user input for an error message: JSON string syntax (so control
 * characters and spaces show), cut to a readable length.
 */
export function quote(value: string, maxLength = 40): string {
  return JSON.stringify(value.length > maxLength ? `${value.slice(0, maxLength)}…` : value);
}

/** Quotes a string for an error message, or names the type of anything else. */
export function describeValue(value: unknown): string {
  return typeof value === 'string' ? quote(value) : typeof value;
}
