import { Command, CommanderError } from 'commander';
import { describeFailure, EXIT } from './exit.js';
import { openLocalLog } from '../app/local-log.js';
import { registerAgreementCommand } from './commands/agreement.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerEvalWarningCommand } from './commands/eval-warning.js';
import { registerExchangeCommand } from './commands/exchange.js';
import { registerExportCommand } from './commands/export.js';
import { registerImportCommand } from './commands/import.js';
import { registerInitCommand } from './commands/init.js';
import { registerLedgerCommand } from './commands/ledger.js';
import { registerDeviceCommand } from './commands/device.js';
import { registerDeclarationCommand } from './commands/declaration.js';
import { registerNoticeCommand } from './commands/notice.js';
import { registerWorkflowCommand } from './commands/workflow.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSimCommand } from './commands/sim.js';
import { registerTokenCommand } from './commands/token.js';
import { registerUserCommand } from './commands/user.js';
import { registerVerifyCommand } from './commands/verify.js';
import { registerWitnessCommand } from './commands/witness.js';
import { registerGatewayCommand } from './commands/gateway.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerEvidenceCommand } from './commands/evidence.js';
import { registerReportCommand } from './commands/report.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerCopyCommand } from './commands/copy.js';
import { registerBackupCommand } from './commands/backup.js';

export function buildProgram(): Command {
  const program = new Command('truceline')
    .description('Truceline: ceasefire monitoring and verification')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerInitCommand(program);
  registerAgreementCommand(program);
  registerSimCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerExchangeCommand(program);
  registerEvalCommand(program);
  registerEvalWarningCommand(program);
  registerLedgerCommand(program);
  registerVerifyCommand(program, openLocalLog);
  registerWitnessCommand(program);
  registerServeCommand(program);
  registerUserCommand(program);
  registerTokenCommand(program);
  registerDeviceCommand(program);
  registerWorkflowCommand(program);
  registerDeclarationCommand(program);
  registerNoticeCommand(program);
  registerGatewayCommand(program);
  registerIngestCommand(program);
  registerEvidenceCommand(program);
  registerReportCommand(program);
  registerMigrateCommand(program);
  registerCopyCommand(program);
  registerBackupCommand(program);
  return program;
}

/** Runs the CLI; returns the exit code (the bin sets process.exitCode from it). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  for (const c of program.commands) c.exitOverride();
  try {
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
