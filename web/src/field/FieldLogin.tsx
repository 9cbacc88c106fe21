import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18n.js';
import { login, type FieldUser } from './api.js';

/** Signing in, needed once per session: the reports are filed under the monitor's name. */
export function FieldLogin({ onUser }: { readonly onUser: (u: FieldUser) => void }) {
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
      setError(
        t('field.loginFailed', { detail: err instanceof Error ? err.message : String(err) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="field-card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('field.loginTitle')}</h2>
      <p>{t('field.loginHint')}</p>
      <label htmlFor={`${id}-n`}>{t('auth.name')}</label>
      <input
        id={`${id}-n`}
        name="name"
        autoComplete="username"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <label htmlFor={`${id}-p`}>{t('auth.password')}</label>
      <input
        id={`${id}-p`}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('auth.login')}
      </button>
    </form>
  );
}
