/**
 * CAP 1.2 output validated against the OASIS schema (standards/CAP-v1.2.xsd) with xmllint from
 * Debian's libxml2-utils — including hostile text — and a deliberately broken message (a `Z`
 * time, as toISOString writes it) that the schema must reject.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capMessageFromAlert, capMessageFromWarning, renderAlertCap, type AlertCapOptions } from '../src/alerts/cap-alert.js';
import { capCircle, capIdentifier, capPolygon, capTime, renderCap } from '../src/alerts/cap.js';
import { escalateOverdue, evaluateEscalation, raiseAlert } from '../src/domain/escalation/index.js';
import type { Alert, EscalationIncident } from '../src/domain/escalation/index.js';
import type { EscalationThreshold } from '../src/domain/agreement/schema.js';
import { TrucelineError } from '../src/domain/errors.js';

const XSD = join(import.meta.dirname, '..', 'standards', 'CAP-v1.2.xsd');
const dir = mkdtempSync(join(tmpdir(), 'truceline-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function xmllint(
  xml: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `msg-${++files}.xml`);
  writeFileSync(file, xml, 'utf8');
  const r = spawnSync('xmllint', [...args, file], { encoding: 'utf8' });
  if (r.error)
    throw new Error(`xmllint could not run (apt-get install libxml2-utils): ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const validate = (xml: string) => xmllint(xml, '--noout', '--schema', XSD);
const xpath = (xml: string, expr: string) =>
  xmllint(xml, '--xpath', expr).stdout.replace(/\n$/, '');

const T0 = Date.UTC(2026, 2, 1, 18, 40, 12, 345);
const H = 3_600_000;
const HOSTILE = `Sector <"Svitlodarsk"> & 'Дебальцеве' — ☢️ 🚀 ]]> \u0000\u001b end`;

const sectors: AlertCapOptions['sectors'] = [
  {
    id: 's1',
    name: 'Donetsk north',
    polygon: [
      [
        [37.5, 48.0],
        [38.25, 48.0],
        [38.25, 48.6],
        [37.5, 48.6],
        [37.5, 48.0],
      ],
    ],
  },
  {
    id: 'evil',
    name: HOSTILE,
    polygon: [
      [
        [36.1, 47.1],
        [36.9, 47.1],
        [36.9, 47.4],
        [36.1, 47.1],
      ],
    ],
  },
];

const thresholds: EscalationThreshold[] = [
  {
    id: 'esc-sector',
    level: 1,
    trigger: { kind: 'verified_violations_in_sector', count: 20, windowHours: 24 },
    recipients: ['chief_monitor', 'party liaisons'],
    ackDeadlineMinutes: 120,
  },
  {
    id: 'esc-rockets',
    level: 2,
    trigger: { kind: 'weapon_used', weapons: ['mlrs', 'missile'] },
    recipients: ['chief_monitor', 'guarantors'],
    ackDeadlineMinutes: 60,
  },
  {
    id: 'esc-armour',
    level: 3,
    trigger: { kind: 'armour_crossing_line', minVehicles: 10 },
    recipients: ['guarantors'],
    ackDeadlineMinutes: 15,
  },
];

const incident = (
  id: string,
  hours: number,
  over: Partial<EscalationIncident>,
): EscalationIncident => ({
  id,
  sectorId: 's1',
  window: {
    from: new Date(T0 + hours * H - 60_000).toISOString(),
    to: new Date(T0 + hours * H).toISOString(),
  },
  weapon: 'artillery',
  events: ['explosion'],
  count: 1,
  status: 'verified',
  provisions: ['ceasefire'],
  findingIds: [`fnd-${id}`],
  ...over,
});

function alerts(): Alert[] {
  const incidents = [
    incident('inc-1', 1, { count: 12 }),
    incident('inc-2', 2, { count: 12 }),
    incident('inc-3', 3, {
      weapon: 'mlrs',
      sectorId: null,
      location: [37.9123456, 48.2],
      radiusM: 2500,
    }),
    incident('inc <4>, & "quoted"', 4, { weapon: 'tank', sectorId: 'evil', armourAcrossLine: 12 }),
  ];
  const raised = evaluateEscalation(
    incidents,
    { escalationThresholds: thresholds },
    T0 + 5 * H,
  ).map((c) => raiseAlert(c, T0 + 5 * H + 123));
  const escalated = escalateOverdue(raised.slice(0, 1), T0 + 8 * H).raised;
  return [...raised, ...escalated];
}

const options: AlertCapOptions = {
  sender: 'alerts@truceline.example',
  sectors,
  senderName: 'Truceline monitoring mission',
  web: 'https://truceline.example/alerts',
};

describe('CAP 1.2 rendering', () => {
  it('writes CAP times with a numeric offset and whole seconds', () => {
    expect(capTime(T0)).toBe('2026-03-01T18:40:12+00:00');
  });

  it('writes polygons and circles latitude first, as CAP wants', () => {
    expect(
      capPolygon([
        [37.5, 48.0],
        [38.25, 48.0],
        [38.25, 48.6],
        [37.5, 48.0],
      ]),
    ).toBe('48,37.5 48,38.25 48.6,38.25 48,37.5');
    expect(capCircle([37.9123456, 48.2], 2.5)).toBe('48.2,37.912346 2.5');
  });

  it('percent-encodes what an identifier may not hold', () => {
    expect(capIdentifier('a b,c<d&e%f')).toBe('a%20b%2Cc%3Cd%26e%25f');
  });

  it.each(alerts().map((a) => [a.id, a] as const))(
    'alert %s validates against the CAP 1.2 schema',
    (_id, alert) => {
      const xml = renderAlertCap(alert, options);
      const r = validate(xml);
      expect(r.stderr).toMatch(/validates/);
      expect(r.status).toBe(0);
    },
  );

  it('carries hostile text through escaping intact, and replaces what XML cannot carry', () => {
    const armour = alerts().find((a) => a.thresholdId === 'esc-armour')!;
    const xml = renderAlertCap(armour, { ...options, senderName: HOSTILE });
    expect(validate(xml).status).toBe(0);
    expect(xml).not.toContain('\u0000');
    const expected = HOSTILE.replace(/[\u0000\u001b]/g, '\uFFFD');
    expect(xpath(xml, "string(//*[local-name()='areaDesc'])")).toBe(expected);
    expect(xpath(xml, "string(//*[local-name()='senderName'])")).toBe(expected);
    expect(xpath(xml, "string(//*[local-name()='identifier'])")).toBe(capIdentifier(armour.id));
    expect(xpath(xml, "string(//*[local-name()='incidents'])")).toBe(
      'inc%20%3C4>%2C%20%26%20"quoted"',
    );
  });

  it('puts the facts where a CAP reader looks for them', () => {
    const [first] = alerts();
    const xml = renderAlertCap(first!, options);
    const get = (name: string) => xpath(xml, `string(//*[local-name()='${name}'])`);
    expect(get('sent')).toBe(capTime(first!.raisedAtMs));
    expect(get('scope')).toBe('Private');
    expect(get('addresses')).toBe('chief_monitor "party liaisons"');
    expect(get('category')).toBe('Security');
    expect(get('severity')).toBe('Moderate');
    expect(get('certainty')).toBe('Observed');
    expect(get('polygon')).toBe('48,37.5 48,38.25 48.6,38.25 48.6,37.5 48,37.5');
  });

  it('renders the escalated copy with a note and the next level’s severity', () => {
    const escalated = alerts().find((a) => a.escalatedFrom !== null)!;
    const xml = renderAlertCap(escalated, options);
    expect(validate(xml).status).toBe(0);
    expect(xpath(xml, "string(//*[local-name()='severity'])")).toBe('Severe');
    expect(xpath(xml, "string(//*[local-name()='note'])")).toContain(escalated.escalatedFrom!);
  });

  it('renders an early warning as a Minor, Possible security message', () => {
    const xml = renderCap(
      capMessageFromWarning(
        {
          sectorId: 's1',
          fromMs: T0 - 6 * H,
          toMs: T0,
          observed: 14,
          expected: 1.2,
          pValue: 2.3e-6,
          dispersion: 0.4,
          baselineBlocks: 56,
        },
        { ...options, identifier: 'ew:s1:2026-03-01T18', sentMs: T0, addresses: ['chief_monitor'] },
      ),
    );
    expect(validate(xml).status).toBe(0);
    expect(xpath(xml, "string(//*[local-name()='certainty'])")).toBe('Possible');
  });

  it('is rejected by the schema when sent carries a Z instead of an offset', () => {
    const good = renderAlertCap(alerts()[0]!, options);
    const broken = good.replace(/<sent>(.*?)\+00:00<\/sent>/, '<sent>$1Z</sent>');
    expect(broken).not.toBe(good);
    const r = validate(broken);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/sent/);
  });

  it('is rejected by the schema when elements are out of order', () => {
    const good = renderAlertCap(alerts()[0]!, options);
    const swapped = good.replace(/(<status>.*?<\/status>)(\s*)(<msgType>.*?<\/msgType>)/, '$3$2$1');
    expect(validate(swapped).status).not.toBe(0);
  });

  it('refuses what the schema cannot see: an unclosed polygon, a bad identifier, Private without addresses', () => {
    const message = capMessageFromAlert(alerts()[0]!, options);
    const open = {
      ...message,
      identifier: 'has space',
      addresses: [],
      info: [
        {
          ...message.info[0]!,
          areas: [
            {
              areaDesc: 'x',
              polygons: [
                [
                  [1, 2],
                  [3, 4],
                  [5, 6],
                  [7, 8],
                ] as const,
              ],
            },
          ],
        },
      ],
    };
    try {
      renderCap(open);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TrucelineError);
      expect((e as TrucelineError).issues.map((i) => i.path)).toEqual([
        'identifier',
        'addresses',
        'info[0].areas[0].polygons[0]',
      ]);
    }
  });
});
