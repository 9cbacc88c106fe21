import { useCallback, useEffect, useState } from 'react';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';
import { useI18n } from '../i18n/I18n.js';
import { me, RetryableError, type FieldUser } from './api.js';
import { FieldLogin } from './FieldLogin.js';
import { Outbox } from './Outbox.js';
import { openOutbox } from './outbox-db.js';
import type { QueuedReport } from './queue.js';
import { ReportForm } from './ReportForm.js';
import { Syncer } from './sync.js';

const USER_KEY = 'truceline.field.user';

/** Who was signed in last: offline, the server cannot be asked, and reports still need a name. */
function rememberedUser(): FieldUser | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as FieldUser) : null;
  } catch {
    return null;
  }
}

function remember(u: FieldUser | null): void {
  try {
    if (u) localStorage.setItem(USER_KEY, JSON.stringify(u));
    else localStorage.removeItem(USER_KEY);
  } catch {
    // Private mode without storage: the session still works while the app is open.
  }
}

/**
 * The field app: a monitor files reports on a tablet, online or not. Reports wait in the
 * outbox (IndexedDB) and are sent by the Syncer whenever the network allows.
 */
export function FieldApp() {
  const { t } = useI18n();
  const [user, setUser] = useState<FieldUser | null>(rememberedUser);
  const [checked, setChecked] = useState(false);
  const [syncer, setSyncer] = useState<Syncer | null>(null);
  const [reports, setReports] = useState<readonly QueuedReport[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  const [storageError, setStorageError] = useState<string | null>(null);

  useEffect(() => {
    me().then(
      (u) => {
        setUser(u);
        remember(u);
        setChecked(true);
      },
      (err: unknown) => {
        // Offline: trust the name remembered; the server checks the session when it is reached.
        if (!(err instanceof RetryableError)) setUser(null);
        setChecked(true);
      },
    );
  }, []);

  useEffect(() => {
    let s: Syncer | null = null;
    let unsubscribe = () => {};
    let cancelled = false;
    openOutbox().then(
      async (outbox) => {
        if (cancelled) return;
        s = new Syncer(outbox, () => {
          setUser(null);
          remember(null);
        });
        unsubscribe = s.subscribe(setReports);
        await s.start();
        setSyncer(s);
      },
      (err: unknown) => setStorageError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
      unsubscribe();
      s?.stop();
    };
  }, []);

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);

  const onUser = useCallback(
    (u: FieldUser) => {
      setUser(u);
      remember(u);
      void syncer?.sync(true);
    },
    [syncer],
  );

  return (
    <div className="field-app">
      <header className="field-top">
        <h1>{t('field.title')}</h1>
        <LanguageSwitcher />
        {user && <span className="who">{t('auth.signedIn', { name: user.name })}</span>}
      </header>
      <main className="field-main" data-ready={syncer !== null && checked ? 'true' : 'false'}>
        {storageError && (
          <p className="field-error" role="alert">
            {t('field.storageError', { detail: storageError })}
          </p>
        )}
        {checked && !user && <FieldLogin onUser={onUser} />}
        {user && syncer && (
          <ReportForm sourceId={user.name} onQueue={(r, photos) => syncer.add(r, photos)} />
        )}
        <Outbox
          reports={reports}
          online={online}
          onSync={() => void syncer?.sync(true)}
          onResend={(id) => void syncer?.resend(id)}
          onForget={(id) => void syncer?.forget(id)}
        />
      </main>
    </div>
  );
}
