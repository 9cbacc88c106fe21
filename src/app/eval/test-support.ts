// Builders for hand-made evaluation cases: true events, and incidents as evaluation sees them.
import type { TruthEvent } from '../../sim/index.js';
import type { LonLat } from '../../domain/units.js';
import type { EvalIncident } from './incidents.js';

export const RU_GUN: LonLat = [37.9, 48.1];
export const UA_TOWN: LonLat = [37.95, 48.0];

export function truthEvent(eventId: string, observationIds: string[], over: Partial<TruthEvent> = {}): TruthEvent {
  return {
    eventId,
    kind: 'indirect_fire',
    genuine: true,
    weapon: 'artillery',
    time: '2026-03-01T18:40:00Z',
    sector: null,
    origin: { lon: RU_GUN[0], lat: RU_GUN[1], side: 'left', party: 'ru' },
    impact: { lon: UA_TOWN[0], lat: UA_TOWN[1], side: 'right', party: 'ua' },
    count: 10,
    provisionsViolated: ['ceasefire'],
    observationIds,
    ...over,
  };
}

export function incident(id: string, observationIds: string[], over: Partial<EvalIncident> = {}): EvalIncident {
  return {
    id,
    observationIds,
    location: UA_TOWN,
    radius90M: 500,
    count: 10,
    party: 'undetermined',
    confidence: 0,
    origin: 'none',
    restsOnOneReport: false,
    provisions: [],
    ...over,
  };
}
