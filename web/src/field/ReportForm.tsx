import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DIRECTIONS, EVENT_KINDS, WEAPON_KINDS } from '../api/vocabulary.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { COMPASS_POINTS } from './compass.js';
import { FieldMap } from './FieldMap.js';
import { preparePhotos } from './photos.js';
import { newReport, type QueuedReport } from './queue.js';
import {
  buildObservation,
  emptyForm,
  parseNumber,
  type BearingMode,
  type FieldFormValues,
  type FormField,
  type FormIssue,
} from './report-form.js';

export interface ReportFormProps {
  readonly sourceId: string;
  readonly onQueue: (report: QueuedReport, photos: ReadonlyMap<string, Blob>) => Promise<void>;
}

type Text = Omit<FieldFormValues, 'place'>;

/**
 * The report form. The place comes from GPS (its accuracy becomes the uncertainty), a tap on the
 * map, or typed coordinates; errors are shown beside their inputs and summarised at the top.
 */
export function ReportForm({ sourceId, onQueue }: ReportFormProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const [v, setV] = useState<Text>(() => emptyForm(Date.now()));
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [issues, setIssues] = useState<readonly FormIssue[]>([]);
  const [gps, setGps] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const latN = parseNumber(lat);
  const lonN = parseNumber(lon);
  const place =
    latN !== null && lonN !== null && !Number.isNaN(latN) && !Number.isNaN(lonN)
      ? { lat: latN, lon: lonN }
      : null;
  const set = <K extends keyof Text>(k: K, value: Text[K]) => setV((o) => ({ ...o, [k]: value }));
  const fid = (f: FormField) => `${id}-${f}`;
  const errorsOf = (f: FormField) => issues.filter((i) => i.field === f);
  const invalid = (f: FormField) => (errorsOf(f).length > 0 ? true : undefined);
  const described = (f: FormField) => (errorsOf(f).length > 0 ? `${fid(f)}-err` : undefined);
  const errorText = (f: FormField): ReactNode =>
    errorsOf(f).length > 0 ? (
      <p className="field-error" id={`${fid(f)}-err`}>
        {errorsOf(f)
          .map((i) => t(i.key as MessageKey, i.params))
          .join(' ')}
      </p>
    ) : null;

  const pick = (la: number, lo: number, accuracyM?: number) => {
    setLat(la.toFixed(6));
    setLon(lo.toFixed(6));
    if (accuracyM !== undefined) set('uncertaintyM', String(Math.max(1, Math.round(accuracyM))));
  };

  const useGps = () => {
    if (!('geolocation' in navigator)) return setGps(t('field.gpsNone'));
    setGps(t('field.gpsWaiting'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        pick(p.coords.latitude, p.coords.longitude, p.coords.accuracy);
        setGps(t('field.gpsFix', { m: Math.round(p.coords.accuracy) }));
      },
      (err) => setGps(t('field.gpsError', { detail: err.message })),
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 10_000 },
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const reportId = `field-${crypto.randomUUID()}`;
    const { photos, blobs } = await preparePhotos(reportId, files);
    const built = buildObservation(
      { ...v, place },
      {
        id: reportId,
        sourceId,
        lang,
        evidence: photos.map((p) => ({ sha256: p.sha256, mediaType: p.mediaType })),
      },
    );
    if (!built.ok) {
      setIssues(built.issues);
      return;
    }
    setIssues([]);
    await onQueue(newReport({ ...built.observation, id: reportId }, photos, Date.now()), blobs);
    setDone(t('field.queued', { id: reportId }));
    setV((o) => ({ ...emptyForm(Date.now()), uncertaintyM: o.uncertaintyM }));
    setFiles([]);
    if (fileInput.current) fileInput.current.value = '';
  };

  const options = (prefix: string, values: readonly string[]) =>
    values.map((x) => (
      <option key={x} value={x}>
        {t(`${prefix}.${x}` as MessageKey)}
      </option>
    ));

  return (
    <form
      className="field-card report-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h2 id={`${id}-h`}>{t('field.newReport')}</h2>
      {issues.length > 0 && (
        <div className="field-error summary" role="alert" id="form-errors">
          {t('field.fixErrors', { n: issues.length })}
        </div>
      )}
      {done && (
        <p className="field-ok" role="status">
          {done}
        </p>
      )}

      <label htmlFor={fid('observedAt')}>{t('field.time')}</label>
      <input
        id={fid('observedAt')}
        name="observedAt"
        type="datetime-local"
        step={60}
        value={v.observedAt}
        onChange={(e) => set('observedAt', e.target.value)}
        aria-invalid={invalid('observedAt')}
        aria-describedby={described('observedAt')}
      />
      {errorText('observedAt')}

      <fieldset>
        <legend>{t('field.place')}</legend>
        <p className="hint">{t('field.placeHint')}</p>
        <button type="button" onClick={useGps} id="use-gps">
          {t('field.useGps')}
        </button>
        {gps && (
          <p className="note" role="status">
            {gps}
          </p>
        )}
        <FieldMap point={place} onPick={(la, lo) => pick(la, lo)} label={t('field.mapLabel')} />
        <div className="row">
          <div>
            <label htmlFor={`${id}-lat`}>{t('field.lat')}</label>
            <input
              id={`${id}-lat`}
              name="lat"
              inputMode="decimal"
              value={lat}
              onChange={(e) => setLat(e.target.value)}
              aria-invalid={invalid('place')}
              aria-describedby={described('place')}
            />
          </div>
          <div>
            <label htmlFor={`${id}-lon`}>{t('field.lon')}</label>
            <input
              id={`${id}-lon`}
              name="lon"
              inputMode="decimal"
              value={lon}
              onChange={(e) => setLon(e.target.value)}
              aria-invalid={invalid('place')}
              aria-describedby={described('place')}
            />
          </div>
          <div>
            <label htmlFor={fid('uncertaintyM')}>{t('field.uncertainty')}</label>
            <input
              id={fid('uncertaintyM')}
              name="uncertaintyM"
              inputMode="decimal"
              value={v.uncertaintyM}
              onChange={(e) => set('uncertaintyM', e.target.value)}
              aria-invalid={invalid('uncertaintyM')}
              aria-describedby={described('uncertaintyM')}
            />
          </div>
        </div>
        {errorText('place')}
        {errorText('uncertaintyM')}
      </fieldset>

      <fieldset>
        <legend>{t('field.bearing')}</legend>
        <div className="choices" role="radiogroup" aria-label={t('field.bearing')}>
          {(['none', 'compass', 'degrees'] as const satisfies readonly BearingMode[]).map((m) => (
            <label key={m} className="choice">
              <input
                type="radio"
                name="bearingMode"
                value={m}
                checked={v.bearingMode === m}
                onChange={() => set('bearingMode', m)}
              />
              {t(`field.bearing.${m}` as MessageKey)}
            </label>
          ))}
        </div>
        {v.bearingMode === 'compass' && (
          <>
            <label htmlFor={fid('compass')}>{t('field.compass')}</label>
            <select
              id={fid('compass')}
              name="compass"
              value={v.compass}
              onChange={(e) => set('compass', e.target.value)}
            >
              {COMPASS_POINTS.map((p) => (
                <option key={p} value={p}>
                  {t(`field.point.${p}` as MessageKey)}
                </option>
              ))}
            </select>
            {errorText('compass')}
          </>
        )}
        {v.bearingMode === 'degrees' && (
          <div className="row">
            <div>
              <label htmlFor={fid('degrees')}>{t('field.degrees')}</label>
              <input
                id={fid('degrees')}
                name="degrees"
                inputMode="decimal"
                value={v.degrees}
                onChange={(e) => set('degrees', e.target.value)}
                aria-invalid={invalid('degrees')}
                aria-describedby={described('degrees')}
              />
            </div>
            <div>
              <label htmlFor={fid('spreadDeg')}>{t('field.spread')}</label>
              <input
                id={fid('spreadDeg')}
                name="spreadDeg"
                inputMode="decimal"
                value={v.spreadDeg}
                onChange={(e) => set('spreadDeg', e.target.value)}
                aria-invalid={invalid('spreadDeg')}
                aria-describedby={described('spreadDeg')}
              />
            </div>
          </div>
        )}
        {errorText('degrees')}
        {errorText('spreadDeg')}
        <div className="row">
          <div>
            <label htmlFor={`${id}-dmin`}>{t('field.distanceMin')}</label>
            <input
              id={`${id}-dmin`}
              name="distanceMin"
              inputMode="decimal"
              value={v.distanceMin}
              onChange={(e) => set('distanceMin', e.target.value)}
              aria-invalid={invalid('distance')}
              aria-describedby={described('distance')}
            />
          </div>
          <div>
            <label htmlFor={`${id}-dmax`}>{t('field.distanceMax')}</label>
            <input
              id={`${id}-dmax`}
              name="distanceMax"
              inputMode="decimal"
              value={v.distanceMax}
              onChange={(e) => set('distanceMax', e.target.value)}
              aria-invalid={invalid('distance')}
              aria-describedby={described('distance')}
            />
          </div>
        </div>
        {errorText('distance')}
      </fieldset>

      <fieldset>
        <legend>{t('field.what')}</legend>
        <label htmlFor={fid('event')}>{t('field.event')}</label>
        <select
          id={fid('event')}
          name="event"
          value={v.event}
          onChange={(e) => set('event', e.target.value)}
          aria-invalid={invalid('event')}
          aria-describedby={described('event')}
        >
          <option value="">{t('field.choose')}</option>
          {options('event', EVENT_KINDS)}
        </select>
        {errorText('event')}
        <label htmlFor={fid('weapon')}>{t('field.weapon')}</label>
        <select
          id={fid('weapon')}
          name="weapon"
          value={v.weapon}
          onChange={(e) => set('weapon', e.target.value)}
        >
          {options('weapon', WEAPON_KINDS)}
        </select>
        {errorText('weapon')}
        <div className="row">
          <div>
            <label htmlFor={fid('count')}>{t('field.count')}</label>
            <input
              id={fid('count')}
              name="count"
              inputMode="numeric"
              value={v.count}
              onChange={(e) => set('count', e.target.value)}
              aria-invalid={invalid('count')}
              aria-describedby={described('count')}
            />
          </div>
          <div>
            <label htmlFor={fid('direction')}>{t('panel.direction')}</label>
            <select
              id={fid('direction')}
              name="direction"
              value={v.direction}
              onChange={(e) => set('direction', e.target.value)}
            >
              {options('direction', DIRECTIONS)}
            </select>
          </div>
        </div>
        {errorText('count')}
        {errorText('direction')}
        <label htmlFor={fid('notes')}>{t('field.notes')}</label>
        <textarea
          id={fid('notes')}
          name="notes"
          rows={3}
          value={v.notes}
          onChange={(e) => set('notes', e.target.value)}
          aria-invalid={invalid('notes')}
          aria-describedby={described('notes')}
        />
        {errorText('notes')}
        <label htmlFor={`${id}-photos`}>{t('field.photos')}</label>
        <input
          ref={fileInput}
          id={`${id}-photos`}
          name="photos"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
        />
        {files.length > 0 && <p className="note">{t('field.photosChosen', { n: files.length })}</p>}
      </fieldset>

      <button type="submit" className="primary" id="queue-report">
        {t('field.queue')}
      </button>
    </form>
  );
}
