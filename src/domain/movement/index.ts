/** Freedom of movement: restriction kinds and their counts per party and kind. */
export {
  RESTRICTION_KINDS,
  UNATTRIBUTED,
  restrictionKind,
  countRestrictions,
  type RestrictionKind,
  type KindCounts,
  type RestrictionCounts,
} from './restrictions.js';
