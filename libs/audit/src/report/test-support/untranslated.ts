/**
 * What English is left in a text meant to be Russian: the words of three or more Latin
 * letters outside what stays as written in any language (addresses, codes, identifiers,
 * units, `allowed`). For tests of the PDFs in Russian.
 */
const KEPT = [
  /RULES\.md «[^»]*»/g, // a section of the project's rules, by its title
  /(?:GET )?\/v1\/\S*/g, // API addresses
  /https?:\/\/\S+/g,
  /`[^`]*`/g, // commands
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, // UUIDs
  /\b[0-9a-f]{16,}\b/g, // hashes, key ids
  /\b[a-z]+(?:[.-][a-z0-9]+)+\b/g, // rule ids, package types as codes (payout.conservation, distribution-lines)
  /\b[A-Z]{3}\b/g, // ISO 4217 codes
  /\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b/g, // line ids (RAO-2025Q1-0005), SHA-256
  /\b\d{4}Q[1-4]\b/g, // quarters
  /\b[A-Z_]{4,}\b/g, // environment variables (RATE_MAX_AGE_DAYS)
  /\b[a-z]+[A-Z]\w*\b/g, // parameter names (monthsAfterYearEnd)
  /\b[A-Za-z]+(?= = )/g, // a parameter set to a value (tolerance = 0)
  /\([ivx]+\)/g, // numbered points of a law: Annex 2(c)(vii)
];
const ALWAYS = new Set(['CISAC', 'SHA', 'RFC', 'JSON', 'RULES', 'md', 'UTC', 'IPI', 'ISWC', 'PDF', 'CSV', 'EUR', 'RUB']);

export function englishWords(text: string, allowed: Iterable<string> = []): string[] {
  const allow = new Set([...ALWAYS, ...allowed]);
  let rest = text;
  for (const pattern of KEPT) rest = rest.replace(pattern, ' ');
  return [...new Set((rest.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allow.has(w)))];
}

/** Each English word `englishWords` finds, with the text around it (to say where it is when a test fails). */
export function englishInContext(text: string, allowed: Iterable<string> = []): string[] {
  return englishWords(text, allowed).map((w) => {
    const i = text.search(new RegExp(`(?<![A-Za-z])${w}(?![A-Za-z])`));
    return `${w}: …${text.slice(Math.max(0, i - 40), i + w.length + 40).replace(/\n/g, '⏎')}…`;
  });
}
