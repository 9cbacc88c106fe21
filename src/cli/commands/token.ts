import type { Command } from 'commander';
import { withIdentity } from '../../app/identity/open.js';
import { SCOPES } from '../../app/identity/roles.js';
import { createToken, revokeToken } from '../../app/identity/tokens.js';
import { resolveDataDir } from '../../app/mission.js';
import { cliActor } from './user.js';

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';

/** `truceline token create|revoke|list`: scoped API tokens (only their SHA-256 is stored). */
export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('manage API tokens for programs (Authorization: Bearer <token>)');

  token
    .command('create')
    .description('create a token for a user; prints it once')
    .requiredOption('--user <name>', 'the user the token acts as (it never has more rights than that user)')
    .requiredOption('--scope <scope...>', `one or more of ${SCOPES.join(', ')}`)
    .option('--label <text>', 'what the token is for')
    .option('--expires <iso>', 'expiry instant (default: until revoked)')
    .option('--data <dir>', DATA_HELP)
    .action(async (o: { user: string; scope: string[]; label?: string; expires?: string; data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        const scopes = o.scope.flatMap((s) => s.split(',')).filter(Boolean);
        const out = await createToken(deps, { user: o.user, scopes, label: o.label, expiresAt: o.expires ?? null }, cliActor());
        process.stderr.write(`token ${out.record.id} for '${out.record.user}' with ${out.record.scopes.join(', ')} (shown once):\n`);
        process.stdout.write(`${out.token}\n`);
      });
    });

  token
    .command('revoke')
    .description('revoke a token by its id (the part after tl_ and before the second _)')
    .argument('<id>')
    .option('--data <dir>', DATA_HELP)
    .action(async (id: string, o: { data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        const t = await revokeToken(deps, id, cliActor());
        process.stdout.write(`revoked token ${t.id} of '${t.user}'\n`);
      });
    });

  token
    .command('list')
    .description('list tokens (ids, owners, scopes; never secrets)')
    .option('--data <dir>', DATA_HELP)
    .action(async (o: { data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        for (const t of await deps.reader.listTokens()) {
          process.stdout.write(`${t.id}  ${t.user.padEnd(20)} ${t.scopes.join(',').padEnd(40)} ${t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : ''} ${t.label}\n`);
        }
      });
    });
}
