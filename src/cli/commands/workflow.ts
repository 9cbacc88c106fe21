import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { IdentityDeps } from '../../app/identity/context.js';
import { withIdentity } from '../../app/identity/open.js';
import { requireUser } from '../../app/identity/users.js';
import { resolveDataDir } from '../../app/mission.js';
import { applyWorkflowCommand, readWorkflow } from '../../app/workflow/index.js';
import { TrucelineError } from '../../domain/errors.js';
import type { Actor } from '../../domain/workflow/index.js';

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';

/**
 * The user a command acts as (`--as <name>`): its role and party decide, as over HTTP, what it may
 * do, and the ledger names it. Whoever runs the CLI holds the data directory already; `--as` says
 * in whose name a step is taken, it is not a login.
 */
export async function actorFromUser(deps: IdentityDeps, name: string): Promise<Actor> {
  const u = await requireUser(deps, name);
  if (u.disabled) throw new TrucelineError('FORBIDDEN', `user '${name}' is disabled`);
  return { id: u.name, role: u.role, ...(u.party ? { party: u.party } : {}) };
}

/** A JSON document from an argument: `@file`, `-` for standard input, else the JSON text itself. */
export function jsonArgument(text: string, what: string): unknown {
  const source =
    text === '-'
      ? readFileSync(0, 'utf8')
      : text.startsWith('@')
        ? readFileSync(text.slice(1), 'utf8')
        : text;
  try {
    return JSON.parse(source) as unknown;
  } catch (err) {
    throw new TrucelineError(
      'VALIDATION',
      `${what} is not JSON: ${err instanceof Error ? err.message : String(err)}`,
      [{ path: what, reason: 'is not JSON' }],
    );
  }
}

/** `--field key=value`: value as JSON when it parses, else as a string. */
function field(v: string, previous: Record<string, unknown>): Record<string, unknown> {
  const eq = v.indexOf('=');
  if (eq < 1)
    throw new TrucelineError('VALIDATION', `--field must be key=value, got '${v.slice(0, 80)}'`, [
      { path: '--field', reason: 'must be key=value' },
    ]);
  const raw = v.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // A plain string.
  }
  return { ...previous, [v.slice(0, eq)]: value };
}

interface WorkflowFlags {
  as?: string;
  type?: string;
  reason?: string;
  field: Record<string, unknown>;
  data?: string;
}

/**
 * `truceline workflow <incident> <command-json> --as <user>` (or `--type T --reason R [--field k=v]`)
 * takes one verification workflow step, as POST /api/v1/incidents/:id/workflow does;
 * `truceline workflow show <incident>` prints the workflow and its history as JSON.
 */
export function registerWorkflowCommand(program: Command): void {
  program
    .command('workflow')
    .description(
      'take a verification workflow step on an incident, or show its workflow (`workflow show <incident>`)',
    )
    .argument('<incident>', "the incident's id (or `show`)")
    .argument(
      '[command]',
      'the workflow command as JSON (or @file, or - for stdin); or use --type/--reason/--field',
    )
    .option('--as <user>', 'the user who takes the step (its role and party apply)')
    .option(
      '--type <type>',
      'the command type (triage, assign_analyst, propose_assessment, confirm_assessment, sign_off, reply, ...)',
    )
    .option('--reason <text>', 'why (every command carries one)')
    .option(
      '--field <key=value>',
      'another field of the command (value as JSON when it parses; repeatable)',
      field,
      {},
    )
    .option('--data <dir>', DATA_HELP)
    .action(async (incident: string, second: string | undefined, o: WorkflowFlags) => {
      await withIdentity(resolveDataDir(o.data), async (deps, mission) => {
        if (incident === 'show') {
          if (!second)
            throw new TrucelineError('VALIDATION', 'workflow show needs an incident id', [
              { path: 'incident', reason: 'missing' },
            ]);
          const stored = (await mission.store.getIncident?.(second)) ?? null;
          if (!stored) throw new TrucelineError('NOT_FOUND', `no incident '${second}'`);
          const w = await readWorkflow(mission.store, stored.incident.id);
          process.stdout.write(
            JSON.stringify(
              w ?? {
                state: { incidentId: stored.incident.id, status: 'reported', round: 1 },
                events: [],
              },
              null,
              2,
            ) + '\n',
          );
          return;
        }
        if (!o.as)
          throw new TrucelineError('VALIDATION', 'a workflow step needs --as <user>', [
            { path: '--as', reason: 'missing' },
          ]);
        const command =
          second !== undefined
            ? jsonArgument(second, 'command')
            : { type: o.type, reason: o.reason, ...o.field };
        const step = await applyWorkflowCommand(
          mission.store,
          mission.agreement,
          incident,
          command,
          await actorFromUser(deps, o.as),
          Date.now(),
        );
        for (const [i, e] of step.events.entries())
          process.stderr.write(
            `recorded ${e.type} (seq ${e.seq}) at ledger index ${step.firstIndex + i}\n`,
          );
        process.stdout.write(`${step.state.incidentId}: ${step.state.status}\n`);
      });
    });
}
