/**
 * A streaming RFC 4180 CSV reader: text chunks in, records out, each with the number of the
 * physical line it starts on (1-based), so import errors can say `line 12`.
 *
 * RFC 4180 §2 as real exports write it: fields separated by `,`; records by CRLF, and also by a
 * lone LF or CR (spreadsheets and Unix tools write those); a field may be quoted with `"`, and a
 * quoted field may hold commas, quotes (doubled: `""`) and line breaks, which count towards the
 * line numbers of later records. A UTF-8 byte order mark before the first record is dropped.
 * Empty lines between records are skipped.
 *
 * A malformed record is still returned, with `error` saying what is wrong, so the importer can
 * report it by line and go on: a quote inside an unquoted field, or text after a closing quote.
 * A quoted field left open runs to the end of the input (there is no way to know where it should
 * have ended); it is reported at the line where it opened, and a record longer than
 * MAX_RECORD_CHARS stops the read instead of filling memory.
 */
import { TrucelineError } from '../../domain/errors.js';

export const MAX_RECORD_CHARS = 1 << 20;

export interface CsvRecord {
  /** Physical line (1-based) the record starts on. */
  readonly line: number;
  readonly fields: readonly string[];
  /** What is malformed about the record, if anything. */
  readonly error?: string;
}

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

export class CsvReader {
  private state: State = 'fieldStart';
  private field = '';
  private fields: string[] = [];
  private recordChars = 0;
  private error: string | undefined;
  private line = 1;
  private recordLine = 1;
  /** The previous chunk ended in CR: a LF starting this one belongs to that line break. */
  private afterCR = false;
  private started = false;

  /** Records completed by this chunk. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.afterCR) {
        this.afterCR = false;
        if (c === '\n') {
          if (this.state === 'quoted') this.append('\n');
          continue;
        }
      }
      if (c === '\r' || c === '\n') {
        let lineBreak: string = c;
        if (c === '\r') {
          if (chunk[i + 1] === '\n') {
            lineBreak = '\r\n';
            i++;
          } else if (i + 1 === chunk.length) this.afterCR = true;
        }
        this.line++;
        if (this.state === 'quoted') this.append(lineBreak);
        else this.endRecord(out);
        continue;
      }
      switch (this.state) {
        case 'fieldStart':
          if (c === '"') this.state = 'quoted';
          else if (c === ',') this.endField();
          else {
            this.state = 'unquoted';
            this.append(c);
          }
          break;
        case 'unquoted':
          if (c === ',') this.endField();
          else {
            if (c === '"') this.fail('a double quote inside an unquoted field (quote the whole field and double the quote)');
            this.append(c);
          }
          break;
        case 'quoted':
          if (c === '"') this.state = 'quoteInQuoted';
          else this.append(c);
          break;
        case 'quoteInQuoted':
          if (c === '"') {
            this.append('"');
            this.state = 'quoted';
          } else if (c === ',') this.endField();
          else {
            this.fail('text after the closing quote of a field');
            this.append(c);
            this.state = 'unquoted';
          }
          break;
      }
    }
    return out;
  }

  /** The last record, if the input did not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === 'quoted') this.fail(`a quoted field opened on line ${this.recordLine} is never closed`);
    if (this.state !== 'fieldStart' || this.fields.length > 0 || this.error) this.endRecord(out);
    return out;
  }

  private append(s: string): void {
    this.field += s;
    this.recordChars += s.length;
    if (this.recordChars > MAX_RECORD_CHARS) {
      throw new TrucelineError('VALIDATION', `line ${this.recordLine}: a record longer than ${MAX_RECORD_CHARS} characters; is a quote left open?`, [
        { path: `line ${this.recordLine}`, reason: 'record too long' },
      ]);
    }
  }

  private fail(reason: string): void {
    this.error ??= `field ${this.fields.length + 1}: ${reason}`;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'fieldStart';
  }

  private endRecord(out: CsvRecord[]): void {
    const empty = this.fields.length === 0 && this.state === 'fieldStart' && !this.error;
    if (!empty) {
      this.fields.push(this.field);
      out.push(this.error ? { line: this.recordLine, fields: this.fields, error: this.error } : { line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.field = '';
    this.state = 'fieldStart';
    this.recordChars = 0;
    this.error = undefined;
    this.recordLine = this.line;
  }
}

/** Every record of a stream of text chunks (a file read as UTF-8, standard input). */
export async function* readCsv(chunks: AsyncIterable<string | Buffer> | Iterable<string>): AsyncGenerator<CsvRecord> {
  const reader = new CsvReader();
  for await (const chunk of chunks) yield* reader.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
  yield* reader.end();
}
