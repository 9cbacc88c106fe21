import { useMemo } from 'react';
import { noticeAreas, type NoticeAreaCollection } from '../api/notice-areas.js';
import { listNotices, listSilences, type StoredNotice, type StoredSilence } from '../api/pages.js';
import { usePolledLoad } from '../api/usePolledLoad.js';
import type { Role } from '../api/vocabulary.js';

/** Roles that may read windows of silence (GET /api/v1/silences); everyone reads notices. */
const SILENCE_READERS: readonly Role[] = [
  'monitor',
  'analyst',
  'chief',
  'admin',
  'liaison',
  'guarantor',
];
const REFRESH_MS = 60_000;

type Item = { notice: StoredNotice } | { silence: StoredSilence };

/**
 * The de-confliction areas the caller may see for the map's time window, asked again when the
 * caller changes and every minute.
 */
export function useNoticeAreas(opts: {
  readonly enabled: boolean;
  readonly role: Role | null;
  /** Who is asking (name:role), so a login or logout asks again. */
  readonly who: string;
  readonly fromMs: number | null;
  readonly toMs: number | null;
}): { data: NoticeAreaCollection; error: string | null; ready: boolean } {
  const withSilences = opts.role !== null && SILENCE_READERS.includes(opts.role);
  const loaded = usePolledLoad<Item>(
    `${opts.who}|${withSilences}`,
    opts.enabled,
    async (signal) => {
      const [notices, silences] = await Promise.all([
        listNotices(signal),
        withSilences ? listSilences(signal) : Promise.resolve([]),
      ]);
      return {
        features: [
          ...notices.map((notice) => ({ notice })),
          ...silences.map((silence) => ({ silence })),
        ],
        truncated: false,
      };
    },
    REFRESH_MS,
  );
  const { features, state } = loaded;
  // With no window on the map, what is in force now or still to come.
  const from = opts.fromMs ?? (opts.toMs === null ? Date.now() : null);
  const data = useMemo(
    () =>
      noticeAreas(
        features.flatMap((f) => ('notice' in f ? [f.notice] : [])),
        features.flatMap((f) => ('silence' in f ? [f.silence] : [])),
        from,
        opts.toMs,
      ),
    // `from` follows the clock only when the map has no window; a minute's drift is fine.
    [features, opts.fromMs, opts.toMs],
  );
  return {
    data,
    error: state.status === 'error' ? state.detail : null,
    ready: state.status === 'ready',
  };
}
