/**
 * English messages of the daily/weekly report, ICU MessageFormat (intl-messageformat). The key
 * set and each message's arguments are the contract the uk and ru catalogues follow (a test
 * compares them). Plural nouns carry the number (`#`) so that the number and the word agree.
 */
export const en = {
  'report.title.daily': 'Daily report',
  'report.title.weekly': 'Weekly report',
  'report.subtitle': '{mission} · {agreement} (version {version, number})',
  'report.period': 'Reporting period: {from} to {to} ({timeZone})',
  'report.generated': 'Generated {at}',

  'section.summary': 'Summary',
  'section.byRegion': 'Ceasefire violations by region',
  'section.bySector': 'Ceasefire violations by sector',
  'section.notable': 'Notable incidents',
  'section.withdrawal': 'Weapons in breach of withdrawal distances',
  'section.disengagement': 'Disengagement areas',
  'section.movement': "Restrictions of the monitors' freedom of movement",
  'section.casualties': 'Civilian casualties',
  'section.findings': 'Verified findings and party replies',
  'section.map': 'Map of the period’s incidents',
  'section.trend': 'Ceasefire violations over 30 days',

  'summary.violations':
    'The mission recorded {count, plural, one{# ceasefire violation} other{# ceasefire violations}} ({comparison}).',
  'summary.split':
    'Of these: {explosions}, {projectilesInFlight}, {muzzleFlashes}, {smallArmsBursts} and {illuminationFlares}.',
  'compare.up': 'up from {previous, number} in the previous period',
  'compare.down': 'down from {previous, number} in the previous period',
  'compare.same': 'as many as in the previous period',
  'none.period': 'None in this period.',

  'table.region': 'Region',
  'table.sector': 'Sector',
  'table.total': 'Total',
  'table.previous': 'Previous period',
  'table.change': 'Change',
  'table.allAreas': 'All areas',
  'table.area': 'Area',
  'table.incidents': 'Incidents',
  'table.kind': 'Kind',
  'table.party': 'Party',
  'table.count': 'Number',
  'table.weapon': 'Weapon',
  'table.distance': 'Distance to the line',
  'table.limit': 'Withdrawal distance',
  'table.place': 'Place',
  'table.status': 'Status',
  'table.confidence': 'Confidence',

  'category.explosions': 'Explosions',
  'category.projectilesInFlight': 'Projectiles in flight',
  'category.muzzleFlashes': 'Muzzle flashes',
  'category.smallArmsBursts': 'Bursts and shots of small-arms fire',
  'category.illuminationFlares': 'Illumination flares',
  'category.other': 'Other incidents',

  'count.explosions': '{count, plural, one{# explosion} other{# explosions}}',
  'count.undeterminedExplosions':
    '{count, plural, one{# undetermined explosion} other{# undetermined explosions}}',
  'count.projectilesInFlight':
    '{count, plural, one{# projectile in flight} other{# projectiles in flight}}',
  'count.muzzleFlashes': '{count, plural, one{# muzzle flash} other{# muzzle flashes}}',
  'count.smallArmsBursts':
    '{count, plural, one{# burst of small-arms fire} other{# bursts of small-arms fire}}',
  'count.illuminationFlares':
    '{count, plural, one{# illumination flare} other{# illumination flares}}',
  'count.weapons': '{count, plural, one{# weapon} other{# weapons}}',
  'count.incidents': '{count, plural, one{# incident} other{# incidents}}',
  'count.restrictions': '{count, plural, one{# time} other{# times}}',
  'count.findings': '{count, plural, one{# finding} other{# findings}}',

  'notable.sentence':
    '{time}: the mission {kind, select, explosions{heard} smallArmsBursts{heard} other{saw}} {events}{weapon} {place}.',
  'notable.weapon': ' ({weapon})',
  'notable.attribution': 'Attributed to: {side}. Status: {status}.',
  'weapon.withCalibre': '{weapon}, {calibre, number} mm',
  'place.direction':
    '{distance} {compass, select, N{north} NNE{north-north-east} NE{north-east} ENE{east-north-east} E{east} ESE{east-south-east} SE{south-east} SSE{south-south-east} S{south} SSW{south-south-west} SW{south-west} WSW{west-south-west} W{west} WNW{west-north-west} NW{north-west} NNW{north-north-west} other{away}} of {settlement}',
  'place.near': 'in the area of {settlement}',
  'place.unknown': 'at a place that could not be determined',
  'place.inSector': 'in sector {sector}',
  'place.settlementFallback': '{name}',

  'withdrawal.sentence':
    '{weapons} ({weapon}) {distance} from the line of contact, where the agreement requires {limit}; {place}.',
  'disengagement.sentence':
    '{name}: {incidents} (previous period: {previous, number}), {violations, plural, one{# ceasefire violation} other{# ceasefire violations}}.',
  'movement.sentence': "The monitors' freedom of movement was restricted {times} ({comparison}).",
  'movement.unattributed': 'Not attributed',
  'casualties.figures': 'Killed: {killed, number}. Injured: {injured, number}.',
  'casualties.notRecorded':
    'Casualty figures are not yet recorded in the mission’s reports; zero is not a finding that there were none.',

  'finding.heading': 'Finding {id} on incident {incident}, issued {issuedAt}',
  'finding.attributedTo': 'Attributed to: {party}',
  'finding.provisions': 'Provisions: {provisions}',
  'finding.escalation': 'Relevant for escalation to the guarantors.',
  'finding.reply': 'Reply of {party} (deadline {deadline}): {status}',
  'finding.replyText': 'The party wrote: {text}',
  'finding.disputes': 'Disputes: {disputes}',
  'finding.asWritten': 'Summary as issued: {text}',

  'reply.open': 'awaited',
  'reply.replied': 'replied {at}',
  'reply.lapsed': 'deadline passed without a reply',

  'dispute.filed': 'filed',
  'dispute.under_review': 'under review',
  'dispute.upheld': 'upheld',
  'dispute.rejected': 'rejected',

  'side.undetermined': 'undetermined',
  'status.reported': 'reported',
  'status.triaged': 'triaged',
  'status.under_investigation': 'under investigation',
  'status.verified': 'verified',
  'status.not_verified': 'not verified',
  'status.inconclusive': 'inconclusive',

  'weapon.undetermined': 'undetermined weapon',
  'weapon.small_arms': 'small arms',
  'weapon.heavy_machine_gun': 'heavy machine gun',
  'weapon.grenade_launcher': 'grenade launcher',
  'weapon.mortar': 'mortar',
  'weapon.artillery': 'artillery',
  'weapon.tank': 'tank',
  'weapon.anti_tank': 'anti-tank weapon',
  'weapon.mlrs': 'multiple-launch rocket system',
  'weapon.missile': 'missile',
  'weapon.drone': 'drone',
  'weapon.aircraft': 'aircraft',
  'weapon.helicopter': 'helicopter',
  'weapon.vessel': 'vessel',

  'restriction.denied_passage': 'Passage denied',
  'restriction.escort_required': 'Escort required',
  'restriction.area_mined': 'Area mined',
  'restriction.uav_jammed': 'Drone signal jammed',
  'restriction.uav_shot_at': 'Drone shot at',
  'restriction.other': 'Other',

  'region.name':
    '{region, select, kharkiv{Kharkiv region} luhansk{Luhansk region} donetsk{Donetsk region} zaporizhzhia{Zaporizhzhia region} dnipropetrovsk{Dnipropetrovsk region} kherson{Kherson region} mykolaiv{Mykolaiv region} outside{Outside the regions} other{{region}}}',
  'sector.outside': 'Outside the sectors',

  'map.legend': 'Legend',
  'map.line': 'Line of contact',
  'map.zone': 'Disengagement area',
  'map.scale': '{km, number} km',
  'map.caption': 'Base map: Natural Earth. Positions are the mission’s estimates.',
  'trend.axis': 'Violations per day',
  'trend.caption': 'Daily totals, {from} to {to}',

  'footer.published':
    'Published: entry {index} of the mission’s ledger, tree size {size}, root {root}. Approved by {approvedBy} on {approvedAt}.',
  'footer.modelHash': 'SHA-256 of the report model: {hash}',
  'footer.checkpoint': 'Signed checkpoint',
  'footer.draft': 'DRAFT – not published',
  'footer.page': 'Page {page, number} of {pages, number}',
} as const;

/** The keys every catalogue has. */
export type MessageKey = keyof typeof en;
/** One language's messages. */
export type Catalogue = { readonly [K in MessageKey]: string };
