/**
 * `truceline agreement check FILE`: validates an agreement file and prints its summary (line
 * length, zone areas, ceilings), or every problem with its JSON path; exit code 1 on any problem.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  formatAgreementSummary,
  parseAgreement,
  summariseAgreement,
  type Agreement,
} from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import { EXIT } from '../exit.js';

export type JsonText = { ok: true; value: unknown } | { ok: false; reason: string };

/** 1-based line and column of a 0-based character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

/**
 * Offset of the first JSON syntax error in `text` (RFC 8259), or -1 when there is none. Used for
 * the position when JSON.parse's message gives none (V8 omits it for "Unexpected token").
 */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const literal = (word: string) => {
    for (const c of word) {
      if (text[i] !== c) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (err) {
    if (err instanceof JsonSyntaxAt) return Math.min(err.offset, text.length);
    throw err;
  }
}

/**
 * JSON.parse with a one-line reason naming where it broke: `invalid JSON at line 3, column 14:
 * Expected ',' or '}' after property value`.
 */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const stated = /at position (\d+)/.exec(message);
    const offset = stated ? Number(stated[1]) : syntaxErrorOffset(text);
    const what = /Unexpected end of JSON input/.test(message)
      ? 'unexpected end of input'
      : message
          .replace(/ in JSON at position \d+.*$/s, '')
          .replace(/, ".*" is not valid JSON$/s, '')
          .replace(/\s+/g, ' ');
    if (offset < 0) return { ok: false, reason: `invalid JSON: ${what}` };
    const { line, column } = lineAndColumn(text, offset);
    return { ok: false, reason: `invalid JSON at line ${line}, column ${column}: ${what}` };
  }
}

export type AgreementFileCheck =
  { ok: true; agreement: Agreement } | { ok: false; problems: readonly string[] };

/** Reads and validates an agreement file; problems are lines ready to print. */
export function checkAgreementFile(file: string): AgreementFileCheck {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [`cannot read ${file}: ${(err as Error).message}`] };
  }
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [json.reason] };
  try {
    return { ok: true, agreement: parseAgreement(json.value) };
  } catch (err) {
    if (err instanceof TrucelineError && err.code === 'VALIDATION') {
      return { ok: false, problems: err.issues.map((i) => `${i.path || '(root)'}: ${i.reason}`) };
    }
    throw err;
  }
}

export function registerAgreementCommand(program: Command): void {
  const agreement = program
    .command('agreement')
    .description('work with agreement files (the agreement as data)');
  agreement
    .command('check')
    .description(
      'validate an agreement file and print its summary: line length, zone areas, ceilings',
    )
    .argument('<file>', 'agreement JSON file')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 valid; 1 invalid (every problem is listed with its JSON path) or unreadable.',
    )
    .action((file: string, opts: { json?: boolean }) => {
      const checked = checkAgreementFile(file);
      if (!checked.ok) {
        const n = checked.problems.length;
        process.stderr.write(`${file}: ${n === 1 ? '1 problem' : `${n} problems`}\n`);
        for (const p of checked.problems) process.stderr.write(`  ${p}\n`);
        process.exitCode = EXIT.FAILED;
        return;
      }
      const summary = summariseAgreement(checked.agreement);
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(summary, null, 2)}\n`
          : `${formatAgreementSummary(summary)}\n`,
      );
      process.exitCode = EXIT.OK;
    });
}
