import { useState } from 'react';
import { useI18n } from '../i18n/I18n.js';
import { parseVerifierKey, SIG_COSIGNATURE_V1, SIG_ED25519 } from '../proof/note.js';
import type { Trust } from '../proof/verify.js';

const STORAGE_KEY = 'truceline.trust';

/** The keys this reader trusts, as kept in the browser (none by default). */
export function loadTrust(): Trust {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return {};
    const t = JSON.parse(raw) as {
      logKey?: unknown;
      witnessKeys?: unknown;
      minWitnesses?: unknown;
    };
    return {
      logKey: typeof t.logKey === 'string' && t.logKey ? t.logKey : undefined,
      witnessKeys: Array.isArray(t.witnessKeys)
        ? t.witnessKeys.filter((k): k is string => typeof k === 'string')
        : [],
      minWitnesses: typeof t.minWitnesses === 'number' ? t.minWitnesses : 0,
    };
  } catch {
    return {};
  }
}

function saveTrust(t: Trust): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(t));
  } catch {
    // Storage refused (private mode): the keys hold for this page only.
  }
}

/**
 * The keys the reader trusts for the ledger proof: the mission's log key (`truceline ledger
 * key`, obtained out of band) and the witnesses' cosigner keys, with how many cosignatures to
 * require. Kept in this browser only; each key is checked (format and key ID) before it is kept.
 */
export function TrustedKeys({ onChange }: { onChange: (t: Trust) => void }) {
  const { t } = useI18n();
  const [trust] = useState(loadTrust);
  const [logKey, setLogKey] = useState(trust.logKey ?? '');
  const [witnesses, setWitnesses] = useState((trust.witnessKeys ?? []).join('\n'));
  const [min, setMin] = useState(String(trust.minWitnesses ?? 0));
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const witnessKeys = witnesses
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const minWitnesses = Number(min);
    try {
      if (logKey.trim() && (await parseVerifierKey(logKey)).type !== SIG_ED25519)
        throw new Error(t('trust.notLogKey'));
      for (const w of witnessKeys)
        if ((await parseVerifierKey(w)).type !== SIG_COSIGNATURE_V1)
          throw new Error(t('trust.notWitnessKey', { key: w.split('+')[0] ?? w }));
      if (
        !Number.isSafeInteger(minWitnesses) ||
        minWitnesses < 0 ||
        minWitnesses > witnessKeys.length
      )
        throw new Error(t('trust.badMin', { n: witnessKeys.length }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    const next: Trust = { logKey: logKey.trim() || undefined, witnessKeys, minWitnesses };
    setError(null);
    saveTrust(next);
    onChange(next);
  };

  return (
    <details className="trusted-keys">
      <summary>{t('trust.title')}</summary>
      <p className="note">{t('trust.hint')}</p>
      <label>
        {t('trust.logKey')}
        <input
          type="text"
          name="log-key"
          spellCheck={false}
          value={logKey}
          onChange={(e) => setLogKey(e.target.value)}
        />
      </label>
      <label>
        {t('trust.witnessKeys')}
        <textarea
          name="witness-keys"
          rows={3}
          spellCheck={false}
          value={witnesses}
          onChange={(e) => setWitnesses(e.target.value)}
        />
      </label>
      <label>
        {t('trust.minWitnesses')}{' '}
        <input
          type="number"
          name="min-witnesses"
          min={0}
          value={min}
          onChange={(e) => setMin(e.target.value)}
        />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="button" onClick={() => void save()}>
        {t('trust.save')}
      </button>
    </details>
  );
}
