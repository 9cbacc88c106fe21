import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, changePassword, login, logout, mayHaveSession, me } from '../api/client.js';
import type { User } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';

export interface AuthControlsProps {
  readonly user: User | null;
  readonly onUser: (u: User | null) => void;
}

/**
 * Who is looking: "Public view" and a login form, or the signed-in name and role with a logout
 * button. The public view needs no login. A user holding a one-time password is asked for a new
 * one first (the API refuses everything else until then).
 */
export function AuthControls({ user, onUser }: AuthControlsProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!mayHaveSession()) return;
    me().then(onUser, () => onUser(null));
  }, [onUser]);

  if (user) {
    return (
      <div className="auth">
        <span className="who">{t('auth.signedIn', { name: user.name })}</span>
        <span className="role" data-role={user.role}>
          {t('auth.role', { role: t(`role.${user.role}` as MessageKey) })}
        </span>
        <button type="button" onClick={() => logout().finally(() => onUser(null))}>
          {t('auth.logout')}
        </button>
        {user.mustChangePassword && <ChangePasswordForm onUser={onUser} />}
      </div>
    );
  }
  return (
    <div className="auth">
      <span className="who">{t('auth.public')}</span>
      {open ? (
        <LoginForm onUser={onUser} onCancel={() => setOpen(false)} />
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          {t('auth.login')}
        </button>
      )}
    </div>
  );
}

function LoginForm({ onUser, onCancel }: { onUser: (u: User) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onUser(await login(name, password));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('auth.failed'));
      else if (err instanceof ApiError && err.status === 429) setError(t('auth.locked'));
      else setError(t('auth.error', { detail: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login" onSubmit={submit} aria-label={t('auth.login')}>
      <label htmlFor={`${id}-name`}>{t('auth.name')}</label>
      <input
        id={`${id}-name`}
        name="username"
        autoComplete="username"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        autoFocus
      />
      <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
      <input
        id={`${id}-password`}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <button type="submit" disabled={busy}>
        {t('auth.login')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('auth.cancel')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ChangePasswordForm({ onUser }: { onUser: (u: User) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onUser(await changePassword(current, next));
    } catch (err) {
      const issues =
        err instanceof ApiError ? err.problem?.errors?.map((i) => i.reason).join('; ') : null;
      setError(issues || (err instanceof Error ? err.message : String(err)));
    }
  };

  return (
    <form className="login" onSubmit={submit} aria-label={t('auth.changePassword')}>
      <p>{t('auth.mustChange')}</p>
      <label htmlFor={`${id}-current`}>{t('auth.currentPassword')}</label>
      <input
        id={`${id}-current`}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        required
      />
      <label htmlFor={`${id}-new`}>{t('auth.newPassword')}</label>
      <input
        id={`${id}-new`}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        required
      />
      <button type="submit">{t('auth.changePassword')}</button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
