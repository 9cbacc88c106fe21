import { describe, expect, it } from 'vitest';
import type { Actor } from './roles.js';
import { actors, agreement, STATE_WALKS, T, walk } from './test-support/fixtures.js';
import { openIncidentWorkflow, overdueAssignments, transition } from './transition.js';

describe('assignments', () => {
  it('an analyst may take an incident but not assign it to someone else', () => {
    const { state } = walk([]);
    expect(
      transition(
        state,
        { type: 'assign_analyst', analyst: 'a1', reason: 'mine' },
        actors.a1,
        T(1),
        agreement,
      ).state.analyst,
    ).toEqual({
      analyst: 'a1',
      assignedBy: 'a1',
      at: T(1),
      dueAt: null,
    });
    expect(() =>
      transition(
        state,
        { type: 'assign_analyst', analyst: 'a2', reason: 'yours' },
        actors.a1,
        T(1),
        agreement,
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: expect.stringContaining('the chief monitor assigns others'),
      }),
    );
  });

  it('refuses to start an investigation nobody is assigned to', () => {
    const { state } = walk([[actors.a1, { type: 'triage', reason: 'r' }]]);
    expect(() =>
      transition(state, { type: 'start_investigation', reason: 'r' }, actors.a1, T(5), agreement),
    ).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message:
          'incident inc-1 has no analyst assigned; assign one before starting the investigation',
      }),
    );
  });

  it('numbers site visits and records a late report as late', () => {
    const { state } = walk([
      ...STATE_WALKS.under_investigation,
      [
        actors.a1,
        { type: 'request_site_visit', patrol: 'patrol-7', dueBy: T(4.5), reason: 'check crater' },
      ],
      [
        actors.a1,
        {
          type: 'request_site_visit',
          patrol: 'patrol-9',
          dueBy: T(30),
          reason: 'interview residents',
        },
      ],
      [
        actors.m1,
        {
          type: 'report_site_visit',
          visitId: 'inc-1/visit-1',
          evidence: ['sha-c'],
          reason: 'crater SE-facing, 122 mm fragments',
        },
      ],
      [
        actors.m1,
        {
          type: 'report_site_visit',
          visitId: 'inc-1/visit-2',
          reason: 'residents heard launches from the east',
        },
      ],
    ]);
    expect(state.siteVisits.map((v) => [v.id, v.patrol, v.report?.late])).toEqual([
      ['inc-1/visit-1', 'patrol-7', true],
      ['inc-1/visit-2', 'patrol-9', false],
    ]);
    expect(state.siteVisits[0]?.report).toMatchObject({ by: 'm1', at: T(6), evidence: ['sha-c'] });
  });

  it('refuses a second report of the same visit, and a report of an unknown one', () => {
    const { state } = walk([
      ...STATE_WALKS.under_investigation,
      [actors.a1, { type: 'request_site_visit', patrol: 'patrol-7', dueBy: T(30), reason: 'r' }],
      [actors.m1, { type: 'report_site_visit', visitId: 'inc-1/visit-1', reason: 'done' }],
    ]);
    expect(() =>
      transition(
        state,
        { type: 'report_site_visit', visitId: 'inc-1/visit-1', reason: 'again' },
        actors.m1,
        T(9),
        agreement,
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message: `site visit inc-1/visit-1 was already reported by m1 at ${T(5)}`,
      }),
    );
    expect(() =>
      transition(
        state,
        { type: 'report_site_visit', visitId: 'inc-1/visit-4', reason: 'x' },
        actors.m1,
        T(9),
        agreement,
      ),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('lists overdue assignments: an open site visit and an analyst on an unconcluded incident', () => {
    const { state } = walk([
      [actors.a1, { type: 'triage', reason: 'r' }],
      [actors.c1, { type: 'assign_analyst', analyst: 'a1', dueAt: T(24), reason: 'r' }],
      [actors.a1, { type: 'request_site_visit', patrol: 'patrol-7', dueBy: T(12), reason: 'r' }],
    ]);
    expect(overdueAssignments(state, T(11))).toEqual([]);
    expect(overdueAssignments(state, T(13))).toEqual([
      { kind: 'site_visit', id: 'inc-1/visit-1', dueAt: T(12) },
    ]);
    expect(overdueAssignments(state, T(25))).toEqual([
      { kind: 'analyst', id: 'a1', dueAt: T(24) },
      { kind: 'site_visit', id: 'inc-1/visit-1', dueAt: T(12) },
    ]);
  });
});

describe('openIncidentWorkflow', () => {
  it.each<[string, Actor | null, string, string]>([
    ['a monitor', actors.m1, 'm1', 'monitor'],
    ['a party liaison (a complaint)', actors.lua, 'l-ua', 'liaison'],
    ['the system (fusion)', null, 'system', 'system'],
  ])('records a report by %s', (_, actor, by, role) => {
    const { state, event } = openIncidentWorkflow(
      'inc-7',
      actor,
      T(0),
      'fused from 3 observations',
    );
    expect(event).toEqual({
      type: 'incident.reported',
      incidentId: 'inc-7',
      seq: 1,
      at: T(0),
      by,
      role,
      party: actor?.party ?? null,
      reason: 'fused from 3 observations',
      from: 'reported',
      to: 'reported',
    });
    expect(state).toMatchObject({ incidentId: 'inc-7', status: 'reported', round: 1, seq: 1 });
  });

  it.each([actors.g1, actors.adm])('refuses a report by $role', (actor) => {
    expect(() => openIncidentWorkflow('inc-7', actor, T(0), 'x')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('refuses an empty reason and a time without a zone', () => {
    expect(() => openIncidentWorkflow('inc-7', null, T(0), ' ')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => openIncidentWorkflow('inc-7', null, '2026-03-01T18:00:00', 'x')).toThrow(
      /has no timezone/,
    );
  });
});
