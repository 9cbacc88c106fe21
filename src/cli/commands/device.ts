import type { Command } from 'commander';
import { addDevice, listDevices, revokeDevice } from '../../app/identity/devices.js';
import { withIdentity } from '../../app/identity/open.js';
import { resolveDataDir } from '../../app/mission.js';
import { cliActor } from './user.js';

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';

/** `truceline device add|revoke|list`: sensor gateways and their Ed25519 public keys. */
export function registerDeviceCommand(program: Command): void {
  const device = program.command('device').description('manage sensor gateways (Ed25519 keys that sign batches for POST /api/v1/gateway/batches)');

  device
    .command('add')
    .description("register a gateway's public key")
    .requiredOption('--name <id>', 'device id, used as deviceId in signed batches (a-z 0-9 . _ -)')
    .requiredOption('--public-key <base64>', 'raw 32-byte Ed25519 public key, base64')
    .option('--data <dir>', DATA_HELP)
    .action(async (o: { name: string; publicKey: string; data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        const d = await addDevice(deps, { name: o.name, publicKey: o.publicKey }, cliActor());
        process.stdout.write(`registered device '${d.id}' (key ${d.publicKey})\n`);
      });
    });

  device
    .command('revoke')
    .description("revoke a gateway's key (its batches are refused from now on)")
    .argument('<id>')
    .option('--data <dir>', DATA_HELP)
    .action(async (id: string, o: { data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        const d = await revokeDevice(deps, id, cliActor());
        process.stdout.write(`revoked device '${d.id}' at ${d.revokedAt}\n`);
      });
    });

  device
    .command('list')
    .description('list gateways')
    .option('--data <dir>', DATA_HELP)
    .action(async (o: { data?: string }) => {
      await withIdentity(resolveDataDir(o.data), async (deps) => {
        for (const d of await listDevices(deps)) process.stdout.write(`${d.id.padEnd(24)} ${d.publicKey}  ${d.revokedAt ? `revoked ${d.revokedAt}` : 'active'}\n`);
      });
    });
}
