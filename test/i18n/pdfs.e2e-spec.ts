import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { overlappingRuns, pdfLines, pdfRuns, pdfText } from '../../libs/audit/src/report/test-support/pdf-text.js';
import { englishInContext } from '../../libs/audit/src/report/test-support/untranslated.js';
import { formatAmount, withMinorUnits } from '../../libs/i18n/src/index.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { type LoadedDemo, loadDemoAndWait } from '../web/demo.js';

/**
 * The PDFs in Russian and English on the demo (issue 17 items 6 and 8): the statement,
 * the transparency report and the audit report chosen by `?lang=` or Accept-Language, their
 * text read back (the embedded fonts' ToUnicode maps): Cyrillic as written and no English
 * left beyond names, codes and the audit's quoted details; every amount whole on one line
 * with its currency's minor units ("55 214,10", never "55214.1"); cut evidence lists say
 * how many they stand for; a statement names each society's contact details and warns of
 * stale exchange rates. Also the registry's contact details: set, refused, kept.
 */
describe('the PDFs in Russian and English, and the society contact details they print', () => {
  let t: TestApp;
  let http: Http;
  let demo: LoadedDemo;
  const CONTACT = { address: 'ул. Большая Бронная, 6а, 123104 Москва', email: 'members@rao.example', phone: '+7 495 123-45-67', website: 'https://rao.example' };

  beforeAll(async () => {
    t = await bootTestApp();
    http = new Http(t.baseUrl);
    demo = await loadDemoAndWait(t, http);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A PDF as the API serves it, with its headers. */
  async function pdf(path: string, token: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: Buffer; language: string | null; vary: string | null; body: string }> {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, bytes, language: res.headers.get('content-language'), vary: res.headers.get('vary'), body: bytes.toString('utf8') };
  }

  /** The text of a PDF with its wrapped lines joined (a line breaks at a space, or after a hyphen). */
  const joined = (bytes: Buffer) => pdfText(bytes).replace(/ \n/g, ' ').replace(/([-/])\n/g, '$1');

  /** English words of `text` that are not words of `given` (names and free text from the data, which stay as written). */
  function untranslated(text: string, given: Iterable<string | null | undefined>): string[] {
    const data = new Set([...given].flatMap((g) => (g ?? '').match(/[A-Za-z]+/g) ?? []));
    return englishInContext(text, data);
  }

  it("sets a society's contact details (the society itself or an admin), refusing bad ones with a 400 that names the field and changes nothing", async () => {
    const rao = demo.societyIds.rao;
    const own = http.as(demo.tokens['society rao (901)']);
    const set = await own.request('PUT', `/v1/societies/${rao}/contact`, CONTACT);
    expect(set.status).toBe(200);
    expect(set.body.contact).toEqual(CONTACT);
    expect((await http.as(demo.tokens.regulator).get(`/v1/societies/${rao}`)).body.contact).toEqual(CONTACT);

    const bad: [unknown, string][] = [
      [{ ...CONTACT, email: 'not an address' }, 'email'],
      [{ ...CONTACT, phone: 'call us' }, 'phone'],
      [{ ...CONTACT, website: 'javascript:alert(1)' }, 'website'],
      [{ ...CONTACT, address: 'line\u0000break' }, 'address'],
      [{ ...CONTACT, address: 'x'.repeat(501) }, 'address'],
      [{ ...CONTACT, fax: '123' }, 'fax'],
    ];
    for (const [body, field] of bad) {
      const res = await own.request('PUT', `/v1/societies/${rao}/contact`, body);
      expect({ field, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ field, status: 400, fields: [field] });
    }
    // Another society's credential: as if RAO did not exist; a regulator may not write.
    expect((await http.as(demo.tokens['society vois (902)']).request('PUT', `/v1/societies/${rao}/contact`, { email: 'x@y.example' })).status).toBe(404);
    expect((await http.as(demo.tokens.regulator).request('PUT', `/v1/societies/${rao}/contact`, { email: 'x@y.example' })).status).toBe(403);
    expect((await http.as(demo.tokens.regulator).get(`/v1/societies/${rao}`)).body.contact).toEqual(CONTACT);
  });

  it('serves the statement in Russian by ?lang=ru or Accept-Language, with the contact details and the stale-rate warning, every amount whole', async () => {
    const holder = demo.holderIds[0]!;
    const token = demo.tokens.regulator;
    const base = `/v1/rights-holders/${holder}/statement?year=2025&currency=EUR`;
    const json = (await http.as(token).get(base)).body;
    expect(json.societies.find((s: { societyId: string }) => s.societyId === demo.societyIds.rao)?.contact).toEqual(CONTACT);
    // The demo's rates are recorded on the first of a month: a month-end line is converted with one weeks old.
    expect(json.staleRates.maxAgeDays).toBe(7);
    expect(json.staleRates.rates.length).toBeGreaterThan(0);

    const byQuery = await pdf(`${base}&format=pdf&lang=ru`, token);
    const byHeader = await pdf(`${base}&format=pdf`, token, { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' });
    expect([byQuery.status, byQuery.language, byHeader.status, byHeader.language]).toEqual([200, 'ru', 200, 'ru']);
    expect(byQuery.vary).toContain('Accept-Language');
    expect(pdfText(byHeader.bytes)).toBe(pdfText(byQuery.bytes));
    const english = await pdf(`${base}&format=pdf`, token, { 'accept-language': 'de-DE, en;q=0.8' });
    expect(english.language).toBe('en');
    expect(joined(english.bytes)).toContain(`Exchange rates older than 7 days were used`);

    const text = joined(byQuery.bytes);
    expect(text).toContain(`Выписка за 2025 год`);
    expect(text).toContain('Использованы курсы валют старше 7 дн.');
    expect(text).toContain(`${CONTACT.address} · ${CONTACT.email} · ${CONTACT.phone} · ${CONTACT.website}`);
    // Names and contact details are data, as written; so is the command line of the checking note.
    type Contact = { address: string | null; email: string | null; phone: string | null; website: string | null } | null;
    const given = [
      json.rightsHolderName,
      ...json.societies.flatMap((s: { societyName: string; contact: Contact }) => [s.societyName, ...Object.values(s.contact ?? {})]),
      'ledger verify --proof FILE --keys KEYS',
    ];
    expect(untranslated(text, given)).toEqual([]);
    const lines = pdfLines(byQuery.bytes);
    for (const s of json.societies as { revenueAttributed: string; paidTotal: string }[]) {
      for (const amount of [s.revenueAttributed, s.paidTotal]) expect(lines).toContain(formatAmount(amount, 'EUR', 'ru'));
    }
    expect(overlappingRuns(pdfRuns(byQuery.bytes))).toEqual([]);
  });

  it('refuses a language it does not speak with a 400 naming lang', async () => {
    const holder = demo.holderIds[0]!;
    for (const path of [
      `/v1/rights-holders/${holder}/statement?year=2025&currency=EUR&format=pdf&lang=fr`,
      `/v1/societies/${demo.societyIds.rao}/transparency-report?financialYear=2025&format=pdf&lang=xx`,
    ]) {
      const res = await http.as(demo.tokens.regulator).get(path);
      expect({ path, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ path, status: 400, fields: ['lang'] });
    }
  });

  it('writes the transparency report in Russian with every amount in its minor units, none trimmed and none split', async () => {
    const id = demo.societyIds.rao;
    const json = JSON.parse((await pdf(`/v1/societies/${id}/transparency-report?financialYear=2025`, demo.tokens.regulator)).body);
    const ru = await pdf(`/v1/societies/${id}/transparency-report?financialYear=2025&format=pdf&lang=ru`, demo.tokens.regulator);
    const en = await pdf(`/v1/societies/${id}/transparency-report?financialYear=2025&format=pdf`, demo.tokens.regulator);
    expect([ru.status, ru.language, en.language]).toEqual([200, 'ru', 'en']);
    const ruLines = pdfLines(ru.bytes);
    const enLines = pdfLines(en.bytes);
    // The rights holders' table: each amount as the JSON has it (trailing zeros trimmed: "55214.1"), printed with two decimals.
    const trimmed: string[] = [];
    for (const row of json.rightsHolders.byCategoryAndUse as Record<string, string>[]) {
      for (const key of ['gross', 'net', 'paid', 'unpaid', 'unidentified']) {
        expect(ruLines).toContain(formatAmount(row[key]!, row.currency!, 'ru'));
        expect(enLines).toContain(formatAmount(row[key]!, row.currency!, 'en'));
        if (withMinorUnits(row[key]!, row.currency!) !== row[key]) trimmed.push(row[key]!);
      }
    }
    expect(trimmed.length).toBeGreaterThan(0); // the demo has such amounts ("55214.1"): the check above is not empty
    for (const amount of trimmed) expect(enLines.some((l) => l.trim() === amount)).toBe(false);
    const text = joined(ru.bytes);
    expect(text).toContain('ЕЖЕГОДНЫЙ ОТЧЁТ О ПРОЗРАЧНОСТИ');
    const given = [
      json.society.name,
      ...json.governance.board.members.map((m: { name: string }) => m.name),
      ...json.socialCultural.lines.map((l: { description: string }) => l.description),
      ...json.undistributed.items.flatMap((i: { reason: string; decidedUse: string | null }) => [i.reason, i.decidedUse]),
      ...(json.governance.declarations?.items ?? []).flatMap((d: { interests: string; conflicts: string }) => [d.interests, d.conflicts]),
    ];
    expect(untranslated(text, given)).toEqual([]);
    expect(overlappingRuns(pdfRuns(ru.bytes))).toEqual([]);
  });

  it('writes the audit report in Russian: amounts whole, and a cut list says how many it stands for', async () => {
    const token = demo.tokens.regulator;
    const created = await http.as(token).post('/v1/audits', { societyId: demo.societyIds.rao, financialYear: 2025 });
    expect(created.status).toBe(202);
    let audit = created.body;
    for (const end = Date.now() + 60_000; audit.status === 'queued' || audit.status === 'running'; ) {
      if (Date.now() > end) throw new Error('the audit did not finish in 60 s');
      await new Promise((r) => setTimeout(r, 200));
      audit = (await http.as(token).get(`/v1/audits/${audit.id}`)).body;
    }
    expect(audit.status).toBe('done');
    const report = JSON.parse((await pdf(`/v1/audits/${audit.id}/report.json`, token)).body);
    if (process.env.I18N_DUMP) (await import('node:fs')).writeFileSync(process.env.I18N_DUMP, JSON.stringify(report));
    const ru = await pdf(`/v1/audits/${audit.id}/report.pdf?lang=ru`, token);
    if (process.env.I18N_DUMP) (await import('node:fs')).writeFileSync(`${process.env.I18N_DUMP}.pdf`, ru.bytes);
    expect([ru.status, ru.language]).toEqual([200, 'ru']);
    const lines = pdfLines(ru.bytes);
    const text = joined(ru.bytes);

    // payout.outstanding lists the first 20 of the unpaid lines and says how many there are.
    const outstanding = report.findings.find((f: { rule: string }) => f.rule === 'payout.outstanding');
    expect(outstanding.evidence.unpaidLines).toHaveLength(20);
    expect(outstanding.evidence.unpaidLinesTotal).toBeGreaterThan(20);
    expect(text).toContain(`невыплаченные строки (показано 20 из ${outstanding.evidence.unpaidLinesTotal}: первые, как примеры; итоги учитывают все)`);
    expect(text).toContain('GET /v1/submissions/{submissionId}/lines');
    // Each example's amounts whole on a line of their own, with minor units ("483 676,80", not "483676.8 / 3").
    for (const line of outstanding.evidence.unpaidLines as { gross: string; net: string; currency: string }[]) {
      expect(lines).toContain(formatAmount(line.gross, line.currency, 'ru'));
      expect(lines).toContain(formatAmount(line.net, line.currency, 'ru'));
    }
    expect(overlappingRuns(pdfRuns(ru.bytes))).toEqual([]);
    // The rules' titles are Russian; their details are quoted from the report, in English, and said to be.
    expect(text).toContain('Начисленные, но не выплаченные суммы после срока распределения');
    expect(text).toContain('Пояснения к правилам приведены по-английски');
    const given = [
      report.society.name,
      ...report.findings.map((f: { details: string }) => f.details),
      ...JSON.stringify(report.findings.map((f: { evidence: unknown }) => f.evidence)).match(/"[^"]*"/g)!.map((s) => JSON.parse(s) as string),
    ];
    expect(untranslated(text, given)).toEqual([]);
  });
});
