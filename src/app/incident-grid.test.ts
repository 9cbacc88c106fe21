/**
 * The incident grid's column copy (src/app/incident-grid.ts) on both adapters' Store.incidentColumns:
 * counts per cell and compartment, and the copy following opened, updated, merged, split and
 * workflow-moved incidents after it was loaded, checked against a fresh copy and against the
 * same counts taken from the list query (incidentGridFromPages). PostgreSQL runs when a server
 * answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onBothAdapters } from '../store/test-support/both-adapters.js';
import type { LedgerEvent } from './events/event.js';
import { incidentLedgerEvent } from './test-support/incident-event.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile } from './mission.js';
import { applyWorkflowCommand } from './workflow/index.js';
import type { IncidentColumnsRow, IncidentVisibility, Store } from '../store/port.js';
import { IncidentColumns, incidentGridFromPages, type IncidentGridCell, type IncidentGridQuery } from './incident-grid.js';

const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
const T0 = Date.parse('2026-03-01T00:00:00Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

interface Spec {
  readonly id: string;
  readonly at: readonly [number, number];
  readonly visibility: IncidentVisibility;
  readonly party?: string;
  readonly attributed?: string;
  readonly events?: readonly string[];
  readonly weapon?: string;
  readonly provisions?: readonly (readonly [string, string])[];
  readonly minute?: number;
  readonly aliases?: readonly string[];
}

/** An `incident.<kind>` ledger event carrying `s` as the snapshot. */
function incidentEvent(kind: 'opened' | 'updated' | 'merged' | 'split', s: Spec, extra: Record<string, unknown> = {}): LedgerEvent {
  const m = s.minute ?? 0;
  return incidentLedgerEvent(
    kind,
    {
      id: s.id,
      location: s.at,
      atMs: T0 + (m + 1) * 60_000,
      fromMs: T0 + m * 60_000,
      toMs: T0 + (m + 5) * 60_000,
      ...(s.events ? { events: s.events } : {}),
      ...(s.weapon ? { weapon: s.weapon } : {}),
      ...(s.aliases ? { aliases: s.aliases } : {}),
      attribution: { party: s.attributed ?? 'undetermined', confidence: 1 },
      provisions: (s.provisions ?? []).map(([provisionId, k]) => ({ provisionId, kind: k, confidence: 0.9 })),
      visibility: s.visibility,
      party: s.party ?? null,
    },
    extra,
  );
}

async function record(store: Store, events: readonly LedgerEvent[], confidential = false): Promise<void> {
  await store.write((tx) => tx.record(events.map((event) => ({ event, confidential }))));
}

const MISSION = { mission: true, party: null } as const;
const PUBLIC = { mission: false, party: null } as const;
const UA = { mission: false, party: 'ua' } as const;
const RU = { mission: false, party: 'ru' } as const;
const BOX = [30, 48, 32, 50] as const;

const q = (visibleTo: IncidentGridQuery['visibleTo'], more: Partial<IncidentGridQuery> = {}): IncidentGridQuery => ({
  bbox: BOX,
  cell: 1,
  visibleTo,
  ...more,
});

/** Cells as "gx:gy=count" in order, for comparing answers. */
const brief = (cells: readonly IncidentGridCell[]) => cells.map((c) => `${c.gx}:${c.gy}=${c.count}`);
const total = (cells: readonly IncidentGridCell[]) => cells.reduce((n, c) => n + c.count, 0);

const A: Spec = { id: 'inc-a', at: [30.5, 48.5], visibility: 'public', attributed: 'ru', provisions: [['ceasefire:art-1', 'ceasefire']] };
const B: Spec = { id: 'inc-b', at: [30.6, 48.6], visibility: 'party-confidential', party: 'ua', attributed: 'ru', events: ['muzzle_flash'] };
const C: Spec = { id: 'inc-c', at: [31.5, 49.5], visibility: 'party-confidential', party: 'ru', attributed: 'ua', weapon: 'mortar', minute: 600 };
const D: Spec = { id: 'inc-d', at: [31.4, 48.4], visibility: 'mission', attributed: 'ua', events: ['explosion', 'muzzle_flash'] };
const OUTSIDE: Spec = { id: 'inc-out', at: [35, 45], visibility: 'public' };

function adapterSuite(name: string, open: () => Promise<Store>, close: (s: Store) => Promise<void>) {
  describe(name, () => {
    let store: Store;
    let copy: IncidentColumns;
    const fresh = async () => {
      const c = new IncidentColumns((after, limit) => store.incidentColumns!(after, limit));
      await c.sync(await store.ledger.size());
      return c;
    };
    /** The followed copy, a fresh copy and the list query agree on `query`; returns the cells. */
    const agreed = async (query: IncidentGridQuery) => {
      await copy.sync(await store.ledger.size());
      const followed = copy.grid(query);
      expect(brief(followed)).toEqual(brief((await fresh()).grid(query)));
      expect(brief(followed)).toEqual(brief(await incidentGridFromPages(store, query)));
      return followed;
    };

    beforeAll(async () => {
      store = await open();
      await record(store, [incidentEvent('opened', A), incidentEvent('opened', D), incidentEvent('opened', OUTSIDE)]);
      await record(store, [incidentEvent('opened', B)], true);
      await record(store, [incidentEvent('opened', C)], true);
      copy = new IncidentColumns((after, limit) => store.incidentColumns!(after, limit));
    }, 60_000);
    afterAll(async () => close(store));

    it('counts each compartment apart: a liaison never counts the other party\'s confidential incidents', async () => {
      expect(brief(await agreed(q(MISSION)))).toEqual(['210:138=2', '211:138=1', '211:139=1']);
      expect(brief(await agreed(q(UA)))).toEqual(['210:138=2']);
      expect(brief(await agreed(q(RU)))).toEqual(['210:138=1', '211:139=1']);
      expect(brief(await agreed(q(PUBLIC)))).toEqual(['210:138=1']);
      expect(copy.size).toBe(5);
    });

    it('filters by status, attributed party, event kind, weapon, provision id or kind, and time', async () => {
      expect(total(await agreed(q(MISSION, { parties: ['ua'] })))).toBe(2);
      expect(total(await agreed(q(MISSION, { events: ['muzzle_flash'] })))).toBe(2);
      expect(total(await agreed(q(MISSION, { weapons: ['mortar'] })))).toBe(1);
      expect(total(await agreed(q(MISSION, { provision: 'ceasefire' })))).toBe(1);
      expect(total(await agreed(q(MISSION, { provision: 'ceasefire:art-1' })))).toBe(1);
      expect(total(await agreed(q(MISSION, { provision: 'withdrawal' })))).toBe(0);
      expect(total(await agreed(q(MISSION, { from: iso(590) })))).toBe(1);
      expect(total(await agreed(q(MISSION, { to: iso(10) })))).toBe(3);
      expect(total(await agreed(q(MISSION, { statuses: ['reported'] })))).toBe(4);
      const cell = (await agreed(q(MISSION))).find((c) => c.gx === 210 && c.gy === 138)!;
      expect(cell.statuses).toEqual({ reported: 2 });
      expect(cell.lon).toBeCloseTo(30.55, 9);
    });

    it('follows an update that moves an incident and changes its compartment', async () => {
      await record(store, [incidentEvent('updated', { ...A, at: [31.6, 49.6], visibility: 'mission' })]);
      expect(brief(await agreed(q(MISSION)))).toEqual(['210:138=1', '211:138=1', '211:139=2']);
      expect(brief(await agreed(q(PUBLIC)))).toEqual([]);
    });

    it('follows a workflow that moves an incident\'s status', async () => {
      await applyWorkflowCommand(store, agreement, 'inc-d', { type: 'triage', reason: 'near the line' }, { id: 'a1', role: 'analyst' }, T0 + 3_600_000);
      expect(total(await agreed(q(MISSION, { statuses: ['triaged'] })))).toBe(1);
      expect((await agreed(q(MISSION))).find((c) => c.gx === 211 && c.gy === 138)!.statuses).toEqual({ triaged: 1 });
    });

    it('drops an incident a merge absorbed, and counts it again when a split reclaims its id', async () => {
      await record(store, [incidentEvent('merged', { ...A, at: [31.6, 49.6], visibility: 'mission', aliases: ['inc-d'] }, { absorbedId: 'inc-d' })]);
      expect(brief(await agreed(q(MISSION)))).toEqual(['210:138=1', '211:139=2']);
      expect(copy.size).toBe(4);
      await record(store, [incidentEvent('split', { ...D, at: [30.2, 49.2] }, { fromIncidentId: 'inc-a' })]);
      expect(brief(await agreed(q(MISSION)))).toEqual(['210:138=1', '210:139=1', '211:139=2']);
      expect(copy.size).toBe(5);
    });

    it('pages changes without splitting a ledger index, and a page past the end is empty', async () => {
      // A merge whose changes share one ledger index: the absorbing incident and the absorbed id.
      await record(store, [incidentEvent('merged', { ...C, aliases: ['inc-out'] }, { absorbedId: 'inc-out' })], true);
      const whole = await store.incidentColumns!(-1, 1000);
      expect(whole.more).toBe(false);
      expect(whole.absorbed).toEqual(['inc-out']);
      const tie = whole.changed.find((r) => r[1] === 'inc-c')![0];
      const changed: IncidentColumnsRow[] = [];
      const absorbed: string[] = [];
      let after = -1;
      let more = true;
      let pages = 0;
      for (; more && pages < 100; pages++) {
        const page = await store.incidentColumns!(after, 1);
        for (const row of page.changed) expect(row[0] > after && row[0] <= page.through).toBe(true);
        if (page.absorbed.length > 0) expect(page.changed.map((r) => r[0])).toContain(tie);
        changed.push(...page.changed);
        absorbed.push(...page.absorbed);
        after = page.through;
        more = page.more;
      }
      expect(changed).toEqual(whole.changed);
      expect(absorbed).toEqual(['inc-out']);
      expect(pages).toBe(whole.changed.length + 1);
      expect(brief(await agreed(q(MISSION)))).toEqual(['210:138=1', '210:139=1', '211:139=2']);
      expect(copy.size).toBe(4);
      const last = await store.incidentColumns!(after, 10);
      expect(last).toEqual({ changed: [], absorbed: [], through: after, more: false });
      await expect(store.incidentColumns!(0, 0)).rejects.toThrow(/limit/);
    });
  });
}

await onBothAdapters('incident grid', adapterSuite);
