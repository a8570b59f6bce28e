/**
 * Typed views of DSR records: a record keeps its raw cells (escapes and all) and its
 * layout; `get` gives a single value with escapes resolved, `values` the values of a
 * multi-value cell. The domain shapes below (header, footer, summary, work, recording,
 * release) are what the reader builds from them.
 */
import { cellValues, unescapeValue } from './cells.js';
import type { RecordLayout } from './layouts.js';

export class DsrRecord {
  constructor(
    /** Record id as written, e.g. `SU02.02`. */
    readonly type: string,
    /** 1-based line in its file. */
    readonly line: number,
    /** File number in the report (1-based). */
    readonly file: number,
    /** Raw cells, cells[0] being the record id. */
    readonly cells: readonly string[],
    /** The layout the record was read with; null for an unknown record type. */
    readonly layout: RecordLayout | null,
  ) {}

  /** Index (0-based) of a named cell in `cells`, or -1. */
  indexOf(name: string): number {
    return (this.layout && this.layout.position[name]) ?? -1;
  }

  /** The value of a cell with escapes resolved; '' when empty or absent. */
  get(name: string): string {
    const at = this.layout ? this.layout.position[name] : undefined;
    const raw = at === undefined ? undefined : this.cells[at];
    if (raw === undefined || raw === '') return '';
    return raw.indexOf('\\') < 0 ? raw : unescapeValue(raw).value;
  }

  /** The value of a cell, or null when empty or absent. */
  opt(name: string): string | null {
    const value = this.get(name);
    return value === '' ? null : value;
  }

  /** The values of a multi-value cell (empty array when the cell is empty). */
  values(name: string): string[] {
    const at = this.indexOf(name);
    const raw = at < 0 ? undefined : this.cells[at];
    return raw === undefined ? [] : cellValues(raw);
  }

  /** The record as an object of cell name → value (multi-value cells as arrays). */
  toJSON(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = { RecordType: this.type };
    for (const cell of this.layout?.cells ?? []) out[cell.name] = cell.multi ? this.values(cell.name) : this.get(cell.name);
    return out;
  }
}

export interface DsrHeader {
  readonly file: number;
  readonly line: number;
  readonly messageVersion: string;
  readonly profile: string;
  readonly profileVersion: string;
  readonly messageId: string;
  readonly createdAt: string;
  readonly fileNumber: number | null;
  readonly numberOfFiles: number | null;
  readonly usageStartDate: string;
  readonly usageEndDate: string;
  readonly senderPartyId: string;
  readonly senderName: string;
  readonly serviceDescription: string | null;
  readonly recipientPartyId: string | null;
  readonly recipientName: string | null;
  readonly representedRepertoire: readonly string[];
}

export interface DsrFooter {
  readonly file: number;
  readonly line: number;
  readonly numberOfLinesInFile: number | null;
  readonly numberOfLinesInReport: number | null;
  readonly numberOfSummaryRecords: number | null;
  readonly numberOfBlocksInFile: number | null;
  readonly numberOfBlocksInReport: number | null;
}

/** The sales context of a summary record (DSR Part 1 §6.5) and the totals it states. */
export interface DsrSummary {
  readonly id: string;
  readonly type: string;
  readonly file: number;
  readonly line: number;
  readonly commercialModel: string;
  readonly useType: string | null;
  readonly territory: string;
  readonly serviceDescription: string | null;
  readonly currency: string | null;
  /** Usages of the whole service in the context (Usages or TotalUsages), as written. */
  readonly usages: string | null;
  /** Net revenue of the context, as written. */
  readonly netRevenue: string | null;
  /** For a licensor-specific summary: the usages and net revenue allocated to the rights controller. */
  readonly allocatedUsages: string | null;
  readonly allocatedNetRevenue: string | null;
  readonly rightsController: string | null;
  readonly rightsType: string | null;
  readonly record: DsrRecord;
}

export interface DsrWork {
  readonly iswc: string | null;
  readonly title: string | null;
  /** Composers/authors, then arrangers and other contributors, as named in the report. */
  readonly contributors: readonly string[];
  readonly publishers: readonly string[];
  readonly proprietaryWorkId: string | null;
  readonly dspWorkId: string | null;
  /** Line of the record the work was read from (AS02 or MW01). */
  readonly line: number;
}

export interface DsrRecording {
  readonly dspResourceId: string;
  readonly resourceReference: string;
  readonly isrc: readonly string[];
  readonly title: string;
  readonly displayArtist: string;
  readonly resourceType: string;
  readonly line: number;
}

export interface DsrRelease {
  readonly releaseReference: string;
  readonly dspReleaseId: string;
  readonly icpn: string | null;
  readonly title: string;
  readonly displayArtist: string;
  readonly line: number;
}
