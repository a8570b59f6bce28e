import { describe, expect, it } from '@jest/globals';
import { reportDocument } from './pdf.js';
import { pdfText } from './test-support/pdf-text.js';

/**
 * The report fonts are parsed once per process and shared by every document (a file of
 * its own: the first documents of the process are the ones that matter here).
 */
describe('the report fonts, shared between documents', () => {
  async function document(text: string): Promise<Buffer> {
    const { doc, bytes } = reportDocument({ title: 't', subject: 's', creator: 'c', created: new Date(Date.UTC(2025, 0, 1)) });
    doc.text(text);
    doc.end();
    return bytes;
  }

  it('map each glyph to its text whatever an earlier document drew (Cyrillic Н is drawn from Latin H)', async () => {
    // The first document draws Н and no H: subsetting it asks the font for H without its character.
    expect(pdfText(await document('НННН'))).toBe('НННН');
    expect(pdfText(await document('GmbH Publishing House'))).toBe('GmbH Publishing House');
  });
});
