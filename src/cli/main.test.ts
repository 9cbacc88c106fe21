import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { EXIT } from './exit.js';
import { buildProgram, COMMANDS, main } from './main.js';

describe('the truceline program', () => {
  it('names, beside each module, exactly the commands it registers', async () => {
    for (const [names, load] of COMMANDS) {
      const program = new Command('t');
      (await load())(program);
      expect(program.commands.map((c) => c.name())).toEqual(names);
    }
  });

  it('registers only the command asked for, and every command for help or an unknown one', async () => {
    const only = await buildProgram(['node', 'truceline', 'import', 'x.ndjson']);
    expect(only.commands.map((c) => c.name())).toEqual(['import']);
    const restore = await buildProgram(['node', 'truceline', 'restore']);
    expect(restore.commands.map((c) => c.name())).toEqual(['backup', 'restore']);
    const all = COMMANDS.flatMap(([names]) => names);
    for (const argv of [[], ['--help'], ['help', 'import'], ['impotr']])
      expect(
        (await buildProgram(['node', 'truceline', ...argv])).commands.map((c) => c.name()),
      ).toEqual(all);
  });

  it('answers an unknown command with a usage error that suggests the near one', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'truceline', 'impotr'])).toBe(EXIT.USAGE);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(
        /unknown command 'impotr'[\s\S]*import/,
      );
    } finally {
      err.mockRestore();
    }
  });
});
