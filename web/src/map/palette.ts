/**
 * Colours. Kinds of event use the Okabe–Ito palette (Okabe & Ito 2008), distinguishable with
 * every common colour-vision deficiency; kinds that mean much the same share a colour (and the
 * legend says which). Zones are told apart by outline style as well as colour, so colour is never
 * the only cue. The basemap is quiet so mission data stands out.
 */
import type { EventKind } from '../api/vocabulary.js';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export const EVENT_COLOURS: Readonly<Record<EventKind, string>> = {
  explosion: OKABE_ITO.vermillion,
  projectile_in_flight: OKABE_ITO.orange,
  muzzle_flash: OKABE_ITO.yellow,
  illumination_flare: OKABE_ITO.yellow,
  small_arms_burst: OKABE_ITO.reddishPurple,
  small_arms_shot: OKABE_ITO.reddishPurple,
  weapon_sighting: OKABE_ITO.blue,
  troop_presence: OKABE_ITO.blue,
  aircraft: OKABE_ITO.bluishGreen,
  vessel: OKABE_ITO.bluishGreen,
  restriction: OKABE_ITO.black,
};

export const BASEMAP = {
  water: '#d4e4ee',
  land: '#f6f4ef',
  coast: '#9db2c0',
  border: '#5f5f5f',
} as const;

export const ZONES = {
  lineOfContact: OKABE_ITO.black,
  lineCasing: '#ffffff',
  securityZone: OKABE_ITO.orange,
  disengagement: OKABE_ITO.blue,
  noFly: OKABE_ITO.reddishPurple,
  maritime: OKABE_ITO.skyBlue,
  maritimeOutline: OKABE_ITO.blue,
} as const;

/** Cluster circles: neutral, so they are not read as a kind. */
export const CLUSTER = { fill: '#3d4852', stroke: '#ffffff' } as const;

/**
 * Incidents, by attribution: the party on the left of the line of contact blue, the one on the
 * right orange (the Okabe–Ito pair most widely told apart), and an undetermined attribution a
 * neutral grey so it is never read as a party. Incidents are drawn as rings edged in black, so
 * they are told from observations (discs) by shape as well as colour.
 */
export const INCIDENT = {
  left: OKABE_ITO.blue,
  right: OKABE_ITO.orange,
  undetermined: '#8a8a8a',
  ring: '#ffffff',
  outerRing: '#000000',
  uncertainty: '#3d4852',
  origin: OKABE_ITO.black,
} as const;
