import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  lineAndColumn,
  parseJsonText,
  registerAgreementCommand,
  syntaxErrorOffset,
} from './agreement.js';
import { runCommand } from '../../../test/support/run-command.js';

const DEMO = new URL('../../../scenarios/ukraine-2026/agreement.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'truceline-agreement-'));

const run = (...args: string[]) => runCommand(registerAgreementCommand, args);

afterEach(() => {
  process.exitCode = undefined;
});

describe('truceline agreement check', () => {
  it('prints the summary of the demo agreement and exits 0', async () => {
    const { out, code } = await run('agreement', 'check', DEMO);
    expect(code).toBe(0);
    expect(out).toMatch(/^Ceasefire and Monitoring Arrangement for Ukraine/);
    expect(out).toMatch(/Line of contact: 9\d\d km, 70 vertices/);
    expect(out).toMatch(/Security zone: 15\.0 km each side \(30\.0 km wide\)/);
    expect(out).toMatch(/da-kupiansk\s+Kupiansk disengagement area\s+36\.0 km²/);
    expect(out).toMatch(/ua\s+800,000/);
  });

  it('prints the summary as JSON with --json', async () => {
    const { out } = await run('agreement', 'check', '--json', DEMO);
    expect(JSON.parse(out).securityZone.widthKmEachSide).toBe(15);
  });

  it('lists every problem with its JSON path and exits 1', async () => {
    const bad = JSON.parse(readFileSync(DEMO, 'utf8'));
    bad.lineOfContact[3][1] = 95;
    bad.withdrawalDistances[0].distanceKm = -50;
    bad.parties[1].side = 'right';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const { err, out, code } = await run('agreement', 'check', file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`${file}: 3 problems`);
    expect(err).toContain('  lineOfContact[3][1]: latitude 95 is outside [-90, 90]');
    expect(err).toContain('  withdrawalDistances[0].distanceKm: must be > 0, got number -50');
    expect(err).toContain(
      '  parties: no party is on the left side of the line of contact; both sides must be used',
    );
  });

  it('gives one line with the position for bad JSON syntax', async () => {
    const file = join(dir, 'syntax.json');
    writeFileSync(file, '{\n  "id": "x",\n  "version": 1,,\n}\n');
    const { err, code } = await run('agreement', 'check', file);
    expect(code).toBe(1);
    expect(err).toBe(
      `${file}: 1 problem\n  invalid JSON at line 3, column 16: Expected double-quoted property name\n`,
    );
  });

  it('says so when the file cannot be read', async () => {
    const { err, code } = await run('agreement', 'check', join(dir, 'missing.json'));
    expect(code).toBe(1);
    expect(err).toMatch(/cannot read .*missing\.json: ENOENT/);
  });
});

describe('parseJsonText', () => {
  it.each([
    ['{"a": 1}', null],
    ['{"a": 1,}', 'invalid JSON at line 1, column 9: Expected double-quoted property name'],
    ['[1, 2', 'invalid JSON at line 1, column 6: '],
    ['{"a":\n  tru}', "invalid JSON at line 2, column 6: Unexpected token '}'"],
    ['{"a": "x\ty"}', 'invalid JSON at line 1, column 9: '],
    ['{"a": 1} x', 'invalid JSON at line 1, column 10: '],
    ['', 'invalid JSON at line 1, column 1: unexpected end of input'],
  ])('%j → %s…', (text, reason) => {
    const r = parseJsonText(text);
    if (reason === null) expect(r.ok).toBe(true);
    else expect(r.ok ? null : r.reason.slice(0, reason.length)).toBe(reason);
  });

  it.each([
    ['{"a": [1, 2, {"b": null}], "c": "\\u00e9"}', -1],
    ['{"a": 01}', 7],
    ['[1 2]', 3],
    ['{"a" 1}', 5],
    ['"\\x"', 2],
    ['nul', 3],
  ])('finds the first syntax error in %j at offset %i', (text, offset) => {
    expect(syntaxErrorOffset(text)).toBe(offset);
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
