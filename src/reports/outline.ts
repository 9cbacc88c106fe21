/**
 * The outline a report is laid out into, whatever the output format: sections of headings,
 * paragraphs, numbered items, tables and figures (document.ts builds it; html.ts and pdf.ts
 * draw it).
 */
import type { ReportLang } from '../domain/report/types.js';

export interface TableRow {
  readonly cells: readonly string[];
  /** A totals row, drawn in bold. */
  readonly total?: boolean;
}

export type Block =
  | { readonly type: 'paragraph'; readonly text: string; readonly note?: boolean }
  | {
      readonly type: 'list';
      readonly items: readonly { readonly text: string; readonly note?: string }[];
    }
  | {
      readonly type: 'table';
      readonly head: readonly string[];
      readonly rows: readonly TableRow[];
      /** Per column: figures, right-aligned. */
      readonly numeric: readonly boolean[];
      /** Relative column widths, sized for the longest uk/ru header word at the PDF header size (HTML lets the browser decide). */
      readonly widths: readonly number[];
    }
  | {
      readonly type: 'figure';
      readonly svg: string;
      readonly width: number;
      readonly height: number;
      readonly caption: string;
    }
  | { readonly type: 'preformatted'; readonly text: string };

export interface Section {
  readonly id: string;
  readonly heading: string;
  readonly blocks: readonly Block[];
  /** Starts on a new page in print (the map and the chart). */
  readonly newPage?: boolean;
}

export interface ReportDocument {
  readonly lang: ReportLang;
  readonly title: string;
  readonly lines: readonly string[];
  readonly sections: readonly Section[];
  readonly footer: Section;
  /** Whether the report is a draft (no publication block). */
  readonly draft: boolean;
}
