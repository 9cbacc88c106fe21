/**
 * `truceline evidence`: evidence custody from the command line (src/app/evidence).
 *
 *   truceline evidence add photo.jpg --observation obs-1 --as monitor-7
 *   truceline evidence list --incident inc-obs-1 --as analyst-2
 *   truceline evidence transfer <sha256> --to "guarantor investigator" --reason "..." --as chief
 *   truceline evidence export --incident inc-obs-1 --out bundle.tar --as chief
 *
 * `--as` names a user of the mission; the action is recorded in the ledger as that user and is
 * allowed only as that user's role allows. The bundle is checked with `truceline verify --bundle`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { EvidenceActor } from '../../app/evidence/access.js';
import { exportIncidentBundle } from '../../app/evidence/bundle.js';
import { listIncidentEvidence, transferEvidence } from '../../app/evidence/custody.js';
import { openBlobStore, sizeLimitsFromEnv } from '../../app/evidence/open-blob-store.js';
import { tarChunks } from '../../app/evidence/tar.js';
import { addEvidence } from '../../app/evidence/upload.js';
import { requireUser } from '../../app/identity/users.js';
import { withIdentity } from '../../app/identity/open.js';
import { missionVerifierKey, resolveDataDir } from '../../app/mission.js';
import { TrucelineError } from '../../domain/errors.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

export function registerEvidenceCommand(program: Command): void {
  const cmd = program
    .command('evidence')
    .description(
      "evidence custody: add files, list an incident's files, export a verifiable bundle",
    );

  cmd
    .command('add <file>')
    .description(
      'add a file of evidence (photo, video, audio, document), attached to an observation and/or an incident',
    )
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .option('--observation <id>', 'the observation it documents')
    .option('--incident <id>', 'the incident it documents')
    .requiredOption('--as <user>', 'the mission user who collected it (recorded as the uploader)')
    .action(
      async (
        file: string,
        opts: { data?: string; observation?: string; incident?: string; as: string },
      ) => {
        await withIdentity(resolveDataDir(opts.data), async (identity, mission) => {
          const actor = await actorFor(identity, opts.as);
          const name = file.split(/[\\/]/).pop() ?? null;
          const r = await addEvidence(
            {
              store: mission.store,
              blobs: openBlobStore(mission.dataDir),
              limits: sizeLimitsFromEnv(),
            },
            {
              body: createReadStream(file),
              originalName: name,
              observationId: opts.observation ?? null,
              incidentId: opts.incident ?? null,
            },
            actor,
            Date.now(),
          );
          const e = r.evidence;
          out(
            `${r.duplicate ? 'already held' : 'added'} ${e.sha256} ${e.mediaType} ${e.size} bytes (ledger entry ${r.ledgerIndex})`,
          );
          const cmp = e.uploads.find((u) => u.ledgerIndex === r.ledgerIndex)?.comparison;
          if (cmp)
            out(
              `metadata ${cmp.consistent === null ? 'not comparable' : cmp.consistent ? 'consistent' : 'NOT consistent'} with ${cmp.observationId}: ${cmp.reasons.join('; ')}`,
            );
        });
      },
    );

  cmd
    .command('list')
    .description(
      'list the files of evidence attached to an incident or its observations, with their custody chain',
    )
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .requiredOption('--incident <id>', 'the incident')
    .requiredOption('--as <user>', 'the mission user asking (what a liaison may see is limited)')
    .option('--json', 'print JSON')
    .action(async (opts: { data?: string; incident: string; as: string; json?: boolean }) => {
      await withIdentity(resolveDataDir(opts.data), async (identity, mission) => {
        const list = await listIncidentEvidence(
          mission.store,
          opts.incident,
          await actorFor(identity, opts.as),
        );
        if (opts.json) return out(JSON.stringify(list, null, 2));
        if (list.evidence.length === 0) out(`incident ${list.incidentId} has no evidence`);
        for (const e of list.evidence) {
          const names = [...new Set(e.uploads.map((u) => u.originalName).filter(Boolean))].join(
            ', ',
          );
          out(
            `${e.sha256} ${e.mediaType} ${e.size} bytes${names ? ` "${names}"` : ''}, held by ${e.custodian}`,
          );
          for (const c of e.custody) out(`  ${c.ledgerIndex} ${c.at} ${c.type} by ${c.actor}`);
        }
      });
    });

  cmd
    .command('transfer <sha256>')
    .description(
      "record that custody of a file passed to someone (e.g. a guarantor's investigator), with the reason",
    )
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .requiredOption('--to <holder>', 'who receives the file')
    .requiredOption('--reason <text>', 'why custody passes')
    .option('--from <holder>', 'who holds it now (refused when someone else does)')
    .requiredOption('--as <user>', 'the mission user handing it over (staff)')
    .action(
      async (
        sha256: string,
        opts: { data?: string; to: string; reason: string; from?: string; as: string },
      ) => {
        await withIdentity(resolveDataDir(opts.data), async (identity, mission) => {
          const input = {
            to: opts.to,
            reason: opts.reason,
            ...(opts.from !== undefined ? { from: opts.from } : {}),
          };
          const r = await transferEvidence(
            mission.store,
            sha256,
            input,
            await actorFor(identity, opts.as),
            Date.now(),
          );
          out(`${sha256} is now held by ${r.evidence.custodian} (ledger entry ${r.ledgerIndex})`);
        });
      },
    );

  cmd
    .command('export')
    .description(
      "export an incident's evidence bundle (tar): originals, manifest, custody chain, ledger proofs, signed checkpoint",
    )
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .requiredOption('--incident <id>', 'the incident')
    .requiredOption('--out <file>', 'where to write the bundle (.tar)')
    .option('--as <user>', 'the mission user exporting it (default: recorded as system)')
    .action(async (opts: { data?: string; incident: string; out: string; as?: string }) => {
      await withIdentity(resolveDataDir(opts.data), async (identity, mission) => {
        const actor = opts.as ? await actorFor(identity, opts.as) : null;
        const bundle = await exportIncidentBundle(
          { mission, blobs: openBlobStore(mission.dataDir) },
          opts.incident,
          actor,
          Date.now(),
        );
        const part = `${opts.out}.part`;
        try {
          await pipeline(
            Readable.from(tarChunks(bundle.members, bundle.mtimeS)),
            createWriteStream(part, { flags: 'w' }),
          );
          await rename(part, opts.out);
        } catch (err) {
          await rm(part, { force: true });
          throw err;
        }
        out(
          `wrote ${opts.out}: ${bundle.manifest.files.length} files, ${bundle.manifest.custody.length} custody events, export recorded as ledger entry ${bundle.exportIndex}`,
        );
        out(
          `check it with: truceline verify --bundle ${opts.out} --key ${missionVerifierKey(mission)}`,
        );
      });
    });
}

async function actorFor(identity: Parameters<typeof requireUser>[0], name: string): Promise<EvidenceActor> {
  const u = await requireUser(identity, name);
  if (u.disabled) throw new TrucelineError('FORBIDDEN', `user '${name}' is disabled`);
  return { name: u.name, role: u.role, party: u.party };
}
