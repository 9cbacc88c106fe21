/**
 * `truceline witness`: runs a C2SP tlog-witness for one log until SIGINT/SIGTERM. Prints its
 * verifier key and address on start:
 *   witness vkey <name+id+key>
 *   listening on http://127.0.0.1:8081
 */
import { Command, Option } from 'commander';
import { parseVerifierKey } from '../../ledger/index.js';
import { createWitnessServer } from '../../witness/server.js';

export interface WitnessCommandOptions {
  readonly data: string;
  readonly port: number;
  readonly host: string;
  readonly name: string;
  readonly logOrigin: string;
  readonly logKey: string[];
  readonly prefix: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n > 65535) throw new Error(`--port must be 0..65535, got ${value}`);
  return n;
}

function collect(value: string, previous: string[]): string[] {
  parseVerifierKey(value); // fail at startup on a malformed key, naming it
  return [...previous, value];
}

export function registerWitnessCommand(program: Command): Command {
  return program
    .command('witness')
    .description('Run a C2SP tlog-witness: verify a log\'s checkpoints are consistent and cosign them (POST /add-checkpoint)')
    .requiredOption('--data <dir>', 'directory for the witness key and state (created if missing)')
    .addOption(new Option('--port <n>', 'TCP port (0 picks a free one)').argParser(port).default(8081))
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--name <name>', 'the witness key name, used when the key is first created', 'witness.truceline.local')
    .requiredOption('--log-origin <origin>', 'origin line of the log to witness')
    .requiredOption('--log-key <vkey>', "the log's verifier key (repeat for key rotation)", collect, [])
    .option('--prefix <path>', 'URL path prefix of the API', '')
    .action(async (opts: WitnessCommandOptions) => {
      const witness = createWitnessServer({
        dataDir: opts.data,
        name: opts.name,
        prefix: opts.prefix,
        logs: [{ origin: opts.logOrigin, keys: opts.logKey }],
      });
      const { url } = await witness.listen(opts.port, opts.host);
      process.stdout.write(`witness vkey ${witness.vkey}\nlistening on ${url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await witness.close();
    });
}
