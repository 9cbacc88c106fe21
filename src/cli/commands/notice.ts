import type { Command } from 'commander';
import { announceNotice } from '../../app/notices/index.js';
import { withIdentity } from '../../app/identity/open.js';
import { resolveDataDir } from '../../app/mission.js';
import { TrucelineError } from '../../domain/errors.js';
import type { StoredNotice } from '../../store/deconfliction-records.js';
import { actorFromUser, jsonArgument } from './workflow.js';

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';

function summary(n: StoredNotice): string {
  const w = n.notice.window;
  return `${n.notice.id}  ${n.notice.party} ${n.notice.kind}  ${w.from} – ${w.to}  ${n.status}${n.late ? `  LATE: ${n.late.text}` : ''}`;
}

/** `truceline notice submit|list|show`: de-confliction notices (src/app/notices). */
export function registerNoticeCommand(program: Command): void {
  const cmd = program
    .command('notice')
    .description("parties' de-confliction notices of legitimate activity");

  cmd
    .command('submit')
    .description('announce a notice from a JSON file, as the party liaison (filedAt is set now)')
    .argument('<file>', 'the notice (JSON), or - for standard input')
    .requiredOption('--as <user>', 'the liaison of the announcing party')
    .option('--data <dir>', DATA_HELP)
    .action(async (file: string, o: { as: string; data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps, mission) => {
        const body = jsonArgument(file === '-' ? '-' : `@${file}`, 'notice');
        const stored = await announceNotice(
          mission.store,
          mission.agreement,
          body,
          await actorFromUser(deps, o.as),
          Date.now(),
        );
        process.stderr.write(`announced: ${summary(stored)}\n`);
        process.stdout.write(JSON.stringify(stored, null, 2) + '\n');
      });
    });

  cmd
    .command('list')
    .description('list the stored notices (every one: the CLI reads as the mission)')
    .option('--from <iso>', 'only notices whose window ends at or after this instant')
    .option('--to <iso>', 'only notices whose window starts at or before this instant')
    .option('--data <dir>', DATA_HELP)
    .action(async (o: { from?: string; to?: string; data?: string }) => {
      for (const [flag, v] of [
        ['--from', o.from],
        ['--to', o.to],
      ] as const) {
        if (v !== undefined && Number.isNaN(Date.parse(v)))
          throw new TrucelineError('VALIDATION', `${flag} must be an ISO instant, got '${v}'`, [
            { path: flag, reason: 'not an instant' },
          ]);
      }
      await withIdentity(resolveDataDir(o.data), async (_deps, mission) => {
        const all =
          (await mission.store.listNotices?.({
            ...(o.from ? { from: o.from } : {}),
            ...(o.to ? { to: o.to } : {}),
          })) ?? [];
        for (const n of all) process.stdout.write(summary(n) + '\n');
      });
    });

  cmd
    .command('show')
    .description('print one notice as JSON')
    .argument('<id>')
    .option('--data <dir>', DATA_HELP)
    .action(async (id: string, o: { data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (_deps, mission) => {
        const n = (await mission.store.getNotice?.(id)) ?? null;
        if (!n) throw new TrucelineError('NOT_FOUND', `no notice '${id}'`);
        process.stdout.write(JSON.stringify(n, null, 2) + '\n');
      });
    });
}
