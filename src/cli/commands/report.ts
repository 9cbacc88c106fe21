/**
 * `truceline report daily|weekly|verify|list`: the mission's daily and weekly reports.
 *
 *   truceline report daily --date 2026-03-10 --lang uk --format pdf --out report.pdf
 *   truceline report daily --date 2026-03-10 --publish --as chief1     (records it in the ledger)
 *   truceline report verify report.json --data ./data                  (checks a published copy)
 *
 * A report already published is printed as published (with its ledger index and checkpoint);
 * `--draft` builds it afresh from the store instead.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { openIdentity } from '../../app/identity/open.js';
import { requireUser } from '../../app/identity/users.js';
import {
  missionVerifierKey,
  openMission,
  resolveDataDir,
  type Mission,
} from '../../app/mission.js';
import {
  buildReport,
  listPublishedReports,
  missionGazetteer,
  publishReport,
  readPublishedReport,
  renderReport,
  REPORT_FORMATS,
  verifyReportCopy,
  type LiveLog,
  type PublishingMission,
  type ReportFormat,
} from '../../app/reports/index.js';
import { TrucelineError } from '../../domain/errors.js';
import {
  REPORT_LANGS,
  type ReportKind,
  type ReportLang,
  type ReportModel,
} from '../../domain/report/index.js';

const DATA_HELP = 'mission data directory (default: $TRUCELINE_DATA or ./data)';

interface ReportFlags {
  date: string;
  lang: ReportLang;
  format: ReportFormat;
  out?: string;
  publish?: boolean;
  as?: string;
  draft?: boolean;
  closesAt?: string;
  timeZone?: string;
  gazetteer?: string;
  data?: string;
}

function choice<T extends string>(values: readonly T[], what: string) {
  return (v: string): T => {
    if (!(values as readonly string[]).includes(v))
      throw new InvalidArgumentError(`${what} must be one of ${values.join(', ')}`);
    return v as T;
  };
}

function reportingMission(mission: Mission, gazetteerFile?: string): PublishingMission {
  return {
    store: mission.store,
    agreement: mission.agreement,
    origin: mission.origin,
    signingKey: mission.signingKey,
    publicKey: mission.publicKey,
    gazetteer: missionGazetteer(mission.dataDir, gazetteerFile),
  };
}

/** The chief monitor named by `--as`, as a user of the mission. */
async function approver(mission: Mission, name: string): Promise<{ name: string; role: string }> {
  const deps = openIdentity(mission);
  try {
    const user = await requireUser(deps, name);
    if (user.disabled) throw new TrucelineError('FORBIDDEN', `user '${name}' is disabled`);
    return { name: user.name, role: user.role };
  } finally {
    deps.reader.close();
  }
}

async function runReport(kind: ReportKind, o: ReportFlags): Promise<void> {
  if (o.publish && !o.as)
    throw new InvalidArgumentError('--publish needs --as <chief monitor user>');
  if (o.publish && o.draft)
    throw new InvalidArgumentError('--publish and --draft exclude each other');
  const mission = await openMission(resolveDataDir(o.data));
  try {
    const m = reportingMission(mission, o.gazetteer);
    const request = {
      kind,
      date: o.date,
      ...(o.closesAt ? { closesAt: o.closesAt } : {}),
      ...(o.timeZone ? { timeZone: o.timeZone } : {}),
    };
    let model: ReportModel;
    if (o.publish) {
      model = await publishReport(m, request, await approver(mission, o.as!), Date.now());
      process.stderr.write(
        `published the ${kind} report of ${o.date} as ledger entry ${model.publication!.ledgerIndex}\n`,
      );
    } else {
      const published = o.draft ? null : await readPublishedReport(m, kind, o.date);
      model = published ?? (await buildReport(m, request, Date.now()));
    }
    const { body } = await renderReport(model, o.lang, o.format);
    if (o.out) await writeFile(o.out, body);
    else
      process.stdout.write(
        o.format === 'pdf' ? Buffer.from(body) : Buffer.from(body).toString('utf8'),
      );
  } finally {
    await mission.close();
  }
}

function addReportCommand(parent: Command, kind: ReportKind): void {
  parent
    .command(kind)
    .description(
      `the ${kind} report: ceasefire violations by region and sector, notable incidents, withdrawal breaches, restrictions, findings, map and trend`,
    )
    .requiredOption('--date <YYYY-MM-DD>', 'local date the reporting period closes on')
    .addOption(
      new Option('--lang <lang>', `language: ${REPORT_LANGS.join(', ')}`)
        .default('en')
        .argParser(choice(REPORT_LANGS, '--lang')),
    )
    .addOption(
      new Option('--format <format>', `format: ${REPORT_FORMATS.join(', ')}`)
        .default('json')
        .argParser(choice(REPORT_FORMATS, '--format')),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--publish', 'approve and publish it in the ledger (needs --as)')
    .option('--as <user>', 'the chief monitor approving publication')
    .option('--draft', 'build from the store now even if a published version exists')
    .option('--closes-at <HH:MM>', 'local closing time of the period (default 19:30)')
    .option('--time-zone <zone>', 'IANA time zone of the closing time (default Europe/Kyiv)')
    .option(
      '--gazetteer <file>',
      'gazetteer of settlements (default: <data>/gazetteer.json, else the demo one)',
    )
    .option('--data <dir>', DATA_HELP)
    .action((o: ReportFlags) => runReport(kind, o));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerReportCommand(program: Command): void {
  const report = program
    .command('report')
    .description('daily and weekly reports: build, publish, verify');
  addReportCommand(report, 'daily');
  addReportCommand(report, 'weekly');

  report
    .command('list')
    .description('list published reports')
    .option('--data <dir>', DATA_HELP)
    .action(async (o: { data?: string }) => {
      const mission = await openMission(resolveDataDir(o.data));
      try {
        for (const r of await listPublishedReports(mission))
          process.stdout.write(
            `${r.date} ${r.kind.padEnd(6)} entry ${r.ledgerIndex} approved by ${r.approvedBy} at ${r.approvedAt} sha256 ${r.modelSha256}\n`,
          );
      } finally {
        await mission.close();
      }
    });

  report
    .command('verify')
    .description(
      "check a published report's JSON copy: its digest, the mission's signed checkpoint, the inclusion proof, and (with --data or --url) the live log",
    )
    .argument('<file>', 'the report as JSON (`--format json`)')
    .option(
      '--key <vkey>',
      "the mission's verifier key (repeatable; default with --data: the mission's own)",
      collect,
      [],
    )
    .option('--data <dir>', 'a mission data directory: its log is checked in place')
    .option('--url <url>', "the mission server's base URL (its log is under /log)")
    .action(async (file: string, o: { key: string[]; data?: string; url?: string }) => {
      if (o.data && o.url) throw new InvalidArgumentError('give at most one of --data and --url');
      let model: ReportModel;
      try {
        model = JSON.parse(await readFile(file, 'utf8')) as ReportModel;
      } catch (err) {
        throw new TrucelineError('VALIDATION', `${file}: ${(err as Error).message}`);
      }
      const print = (ok: boolean, what: string) =>
        process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
      let result: { ok: boolean; lines: { ok: boolean; what: string }[] };
      if (o.data) {
        const mission = await openMission(resolveDataDir(o.data));
        try {
          const keys = o.key.length ? o.key : [missionVerifierKey(mission)];
          result = await verifyReportCopy(model, {
            keys,
            live: { kind: 'local', ledger: mission.store.ledger },
          });
        } finally {
          await mission.close();
        }
      } else {
        const live: LiveLog | undefined = o.url ? { kind: 'http', base: o.url } : undefined;
        result = await verifyReportCopy(model, { keys: o.key, ...(live ? { live } : {}) });
      }
      for (const l of result.lines) print(l.ok, l.what);
      process.stdout.write(
        result.ok ? 'verified: everything above holds\n' : 'NOT verified: see FAIL lines above\n',
      );
      process.exitCode = result.ok ? 0 : 1;
    });
}
