import { EVENT_KINDS, type EventKind } from '../api/vocabulary.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Agreement } from '../api/types.js';
import { BASEMAP, CLUSTER, EVENT_COLOURS, INCIDENT, ZONES } from '../map/palette.js';

/** Kinds grouped by the colour they share, in palette order. */
function colourGroups(): { colour: string; kinds: EventKind[] }[] {
  const groups = new Map<string, EventKind[]>();
  for (const k of EVENT_KINDS)
    groups.set(EVENT_COLOURS[k], [...(groups.get(EVENT_COLOURS[k]) ?? []), k]);
  return [...groups].map(([colour, kinds]) => ({ colour, kinds }));
}

function Swatch({
  fill,
  stroke,
  dash,
  opacity = 1,
  line = false,
  circle = false,
  ringed = false,
}: {
  fill?: string;
  stroke?: string;
  dash?: string;
  opacity?: number;
  line?: boolean;
  circle?: boolean;
  ringed?: boolean;
}) {
  return (
    <svg
      className="legend-swatch"
      width="28"
      height="16"
      viewBox="0 0 28 16"
      aria-hidden="true"
      focusable="false"
    >
      {line ? (
        <>
          <line x1="2" y1="8" x2="26" y2="8" stroke="#ffffff" strokeWidth="6" />
          <line
            x1="2"
            y1="8"
            x2="26"
            y2="8"
            stroke={stroke}
            strokeWidth="3"
            strokeDasharray={dash}
          />
        </>
      ) : ringed ? (
        <>
          <circle cx="14" cy="8" r="5.5" fill="none" stroke={INCIDENT.outerRing} strokeWidth="4" />
          <circle cx="14" cy="8" r="5.5" fill="none" stroke={fill} strokeWidth="2.5" />
        </>
      ) : circle ? (
        <circle cx="14" cy="8" r="6" fill={fill} stroke={stroke ?? '#222222'} strokeWidth="1.5" />
      ) : (
        <rect
          x="2"
          y="2"
          width="24"
          height="12"
          fill={fill}
          fillOpacity={opacity}
          stroke={stroke}
          strokeWidth="2"
          strokeDasharray={dash}
        />
      )}
    </svg>
  );
}

export function Legend({
  securityZoneKm,
  parties,
}: {
  securityZoneKm: number | null;
  parties: Agreement['parties'];
}) {
  const { t, tn } = useI18n();
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('legend.title')}</h2>
      <h3>{t('legend.agreement')}</h3>
      <ul>
        <li>
          <Swatch line stroke={ZONES.lineOfContact} />
          {t('legend.lineOfContact')}
        </li>
        {securityZoneKm !== null && (
          <li>
            <Swatch
              fill={ZONES.securityZone}
              opacity={0.25}
              stroke={ZONES.securityZone}
              dash="4 3"
            />
            {tn('legend.securityZone', securityZoneKm)}
          </li>
        )}
        <li>
          <Swatch fill={ZONES.disengagement} opacity={0.3} stroke={ZONES.disengagement} />
          {t('legend.disengagement')}
        </li>
        <li>
          <Swatch fill={ZONES.noFly} opacity={0.1} stroke={ZONES.noFly} dash="1 3" />
          {t('legend.noFly')}
        </li>
        <li>
          <Swatch fill={ZONES.maritime} opacity={0.4} stroke={ZONES.maritimeOutline} dash="6 3" />
          {t('legend.maritime')}
        </li>
        <li>
          <Swatch line stroke={ZONES.maritimeOutline} dash="1 2" />
          {t('legend.maritimeKeepOut')}
        </li>
        <li>
          <Swatch line stroke={BASEMAP.border} dash="4 2" />
          {t('legend.borders')}
        </li>
      </ul>
      <h3>{t('legend.incidents')}</h3>
      <ul>
        {parties.map((p) => (
          <li key={p.id}>
            <Swatch ringed fill={INCIDENT[p.side]} />
            {t('legend.attributedTo', { party: p.name })}
          </li>
        ))}
        <li>
          <Swatch ringed fill={INCIDENT.undetermined} />
          {t('legend.undetermined')}
        </li>
        <li>
          <Swatch
            fill={INCIDENT.uncertainty}
            opacity={0.15}
            stroke={INCIDENT.uncertainty}
            dash="3 2"
          />
          {t('legend.uncertainty')}
        </li>
        <li>
          <Swatch circle fill={INCIDENT.origin} stroke={INCIDENT.ring} />
          {t('legend.origin')}
        </li>
      </ul>
      <h3>{t('legend.observations')}</h3>
      <ul>
        {colourGroups().map(({ colour, kinds }) => (
          <li key={colour}>
            <Swatch circle fill={colour} />
            {kinds.map((k) => t(`event.${k}` as MessageKey)).join(', ')}
          </li>
        ))}
        <li>
          <Swatch circle fill={CLUSTER.fill} stroke={CLUSTER.stroke} />
          {t('legend.cluster')}
        </li>
      </ul>
    </section>
  );
}
