import { describe, expect, it } from 'vitest';
import { obs, pointAt } from '../../domain/fusion/test-support/scenario.js';
import type { Observation } from '../../domain/observation/types.js';
import { incidentCompartment } from './visibility.js';

const at = pointAt([37.9, 48.0], 500);
const pub = obs('pub', { ...at, visibility: 'public' });
const mission = obs('mis', { ...at });
const ruSecret = obs('ru', { ...at, visibility: 'party-confidential', source: { kind: 'party', id: 'ru-liaison', party: 'ru' } });
const ruSecret2 = obs('ru2', { ...at, visibility: 'party-confidential', source: { kind: 'party', id: 'ru-liaison', party: 'ru' } });
const uaSecret = obs('ua', { ...at, visibility: 'party-confidential', source: { kind: 'party', id: 'ua-liaison', party: 'ua' } });

describe('who may see an incident, from its members', () => {
  it.each<[string, Observation[], ReturnType<typeof incidentCompartment>]>([
    ['public only when every member is public', [pub], { visibility: 'public', party: null, confidential: false }],
    ["the mission's when any member is the mission's", [pub, mission], { visibility: 'mission', party: null, confidential: false }],
    ["one party's when all members are its confidential filings (and sealed in the log)", [ruSecret, ruSecret2], { visibility: 'party-confidential', party: 'ru', confidential: true }],
    ["the mission's when the confidential filings of both parties meet", [ruSecret, uaSecret], { visibility: 'mission', party: null, confidential: true }],
    ["the mission's, sealed, when a confidential filing joins a mission report", [mission, ruSecret], { visibility: 'mission', party: null, confidential: true }],
  ])('%s', (_, members, want) => {
    expect(incidentCompartment(members)).toEqual(want);
  });
});
