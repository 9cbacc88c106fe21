import type { Command } from 'commander';
import { recheckDeclaration, submitDeclaration } from '../../app/declarations/index.js';
import { withIdentity } from '../../app/identity/open.js';
import { resolveDataDir } from '../../app/mission.js';
import { TrucelineError } from '../../domain/errors.js';
import type { StoredDeclaration } from '../../store/deconfliction-records.js';
import { actorFromUser, jsonArgument } from './workflow.js';

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';

function summary(d: StoredDeclaration): string {
  return `${d.id}  submitted by ${d.submittedBy} at ${d.submittedAt}  ${d.candidates.length} finding candidate(s)`;
}

/** `truceline declaration submit|list|show|check`: force declarations (src/app/declarations). */
export function registerDeclarationCommand(program: Command): void {
  const cmd = program
    .command('declaration')
    .description(
      "parties' force declarations, checked against ceilings, the previous declaration and observations",
    );

  cmd
    .command('submit')
    .description(
      'submit a declaration from a JSON file, as a party liaison; prints it with its finding candidates',
    )
    .argument('<file>', 'the declaration (JSON), or - for standard input')
    .requiredOption('--as <user>', 'the liaison of the declared party')
    .option('--data <dir>', DATA_HELP)
    .action(async (file: string, o: { as: string; data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps, mission) => {
        const actor = await actorFromUser(deps, o.as);
        const body = jsonArgument(file === '-' ? '-' : `@${file}`, 'declaration');
        const out = await submitDeclaration(
          mission.store,
          mission.agreement,
          body,
          { name: actor.id, party: actor.party ?? null },
          Date.now(),
        );
        process.stderr.write(
          `${out.duplicate ? 'already stored (nothing recorded)' : 'stored'}: ${summary(out.declaration)}\n`,
        );
        for (const c of out.declaration.candidates)
          process.stderr.write(`  ${c.kind}: ${c.text}\n`);
        process.stdout.write(JSON.stringify(out.declaration, null, 2) + '\n');
      });
    });

  cmd
    .command('list')
    .description('list the stored declarations')
    .option('--party <id>', 'only this party')
    .option('--data <dir>', DATA_HELP)
    .action(async (o: { party?: string; data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (_deps, mission) => {
        for (const d of (await mission.store.listDeclarations?.(
          o.party ? { party: o.party } : {},
        )) ?? [])
          process.stdout.write(summary(d) + '\n');
      });
    });

  cmd
    .command('show')
    .description('print one declaration with its finding candidates as JSON')
    .argument('<id>', '<party>-<asOf>')
    .option('--data <dir>', DATA_HELP)
    .action(async (id: string, o: { data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (_deps, mission) => {
        const d = (await mission.store.getDeclaration?.(id)) ?? null;
        if (!d) throw new TrucelineError('NOT_FOUND', `no declaration '${id}'`);
        process.stdout.write(JSON.stringify(d, null, 2) + '\n');
      });
    });

  cmd
    .command('check')
    .description('check a declaration again against the observations stored since')
    .argument('<id>', '<party>-<asOf>')
    .requiredOption('--as <user>', 'the analyst or chief who asks')
    .option('--data <dir>', DATA_HELP)
    .action(async (id: string, o: { as: string; data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps, mission) => {
        const actor = await actorFromUser(deps, o.as);
        if (actor.role !== 'analyst' && actor.role !== 'chief')
          throw new TrucelineError(
            'FORBIDDEN',
            `a ${actor.role} may not re-check a declaration; an analyst or chief may`,
          );
        const out = await recheckDeclaration(
          mission.store,
          mission.agreement,
          id,
          `user:${actor.id}`,
          Date.now(),
        );
        process.stderr.write(
          `${out.changed ? 'candidates changed' : 'unchanged (nothing recorded)'}: ${summary(out.declaration)}\n`,
        );
        process.stdout.write(JSON.stringify(out.declaration, null, 2) + '\n');
      });
    });
}
