import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF that PDFKit wrote, one string per text object (PDFKit draws each
 * line of text, and each table cell's line, as its own BT … ET), in drawing order,
 * decoded through each embedded font's ToUnicode map (a standard font's codes are read
 * as Latin-1). What a reader's copy and search would see. For tests of our own PDFs:
 * it knows PDFKit's output, it is no general PDF parser.
 */
export function pdfLines(pdf: Buffer): string[] {
  return pdfRuns(pdf).map((r) => r.text);
}

/** A line of text as drawn: its content stream (a page), where it starts (PDF points, y up) and its font size. */
export interface TextRun {
  page: number;
  x: number;
  y: number;
  size: number;
  text: string;
}

/** The lines of text of a PDFKit PDF (see pdfLines) with where each is drawn. */
export function pdfRuns(pdf: Buffer): TextRun[] {
  const objects = pdfObjects(pdf);
  const toUnicode = new Map<number, Map<number, string>>();
  for (const [id, o] of objects) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    if (/\/Type \/Font\b/.test(o.dict) && ref) toUnicode.set(id, parseCmap(objects.get(Number(ref[1]))!.stream!.toString('latin1')));
  }
  // Font resource names (F1, F2, …) are unique in a PDFKit document.
  const fonts = new Map<string, Map<number, string> | null>();
  for (const o of objects.values()) {
    for (const m of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) fonts.set(m[1]!, toUnicode.get(Number(m[2])) ?? null);
  }
  const runs: TextRun[] = [];
  let page = -1;
  for (const o of objects.values()) {
    if (!o.stream || o.dict.includes('/Type') || o.dict.includes('/Subtype')) continue;
    const content = o.stream.toString('latin1');
    if (!/\bBT\b/.test(content) || /[\x00-\x08]/.test(content)) continue; // not text, or a font file
    page++;
    let cmap: Map<number, string> | null = null;
    let run: TextRun | null = null;
    for (const token of content.matchAll(/\/(F\d+) ([\d.]+) Tf|([-\d.]+) ([-\d.]+) Tm|\[((?:<[0-9a-f]*>|[^\]])*)\] TJ|<([0-9a-f]*)> Tj|\bBT\b|\bET\b/g)) {
      if (token[0] === 'BT') run = { page, x: 0, y: 0, size: 0, text: '' };
      else if (token[0] === 'ET') {
        if (run) runs.push(run);
        run = null;
      } else if (token[1]) {
        cmap = fonts.get(token[1]) ?? null;
        if (run) run.size = Number(token[2]);
      } else if (token[3] !== undefined) {
        if (run) [run.x, run.y] = [Number(token[3]), Number(token[4])];
      } else if (run) {
        const hexes = token[5] !== undefined ? [...token[5].matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]!) : [token[6]!];
        for (const hex of hexes) run.text += decode(hex, cmap);
      }
    }
  }
  return runs;
}

/** All of a PDF's text, its lines joined by newlines. */
export function pdfText(pdf: Buffer): string {
  return pdfLines(pdf).join('\n');
}

function decode(hex: string, cmap: Map<number, string> | null): string {
  if (!cmap) return Buffer.from(hex, 'hex').toString('latin1');
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
  return out;
}

/** A ToUnicode CMap's bfrange and bfchar entries: code → text. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');
  for (const m of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
    const start = parseInt(m[1]!, 16);
    [...m[3]!.matchAll(/<([0-9a-f ]*)>/gi)].forEach((v, i) => map.set(start + i, utf16(v[1]!)));
  }
  const ranges = /beginbfrange([\s\S]*?)endbfrange/.exec(cmap)?.[1]?.replace(/\[[^\]]*\]/g, '') ?? '';
  for (const m of ranges.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) {
    const start = parseInt(m[1]!, 16);
    const first = parseInt(m[3]!, 16);
    for (let c = start; c <= parseInt(m[2]!, 16); c++) map.set(c, String.fromCharCode(first + c - start));
  }
  const bfchar = /beginbfchar([\s\S]*?)endbfchar/.exec(cmap);
  if (bfchar) for (const m of bfchar[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  return map;
}

/** Each indirect object: its dictionary text and its stream (inflated when FlateDecode). */
function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const header = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const start = header.lastIndex;
    const end = text.indexOf('endobj', start);
    const streamAt = text.indexOf('stream\n', start);
    if (streamAt >= 0 && streamAt < end) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)![1]);
      const raw = pdf.subarray(streamAt + 7, streamAt + 7 + length);
      objects.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
      header.lastIndex = text.indexOf('endobj', streamAt + 7 + length);
    } else {
      objects.set(Number(m[1]), { dict: text.slice(start, end), stream: null });
      header.lastIndex = end;
    }
  }
  return objects;
}

/**
 * Pairs of lines drawn over each other: on one page, starting at the same x, less than
 * 0.9 of the smaller font size apart vertically (a line set where an earlier one still is).
 */
export function overlappingRuns(runs: readonly TextRun[]): [TextRun, TextRun][] {
  const drawn = runs.filter((r) => r.text.trim() !== '');
  const pairs: [TextRun, TextRun][] = [];
  drawn.forEach((a, i) => {
    for (const b of drawn.slice(i + 1)) {
      if (a.page === b.page && Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 0.9 * Math.min(a.size, b.size)) pairs.push([a, b]);
    }
  });
  return pairs;
}
