/**
 * The stacking order of every data layer, bottom to top. Layer components add their layers as
 * their data arrives, in any order; each is slotted under the next layer of this list that is
 * already on the map, so the drawing order never depends on which request answered first.
 */
export const LAYER_ORDER = [
  'security-zone-fill',
  'security-zone-outline',
  'no-fly-fill',
  'no-fly-outline',
  'maritime-keep-out',
  'maritime-fill',
  'maritime-outline',
  'disengagement-fill',
  'disengagement-outline',
  'line-of-contact-casing',
  'line-of-contact',
  'observations-clusters',
  'observations-points',
  'observations-selected',
  'incident-uncertainty-fill',
  'incident-uncertainty-outline',
  'incident-origin-line',
  'incidents-ring',
  'incidents-points',
  'incidents-selected',
  'incident-origin',
] as const;
export type LayerId = (typeof LAYER_ORDER)[number];

/** The id of the layer to insert `id` before, given the layers already on the map. */
export function beforeIdFor(id: LayerId, present: (id: string) => boolean): string | undefined {
  const i = LAYER_ORDER.indexOf(id);
  return LAYER_ORDER.slice(i + 1).find((next) => present(next));
}
