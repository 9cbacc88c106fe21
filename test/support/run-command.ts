import { Command } from 'commander';
import { vi } from 'vitest';

export interface CommandRun {
  readonly out: string;
  readonly err: string;
  readonly code: number | undefined;
}

/**
 * Runs a `truceline` subcommand in process (registered on a fresh commander program), capturing
 * what it writes to standard output and error and the exit code it sets.
 */
export async function runCommand(register: (program: Command) => void, args: readonly string[]): Promise<CommandRun> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  // The exit code this command sets, not one a command before it left in this process.
  process.exitCode = undefined;
  try {
    const program = new Command().exitOverride();
    register(program);
    for (const c of program.commands) c.exitOverride();
    await program.parseAsync([...args], { from: 'user' });
    return { out, err, code: typeof process.exitCode === 'number' ? process.exitCode : undefined };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
