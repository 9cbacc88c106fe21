import { describe, expect, test } from 'vitest';
import { CsvReader, MAX_RECORD_CHARS, readCsv, type CsvRecord } from './csv-reader.js';

function readAll(text: string): CsvRecord[] {
  const r = new CsvReader();
  return [...r.push(text), ...r.end()];
}

/** The same text fed in two chunks split at every position: chunking must not change a record. */
function readSplitEverywhere(text: string): CsvRecord[][] {
  const out: CsvRecord[][] = [];
  for (let i = 0; i <= text.length; i++) {
    const r = new CsvReader();
    out.push([...r.push(text.slice(0, i)), ...r.push(text.slice(i)), ...r.end()]);
  }
  return out;
}

describe('CsvReader (RFC 4180)', () => {
  test.each([
    ['CRLF records', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['LF records', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['lone CR records', 'a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
    ['no final line break', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['empty fields', ',,\r\n', [['', '', '']]],
    ['a quoted empty field', '""\r\n', [['']]],
    ['quoted commas and doubled quotes', '"x, y","he said ""go"""\r\n', [['x, y', 'he said "go"']]],
    ['a quoted line break, kept as written', '"line 1\r\nline 2",z\r\n', [['line 1\r\nline 2', 'z']]],
    ['a byte order mark before the header', '\uFEFFa,b\r\n', [['a', 'b']]],
    ['blank lines between records, skipped', 'a\r\n\r\n\nb\r\n', [['a'], ['b']]],
    ['Cyrillic and emoji', 'Вибух,💥\r\n', [['Вибух', '💥']]],
  ])('reads %s', (_name, text, want) => {
    expect(readAll(text).map((r) => r.fields)).toEqual(want);
    for (const records of readSplitEverywhere(text)) expect(records.map((r) => r.fields)).toEqual(want);
  });

  test('numbers records by the physical line they start on, counting line breaks inside quotes', () => {
    const text = 'h1,h2\r\n"a\nb\nc",1\r\n\r\nx,2\r\n';
    for (const records of [readAll(text), ...readSplitEverywhere(text)]) expect(records.map((r) => r.line)).toEqual([1, 2, 6]);
  });

  test.each([
    ['a quote inside an unquoted field', 'ab"c,d\r\n', /field 1: a double quote inside an unquoted field/, true],
    ['text after a closing quote', '"ab"c,d\r\n', /field 1: text after the closing quote/, true],
    ['a quoted field never closed', 'x\r\n"open,\r\nmore', /opened on line 2 is never closed/, false],
  ])('returns a record with %s marked', (_name, text, why, readsOn) => {
    const records = readAll(text + (readsOn ? 'next,row\r\n' : ''));
    expect(records.find((r) => r.error)?.error).toMatch(why);
    // A malformed record ends at its line break like any other, and the next one reads normally.
    if (readsOn) expect(records.at(-1)).toEqual({ line: 2, fields: ['next', 'row'] });
  });

  test('stops with an error naming the line when one record grows past the limit', () => {
    const r = new CsvReader();
    r.push('h\r\n"');
    expect(() => r.push('x'.repeat(MAX_RECORD_CHARS + 1))).toThrow(/line 2: a record longer than/);
  });

  test('readCsv reads a stream of strings and buffers', async () => {
    const out: CsvRecord[] = [];
    for await (const rec of readCsv((async function* () {
      yield Buffer.from('a,"b');
      yield 'c"\r\n1,2';
    })())) out.push(rec);
    expect(out.map((r) => r.fields)).toEqual([['a', 'bc'], ['1', '2']]);
  });
});
