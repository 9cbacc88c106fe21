/**
 * Checks that need the whole agreement: ids unique within each list, references to parties,
 * sectors and no-fly areas that exist, and parties on both sides of the line of contact.
 *
 * They read the raw input defensively, so they can run next to the schema's own checks even when
 * parts of the document are malformed, and `parseAgreement` can report every problem in one go.
 */
import type { FieldIssue } from '../errors.js';
import { jsonPath } from './issues.js';

type Path = readonly (string | number)[];

function field(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)[key]
    : undefined;
}

function items(v: unknown, key: string): unknown[] {
  const a = field(v, key);
  return Array.isArray(a) ? a : [];
}

const ID_LISTS = [
  'parties',
  'withdrawalDistances',
  'disengagementAreas',
  'noFlyAreas',
  'maritimeCorridors',
  'notificationDuties',
  'escalationThresholds',
  'sectors',
] as const;

/** Ids of one list, with where each first appeared; duplicates are reported. */
function collectIds(root: unknown, list: string, issues: FieldIssue[]): Set<string> {
  const seen = new Map<string, Path>();
  items(root, list).forEach((item, i) => {
    const id = field(item, 'id');
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first) {
      issues.push({
        path: jsonPath([list, i, 'id']),
        reason: `duplicate id ${JSON.stringify(id)} (first at ${jsonPath(first)})`,
      });
    } else {
      seen.set(id, [list, i]);
    }
  });
  return new Set(seen.keys());
}

function checkRef(
  ids: Set<string>,
  value: unknown,
  path: Path,
  what: string,
  issues: FieldIssue[],
): void {
  if (typeof value === 'string' && !ids.has(value)) {
    const known = [...ids].map((k) => JSON.stringify(k)).join(', ') || 'none';
    issues.push({
      path: jsonPath(path),
      reason: `unknown ${what} ${JSON.stringify(value)} (known: ${known})`,
    });
  }
}

function checkSides(root: unknown, issues: FieldIssue[]): void {
  const parties = items(root, 'parties');
  if (parties.length === 0) return;
  const sides = new Set(
    parties.map((p) => field(p, 'side')).filter((s) => s === 'left' || s === 'right'),
  );
  for (const side of ['left', 'right'] as const) {
    if (!sides.has(side) && sides.size > 0) {
      issues.push({
        path: 'parties',
        reason: `no party is on the ${side} side of the line of contact; both sides must be used`,
      });
    }
  }
}

function checkCeilings(root: unknown, partyIds: Set<string>, issues: FieldIssue[]): void {
  const ceilings = field(root, 'ceilings');
  const troops = field(ceilings, 'troops');
  if (troops && typeof troops === 'object') {
    for (const party of Object.keys(troops))
      checkRef(partyIds, party, ['ceilings', 'troops', party], 'party', issues);
  }
  const equipment = field(ceilings, 'equipment');
  if (equipment && typeof equipment === 'object') {
    for (const [category, byParty] of Object.entries(equipment)) {
      if (!byParty || typeof byParty !== 'object') continue;
      for (const party of Object.keys(byParty)) {
        checkRef(partyIds, party, ['ceilings', 'equipment', category, party], 'party', issues);
      }
    }
  }
}

/** Every cross-reference problem in `root`, an agreement-shaped value that may be partly invalid. */
export function referenceIssues(root: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ids = Object.fromEntries(
    ID_LISTS.map((list) => [list, collectIds(root, list, issues)]),
  ) as Record<(typeof ID_LISTS)[number], Set<string>>;
  checkSides(root, issues);
  checkCeilings(root, ids.parties, issues);
  items(root, 'notificationDuties').forEach((duty, i) => {
    items(duty, 'parties').forEach((party, j) =>
      checkRef(ids.parties, party, ['notificationDuties', i, 'parties', j], 'party', issues),
    );
  });
  items(root, 'escalationThresholds').forEach((threshold, i) => {
    const trigger = field(threshold, 'trigger');
    const kind = field(trigger, 'kind');
    if (kind === 'verified_violations_in_sector') {
      checkRef(
        ids.sectors,
        field(trigger, 'sector'),
        ['escalationThresholds', i, 'trigger', 'sector'],
        'sector',
        issues,
      );
    }
    if (kind === 'aircraft_in_no_fly') {
      checkRef(
        ids.noFlyAreas,
        field(trigger, 'area'),
        ['escalationThresholds', i, 'trigger', 'area'],
        'no-fly area',
        issues,
      );
    }
  });
  return issues;
}
