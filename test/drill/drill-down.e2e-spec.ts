import { gunzipSync, gzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { DIST_HEADER, distLine, distRecord, submitAndWait, waitFinished } from '../support/submissions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** The raw bytes and headers of a GET, without fetch's transparent decompression. */
function rawGet(baseUrl: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Parses a CSV the ledger wrote (RFC 4180, CRLF) into records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('drill-down into a submission (issue 17 item 3): lines, the package as received, every error', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof givenTenants>>;
  let society: Http;
  let regulator: Http;
  let other: Http;
  let dist: { id: string };

  beforeAll(async () => {
    t = await bootTestApp();
    const admin = new Http(t.baseUrl, t.adminToken);
    cast = await givenTenants(admin);
    society = admin.as(cast.tokens.societyA);
    regulator = admin.as(cast.tokens.regulator);
    other = admin.as(cast.tokens.societyB);
    const csv = [
      DIST_HEADER,
      distLine({ line_id: 'L-1' }),
      distLine({ line_id: 'L-2', status: 'unpaid', paid_on: '', category: 'mechanical' }),
      distLine({ line_id: 'L-3', currency: 'EUR' }),
      distLine({ line_id: 'L-4', rights_holder_ipi: '', rights_holder_name: 'Unknown (cue sheet 4)', status: 'unidentified', paid_on: '', mandate_basis: 'non-contractual' }),
      distLine({ line_id: 'L-5', work_title: 'Autumn Road' }),
    ].join('\n');
    dist = (await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', csv)).final;
    expect(dist).toMatchObject({ status: 'committed', rows: 5, supersedes: null, supersededBy: null, fileName: null });
  });
  afterAll(async () => t?.close());

  describe('GET /v1/submissions/{id}/lines', () => {
    it('pages the lines in file order, each with its fields as its leaf holds them', async () => {
      const first = await regulator.get(`/v1/submissions/${dist.id}/lines?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.items.map((l: { lineId: string }) => l.lineId)).toEqual(['L-1', 'L-2']);
      expect(first.body.items[0]).toMatchObject({ lineNo: 2, lineId: 'L-1', gross: '1000', fields: { lineId: 'L-1', gross: '1000', managementFee: '150', paidOn: '2025-03-30', workType: null } });
      const second = await regulator.get(`/v1/submissions/${dist.id}/lines?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((l: { lineId: string }) => l.lineId)).toEqual(['L-3', 'L-4']);
      const third = await regulator.get(`/v1/submissions/${dist.id}/lines?limit=2&cursor=${second.body.nextCursor}`);
      expect(third.body).toMatchObject({ items: [{ lineId: 'L-5' }], nextCursor: null });
    });

    it('filters by line id, status, category, currency, declared basis and text', async () => {
      const ids = async (query: string) => {
        const res = await society.get(`/v1/submissions/${dist.id}/lines?${query}`);
        expect(res.status).toBe(200);
        return res.body.items.map((l: { lineId: string }) => l.lineId);
      };
      expect(await ids('lineId=L-3')).toEqual(['L-3']);
      expect(await ids('lineId=L-9')).toEqual([]);
      expect(await ids('lineNo=4')).toEqual(['L-3']);
      expect(await ids('status=unpaid')).toEqual(['L-2']);
      expect(await ids('status=unidentified')).toEqual(['L-4']);
      expect(await ids('category=mechanical')).toEqual(['L-2']);
      expect(await ids('currency=EUR')).toEqual(['L-3']);
      expect(await ids('mandateBasis=non-contractual')).toEqual(['L-4']);
      expect(await ids('q=autumn')).toEqual(['L-5']);
      expect(await ids('status=paid&currency=RUB')).toEqual(['L-1', 'L-5']);
    });

    it('lists the lines of any package type, and refuses a filter the type has no column for (400 naming it)', async () => {
      const csv = 'deduction_id,kind,category,currency,amount,description\nD-1,management,performing,EUR,100.00,fee\nD-2,other,mechanical,EUR,5.50,bank\n';
      const { final } = await submitAndWait(society, cast.societyA.id, 'deductions', '2025Q1', csv);
      const res = await society.get(`/v1/submissions/${final.id}/lines?category=mechanical`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([{ lineNo: 3, lineId: 'D-2', fields: { deductionId: 'D-2', kind: 'other', category: 'mechanical', currency: 'EUR', amount: '5.5', description: 'bank' } }]);
      const bad = await society.get(`/v1/submissions/${final.id}/lines?status=paid`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'status', message: 'is not a column of deductions lines' }]);
      // The filter is distribution lines' (their definition's lines.filters), the same 400 as before it moved there.
      expect((await society.get(`/v1/submissions/${final.id}/lines?mandateStatus=mandated`)).body.errors).toEqual([{ field: 'mandateStatus', message: 'only distribution lines have a mandate status' }]);
    });

    it('refuses bad filter values with a 400 naming the field', async () => {
      for (const [query, field] of [['status=late', 'status'], ['category=songs', 'category'], ['currency=eur', 'currency'], ['mandateBasis=maybe', 'mandateBasis'], ['lineId=' + 'x'.repeat(101), 'lineId'], ['lineNo=0', 'lineNo'], ['lineNo=99999999999', 'lineNo']]) {
        const res = await society.get(`/v1/submissions/${dist.id}/lines?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });

  describe('GET /v1/submissions/{id}/package', () => {
    it('gives the bytes as received under the name they were uploaded as, gzip-compressed when asked', async () => {
      const name = 'выплаты Q1.csv';
      const bytes = Buffer.from(`\uFEFF${DIST_HEADER}\r\n${distLine({ line_id: 'P-1' })}\r\n`, 'utf8');
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'text/csv' }), name);
      const res = await fetch(`${t.baseUrl}/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=2024Q4`, { method: 'POST', headers: { authorization: `Bearer ${cast.tokens.societyA}` }, body: form });
      const submitted = await waitFinished(society, ((await res.json()) as { id: string }).id);
      expect(submitted).toMatchObject({ status: 'rejected', fileName: name });

      const plain = await rawGet(t.baseUrl, `/v1/submissions/${submitted.id}/package`, { authorization: `Bearer ${cast.tokens.regulator}` });
      expect(plain.status).toBe(200);
      expect(plain.body.equals(bytes)).toBe(true);
      expect(plain.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(plain.headers['content-length']).toBe(String(bytes.length));
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['x-package-sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(plain.headers['content-disposition']).toBe(`attachment; filename="_______ Q1.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);

      const zipped = await rawGet(t.baseUrl, `/v1/submissions/${submitted.id}/package`, { authorization: `Bearer ${cast.tokens.societyA}`, 'accept-encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('Accept-Encoding');
      expect(gunzipSync(zipped.body).equals(bytes)).toBe(true);
    });

    it('gives a package sent gzip-compressed as the decompressed bytes its SHA-256 is of, and JSON Lines as JSON Lines', async () => {
      const ndjson = `${distRecord({ line_id: 'N-1' })}\n${distRecord({ line_id: 'N-2' })}\n`;
      const res = await society.post(`/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=2024Q3`, gzipSync(Buffer.from(ndjson)), {
        'content-type': 'application/x-ndjson',
        'content-encoding': 'gzip',
      });
      const s = await waitFinished(society, res.body.id);
      const got = await rawGet(t.baseUrl, `/v1/submissions/${s.id}/package`, { authorization: `Bearer ${cast.tokens.societyA}` });
      expect(got.body.toString('utf8')).toBe(ndjson);
      expect(got.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(got.headers['content-disposition']).toBe(`attachment; filename="distribution-lines-2024Q3-${s.id}.ndjson"`);
      expect(got.headers['x-package-sha256']).toBe(s.sha256);
    });
  });

  describe('GET /v1/submissions/{id}/errors.csv', () => {
    it('lists every problem of a CSV package, beyond the 1000 the submission lists, in the same order', async () => {
      const lines = [DIST_HEADER];
      for (let i = 1; i <= 1500; i++) lines.push(distLine({ line_id: `E-${i}`, gross: i % 2 ? 'abc' : '1000.00', territory: i % 2 ? 'RU' : 'XX' }));
      const { final } = await submitAndWait(society, cast.societyA.id, 'distribution-lines', '2025Q1', lines.join('\n'));
      expect(final.status).toBe('rejected');
      expect(final.errors).toHaveLength(1000);
      const res = await regulator.get(`/v1/submissions/${final.id}/errors.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="errors-distribution-lines-2025Q1-${final.id}.csv"`);
      const rows = parseCsv(res.text);
      expect(rows[0]).toEqual(['line', 'column', 'field', 'message']);
      expect(rows).toHaveLength(final.errorCount + 1);
      expect(res.headers.get('x-error-count')).toBe(String(final.errorCount));
      expect(final.errorCount).toBe(1500);
      expect(rows.slice(1, 1001).map(([line, column, , message]) => ({ line: Number(line), column, message }))).toEqual(final.errors);
      // Every bad line is named, the last ones too.
      expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(1500);
      expect(rows[rows.length - 1][0]).toBe('1501');
    });

    it('lists every problem of a JSON Lines package: records refused while staging (past the first 1000) and the rows validated after, merged by line; cells guarded against formulas', async () => {
      const records: string[] = [];
      for (let i = 1; i <= 1100; i++) records.push(i % 11 === 0 ? distRecord({ line_id: `J-${i}`, territory: 'XX' }) : JSON.stringify({ line_id: `J-${i}`, '=1+1': 'x' }));
      const res = await society.post(`/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=2025Q1`, records.join('\n') + '\n', { 'content-type': 'application/x-ndjson' });
      const s = await waitFinished(society, res.body.id);
      expect(s.status).toBe('rejected');
      expect(s.errors).toHaveLength(1000);
      const csv = await society.get(`/v1/submissions/${s.id}/errors.csv`);
      const rows = parseCsv(csv.text).slice(1);
      expect(rows).toHaveLength(s.errorCount);
      expect(s.errorCount).toBe(1100);
      // One problem per record set aside (its unknown column) and per row staged (its territory).
      const lines = rows.map((r) => Number(r[0]));
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      expect(new Set(lines).size).toBe(1100);
      expect(rows.find((r) => r[0] === '1100')).toEqual(['1100', 'territory', '', expect.stringContaining('XX')]);
      // The column a society named "=1+1" is written as text, not a formula.
      expect(csv.text).toContain(`"'=1+1"`);
      expect(rows.slice(0, 1000).map(([line, column, , message]) => ({ line: Number(line), ...(column ? { column: column.replace(/^'/, '') } : {}), message }))).toEqual(s.errors);
    });

    it('lists every problem when staging refused every record', async () => {
      const records = Array.from({ length: 1200 }, (_, i) => `{"line_id": ${i}}`);
      const res = await society.post(`/v1/societies/${cast.societyA.id}/submissions?type=distribution-lines&period=2023Q3`, records.join('\n'), { 'content-type': 'application/x-ndjson' });
      const s = await waitFinished(society, res.body.id);
      expect(s).toMatchObject({ status: 'rejected', errorCount: 1200 });
      const rows = parseCsv((await society.get(`/v1/submissions/${s.id}/errors.csv`)).text);
      expect(rows).toHaveLength(1201);
      expect(rows[1200]).toEqual(['1200', 'line_id', '', expect.stringContaining('JSON number')]);
    });

    it('is the header alone for a committed package', async () => {
      const res = await society.get(`/v1/submissions/${dist.id}/errors.csv`);
      expect(res.status).toBe(200);
      expect(res.text).toBe('line,column,field,message\r\n');
      expect(res.headers.get('x-error-count')).toBe('0');
    });
  });

  it("answers 404 for an unknown submission or another society's, 400 for a malformed id, 403 for a rights holder", async () => {
    for (const route of ['lines', 'package', 'errors.csv', 'diff']) {
      expect({ route, status: (await society.get(`/v1/submissions/00000000-0000-4000-8000-000000000000/${route}`)).status }).toEqual({ route, status: 404 });
      expect({ route, status: (await other.get(`/v1/submissions/${dist.id}/${route}`)).status }).toEqual({ route, status: 404 });
      const bad = await society.get(`/v1/submissions/not-a-uuid/${route}`);
      expect({ route, status: bad.status, field: bad.body.errors?.[0]?.field }).toEqual({ route, status: 400, field: 'id' });
      expect({ route, status: (await society.as(cast.tokens.holderA).get(`/v1/submissions/${dist.id}/${route}`)).status }).toEqual({ route, status: 403 });
    }
  });
});
