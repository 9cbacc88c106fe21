import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { withIdentity } from '../../app/identity/open.js';
import { ROLES } from '../../app/identity/roles.js';
import { changeRole, createUser, disableUser, listUsers, resetPassword } from '../../app/identity/users.js';
import { resolveDataDir } from '../../app/mission.js';

/** The ledger actor for changes made at the command line: the operating-system user. */
export function cliActor(): { actor: string; nowMs: number } {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep 'unknown'.
  }
  return { actor: `cli:${who}`, nowMs: Date.now() };
}

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';
const SERVER_NOTE = '\nRun these while the server is stopped, or use the same operations over HTTP (/api/v1/users) while it runs.';

/** `truceline user add|list|disable|reset|role`: operates on the data directory directly. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage users (passwords are scrypt-hashed; generated ones are shown once)').addHelpText('after', SERVER_NOTE);

  user
    .command('add')
    .description('add a user; prints a generated one-time password unless --password-stdin is given')
    .argument('<name>', 'user name (a-z 0-9 . _ -)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--party <id>', 'agreement party id (liaisons only)')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('--data <dir>', DATA_HELP)
    .action(async (name: string, o: { role: string; party?: string; passwordStdin?: boolean; data?: string }) => {
      const password = o.passwordStdin ? await readStdinLine() : undefined;
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        const out = await createUser(deps, { name, role: o.role, party: o.party ?? null, password }, cliActor());
        process.stdout.write(`created ${out.user.role}${out.user.party ? ` of ${out.user.party}` : ''} '${out.user.name}'\n`);
        if (out.generated) process.stdout.write(`one-time password (shown once; change it after logging in): ${out.password}\n`);
      });
    });

  user
    .command('list')
    .description('list users')
    .option('--data <dir>', DATA_HELP)
    .option('--json', 'print JSON')
    .action(async (o: { data?: string; json?: boolean }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        const users = await listUsers(deps);
        if (o.json) return void process.stdout.write(JSON.stringify(users, null, 2) + '\n');
        for (const u of users) {
          const flags = [u.disabled ? 'disabled' : '', u.mustChangePassword ? 'must change password' : ''].filter(Boolean).join(', ');
          process.stdout.write(`${u.name.padEnd(24)} ${u.role.padEnd(10)} ${(u.party ?? '').padEnd(12)} ${flags}\n`);
        }
      });
    });

  user
    .command('disable')
    .description('disable a user (their sessions and tokens stop working)')
    .argument('<name>')
    .option('--data <dir>', DATA_HELP)
    .action(async (name: string, o: { data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        await disableUser(deps, name, cliActor());
        process.stdout.write(`disabled '${name}'\n`);
      });
    });

  user
    .command('reset')
    .description('reset a password to a generated one-time password (printed once)')
    .argument('<name>')
    .option('--data <dir>', DATA_HELP)
    .action(async (name: string, o: { data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        const out = await resetPassword(deps, name, cliActor());
        process.stdout.write(`one-time password for '${name}' (shown once): ${out.password}\n`);
      });
    });

  user
    .command('role')
    .description("change a user's role")
    .argument('<name>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--party <id>', 'agreement party id (liaisons only)')
    .option('--data <dir>', DATA_HELP)
    .action(async (name: string, o: { role: string; party?: string; data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        const u = await changeRole(deps, name, o.role, o.party ?? null, cliActor());
        process.stdout.write(`'${u.name}' is now ${u.role}${u.party ? ` of ${u.party}` : ''}\n`);
      });
    });
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
