import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../test/support/run-command.js';
import { fileAndFuse, IncidentFuser } from '../../app/fusion/index.js';
import { withIdentity } from '../../app/identity/open.js';
import { createUser } from '../../app/identity/users.js';
import { obs, pointAt } from '../../domain/fusion/test-support/scenario.js';
import { registerDeclarationCommand } from './declaration.js';
import { registerNoticeCommand } from './notice.js';
import { registerWorkflowCommand } from './workflow.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-cli-workflow-'));
const data = join(dir, 'data');
let incidentId: string;

beforeAll(async () => {
  await withIdentity(data, async (deps, mission) => {
    const ctx = { actor: 'system', nowMs: Date.now() };
    for (const [name, role, party] of [
      ['liaison-ua', 'liaison', 'ua'],
      ['liaison-ru', 'liaison', 'ru'],
      ['analyst', 'analyst', null],
      ['monitor', 'monitor', null],
    ] as const) {
      await createUser(deps, { name, role, party, password: 'correct horse battery staple' }, ctx);
    }
    const fuser = new IncidentFuser(mission.store, mission.agreement, { log: () => undefined });
    await fileAndFuse(
      mission.store,
      fuser,
      [obs('e1', { ...pointAt([37.9, 48.3], 300), count: 5 })],
      ctx,
    );
    incidentId = 'inc-e1';
  });
});
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const declaration = (asOf: string, troops: number) => ({
  party: 'ua',
  asOf,
  units: [{ id: 'corps-1', name: '1st Corps', location: [35.0, 50.5], personnel: troops }],
});

describe('truceline declaration', () => {
  it('submits a declaration from a file as the liaison and prints its finding candidates', async () => {
    const file = join(dir, 'decl.json');
    writeFileSync(file, JSON.stringify(declaration('2026-01-01', 812_400)));
    const { out, err } = await runCommand(registerDeclarationCommand, [
      'declaration',
      'submit',
      file,
      '--as',
      'liaison-ua',
      '--data',
      data,
    ]);
    expect(JSON.parse(out)).toMatchObject({
      id: 'ua-2026-01-01',
      candidates: [{ kind: 'ceiling_exceeded', figures: { declared: 812_400, excess: 12_400 } }],
    });
    expect(err).toMatch(
      /ceiling_exceeded: declared 812,400 troops; ceiling 800,000; excess 12,400 \(1\.6%\)/,
    );
    const listed = await runCommand(registerDeclarationCommand, [
      'declaration',
      'list',
      '--data',
      data,
    ]);
    expect(listed.out).toMatch(
      /^ua-2026-01-01 {2}submitted by liaison-ua .* 1 finding candidate\(s\)\n$/,
    );
    expect(
      JSON.parse(
        (
          await runCommand(registerDeclarationCommand, [
            'declaration',
            'show',
            'ua-2026-01-01',
            '--data',
            data,
          ])
        ).out,
      ).digest,
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a declaration of another party's liaison", async () => {
    const file = join(dir, 'decl2.json');
    writeFileSync(file, JSON.stringify(declaration('2026-02-01', 10)));
    await expect(
      runCommand(registerDeclarationCommand, [
        'declaration',
        'submit',
        file,
        '--as',
        'liaison-ru',
        '--data',
        data,
      ]),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('truceline notice', () => {
  it('announces, lists and shows a notice', async () => {
    const file = join(dir, 'notice.json');
    const area = [
      [
        [37.85, 48.25],
        [37.95, 48.25],
        [37.95, 48.35],
        [37.85, 48.35],
        [37.85, 48.25],
      ],
    ];
    writeFileSync(
      file,
      JSON.stringify({
        id: 'ntc-1',
        party: 'ua',
        kind: 'demining',
        purpose: 'verge',
        area,
        window: { from: '2030-01-02T06:00:00Z', to: '2030-01-02T16:00:00Z' },
      }),
    );
    const { out } = await runCommand(registerNoticeCommand, [
      'notice',
      'submit',
      file,
      '--as',
      'liaison-ua',
      '--data',
      data,
    ]);
    expect(JSON.parse(out)).toMatchObject({
      status: 'announced',
      announcedBy: 'liaison-ua',
      notice: { id: 'ntc-1' },
    });
    expect(
      (await runCommand(registerNoticeCommand, ['notice', 'list', '--data', data])).out,
    ).toMatch(
      /^ntc-1 {2}ua demining {2}2030-01-02T06:00:00Z – 2030-01-02T16:00:00Z {2}announced\n$/,
    );
    expect(
      JSON.parse(
        (await runCommand(registerNoticeCommand, ['notice', 'show', 'ntc-1', '--data', data])).out,
      ).notice.purpose,
    ).toBe('verge');
    await expect(
      runCommand(registerNoticeCommand, ['notice', 'show', 'nope', '--data', data]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('truceline workflow', () => {
  it('takes steps from JSON or from flags as a user, and shows the history', async () => {
    const first = await runCommand(registerWorkflowCommand, [
      'workflow',
      incidentId,
      '{"type":"triage","reason":"5 explosions"}',
      '--as',
      'analyst',
      '--data',
      data,
    ]);
    expect(first.out).toBe(`${incidentId}: triaged\n`);
    expect(first.err).toMatch(
      /recorded incident\.reported \(seq 1\).*\nrecorded incident\.triaged \(seq 2\)/s,
    );
    const assigned = await runCommand(registerWorkflowCommand, [
      'workflow',
      incidentId,
      '--type',
      'assign_analyst',
      '--field',
      'analyst=analyst',
      '--reason',
      'self',
      '--as',
      'analyst',
      '--data',
      data,
    ]);
    expect(assigned.err).toMatch(/incident\.analyst_assigned/);
    await expect(
      runCommand(registerWorkflowCommand, [
        'workflow',
        incidentId,
        '--type',
        'start_investigation',
        '--reason',
        'r',
        '--as',
        'monitor',
        '--data',
        data,
      ]),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const shown = JSON.parse(
      (await runCommand(registerWorkflowCommand, ['workflow', 'show', incidentId, '--data', data]))
        .out,
    );
    expect(
      shown.events.map((e: { event: { type: string; by: string } }) => [e.event.type, e.event.by]),
    ).toEqual([
      ['incident.reported', 'system'],
      ['incident.triaged', 'analyst'],
      ['incident.analyst_assigned', 'analyst'],
    ]);
  });
});
