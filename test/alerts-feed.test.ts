/** The Atom feed of alerts (RFC 4287): well-formed, newest first, escaped, with stable ids. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alertsFeed } from '../src/alerts/feed.js';
import {
  acknowledgeAlert,
  evaluateEscalation,
  raiseAlert,
} from '../src/domain/escalation/index.js';
import { H, LADDER, T0, incident } from '../src/domain/escalation/test-support/incidents.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-feed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function xpath(xml: string, expr: string): string {
  const file = join(dir, `feed-${++n}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`xmllint: ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}
const ns = (path: string) => path.replace(/(^|\/)([a-z]+)/g, "$1*[local-name()='$2']");

function alerts() {
  const incidents = [
    incident(1, { id: 'inc-m', weapon: 'mlrs' }),
    incident(2, { id: 'inc-<&>"', weapon: 'tank', armourAcrossLine: 11 }),
  ];
  const [a, b] = evaluateEscalation(incidents, { escalationThresholds: LADDER }, T0 + 3 * H).map(
    (c, i) => raiseAlert(c, T0 + (3 + i) * H),
  );
  return [acknowledgeAlert(a!, 'guarantors', T0 + 6 * H), b!];
}

describe('alertsFeed', () => {
  const selfUrl = 'https://truceline.example/alerts.atom?level=2&x=1';

  it('writes a well-formed Atom feed with one entry per alert, last changed first', () => {
    const xml = alertsFeed(alerts(), {
      selfUrl,
      capUrl: (a) => `https://truceline.example/alerts/${encodeURIComponent(a.id)}.cap`,
    });
    expect(xpath(xml, `count(/${ns('feed/entry')})`)).toBe('2');
    expect(xpath(xml, `string(/${ns('feed/id')})`)).toBe(selfUrl);
    expect(xpath(xml, `string(/${ns('feed/updated')})`)).toBe('2026-03-01T18:00:00Z');
    // the acknowledged alert changed last (T0 + 6 h), so it comes first
    expect(xpath(xml, `string(/${ns('feed/entry[1]/updated')})`)).toBe('2026-03-01T18:00:00Z');
    expect(xpath(xml, `string(/${ns('feed/entry[1]/category[2]')}/@term)`)).toBe('acknowledged');
    expect(xpath(xml, `string(/${ns('feed/entry[1]/link')}/@type)`)).toBe('application/cap+xml');
    expect(xpath(xml, `string(/${ns('feed/link')}/@href)`)).toBe(selfUrl);
  });

  it('escapes ids and text, and keeps entry ids stable', () => {
    const [, armour] = alerts();
    const xml = alertsFeed([armour!], { selfUrl, title: 'Alerts <&> "all"' });
    expect(xpath(xml, `string(/${ns('feed/title')})`)).toBe('Alerts <&> "all"');
    const id = xpath(xml, `string(/${ns('feed/entry/id')})`);
    expect(id).toBe(`${selfUrl}#${encodeURIComponent(armour!.id)}`);
    expect(alertsFeed([armour!], { selfUrl })).toContain(`<id>${id.replace(/&/g, '&amp;')}</id>`);
  });

  it('writes an empty feed with the given updated time', () => {
    const xml = alertsFeed([], { selfUrl, updatedMs: T0 });
    expect(xpath(xml, `count(/${ns('feed/entry')})`)).toBe('0');
    expect(xpath(xml, `string(/${ns('feed/updated')})`)).toBe('2026-03-01T12:00:00Z');
  });

  it('refuses a relative self URL', () => {
    expect(() => alertsFeed([], { selfUrl: '/alerts.atom' })).toThrow(/selfUrl/);
  });
});
