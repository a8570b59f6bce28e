/**
 * The languages the ledger speaks (the dashboard and the PDFs): English, the default,
 * and Russian (the demo's members and the societies it models are Russian).
 */
export const LANGS = ['en', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/** The BCP 47 tag each language is formatted with by Intl (day-month-year dates for English). */
export const LOCALE_OF: Readonly<Record<Lang, string>> = { en: 'en-GB', ru: 'ru-RU' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** A `lang` query parameter that is neither `en` nor `ru`. */
export class UnknownLanguageError extends RangeError {
  readonly code = 'UNKNOWN_LANGUAGE';

  constructor(readonly value: string) {
    super(`lang must be one of ${LANGS.join(', ')}; got ${JSON.stringify(value.slice(0, 40))}`);
    this.name = 'UnknownLanguageError';
  }
}

/**
 * The language an HTTP `Accept-Language` header (RFC 9110 §12.5.4) prefers among ours:
 * the one with the highest q of the ranges naming it (`ru`, `ru-RU`, …; `*` stands for any
 * language not named), ties going to the first listed; null when it names none of ours
 * (or only with q=0), so the caller's default applies.
 */
export function langFromAcceptLanguage(header: string | null | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number; order: number } | null = null;
  const named = new Set<string>();
  const ranges = header.split(',').slice(0, 50).map((part, order) => {
    const [range = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const primary = range.trim().toLowerCase().split('-')[0] ?? '';
    if (primary !== '*') named.add(primary);
    return { primary, q: Number.isFinite(q) ? q : 0, order };
  });
  for (const { primary, q, order } of ranges) {
    const candidates: Lang[] = primary === '*' ? LANGS.filter((l) => !named.has(l)) : isLang(primary) ? [primary] : [];
    for (const lang of candidates) {
      if (q <= 0) continue;
      if (!best || q > best.q || (q === best.q && order < best.order)) best = { lang, q, order };
    }
  }
  return best?.lang ?? null;
}

/**
 * The language of a request: `?lang=` when given (it must be one of LANGS, else
 * UnknownLanguageError: a typo is refused rather than silently answered in English),
 * else the Accept-Language header's preference, else English.
 */
export function pickLang(query: string | string[] | null | undefined, acceptLanguage: string | string[] | null | undefined): Lang {
  const q = Array.isArray(query) ? query[0] : query;
  if (q !== undefined && q !== null) {
    const v = q.trim().toLowerCase();
    if (!isLang(v)) throw new UnknownLanguageError(q);
    return v;
  }
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  return langFromAcceptLanguage(header) ?? DEFAULT_LANG;
}
