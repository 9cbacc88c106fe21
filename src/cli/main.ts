import { Command, CommanderError } from 'commander';
import { describeFailure, EXIT } from './exit.js';

type Register = (program: Command) => unknown;

/**
 * Every top-level command, in the order help lists them, with the module that registers it. A
 * module is imported only when its command runs (or for help, a version or an unknown command,
 * which load them all): `serve` alone pulls in the HTTP server, and `truceline import` should
 * not wait for it.
 */
export const COMMANDS: readonly (readonly [
  names: readonly string[],
  load: () => Promise<Register>,
])[] = [
  [['init'], async () => (await import('./commands/init.js')).registerInitCommand],
  [['agreement'], async () => (await import('./commands/agreement.js')).registerAgreementCommand],
  [['sim'], async () => (await import('./commands/sim.js')).registerSimCommand],
  [['import'], async () => (await import('./commands/import.js')).registerImportCommand],
  [['export'], async () => (await import('./commands/export.js')).registerExportCommand],
  [['exchange'], async () => (await import('./commands/exchange.js')).registerExchangeCommand],
  [['eval'], async () => (await import('./commands/eval.js')).registerEvalCommand],
  [
    ['eval-warning'],
    async () => (await import('./commands/eval-warning.js')).registerEvalWarningCommand,
  ],
  [['ledger'], async () => (await import('./commands/ledger.js')).registerLedgerCommand],
  [
    ['verify'],
    async () => {
      const [{ registerVerifyCommand }, { openLocalLog }] = await Promise.all([
        import('./commands/verify.js'),
        import('../app/local-log.js'),
      ]);
      return (program) => registerVerifyCommand(program, openLocalLog);
    },
  ],
  [['witness'], async () => (await import('./commands/witness.js')).registerWitnessCommand],
  [['serve'], async () => (await import('./commands/serve.js')).registerServeCommand],
  [['user'], async () => (await import('./commands/user.js')).registerUserCommand],
  [['token'], async () => (await import('./commands/token.js')).registerTokenCommand],
  [['device'], async () => (await import('./commands/device.js')).registerDeviceCommand],
  [['workflow'], async () => (await import('./commands/workflow.js')).registerWorkflowCommand],
  [
    ['declaration'],
    async () => (await import('./commands/declaration.js')).registerDeclarationCommand,
  ],
  [['notice'], async () => (await import('./commands/notice.js')).registerNoticeCommand],
  [['gateway'], async () => (await import('./commands/gateway.js')).registerGatewayCommand],
  [['ingest'], async () => (await import('./commands/ingest.js')).registerIngestCommand],
  [['evidence'], async () => (await import('./commands/evidence.js')).registerEvidenceCommand],
  [['report'], async () => (await import('./commands/report.js')).registerReportCommand],
  [['migrate'], async () => (await import('./commands/migrate.js')).registerMigrateCommand],
  [['copy'], async () => (await import('./commands/copy.js')).registerCopyCommand],
  [['backup', 'restore'], async () => (await import('./commands/backup.js')).registerBackupCommand],
];

/**
 * The program for `argv`: with the command it names registered, or every command when it names
 * none that is known (help, --version, a typo, which commander then answers as usual).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('truceline')
    .description('Truceline: ceasefire monitoring and verification')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const named = argv[2];
  const chosen = COMMANDS.filter(([names]) => named !== undefined && names.includes(named));
  const registers = await Promise.all(
    (chosen.length ? chosen : COMMANDS).map(([, load]) => load()),
  );
  for (const register of registers) register(program);
  return program;
}

/** Runs the CLI; returns the exit code (the bin sets process.exitCode from it). */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    for (const c of program.commands) c.exitOverride();
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    const { line, exitCode } = describeFailure(err);
    process.stderr.write(line + '\n');
    return exitCode;
  }
}
