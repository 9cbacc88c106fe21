import { useState } from 'react';
import { createToken, listTokens, revokeToken, TOKEN_SCOPES, type ApiToken } from '../api/pages.js';
import { useLoad } from './useLoad.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { useI18n } from '../i18n/I18n.js';
import type { Act } from './AdminPage.js';

/** API tokens: one created for a user (shown once), and revoked by id or from the list. */
export function AdminTokens({ act }: { act: Act }) {
  const { t, dateTime } = useI18n();
  const [user, setUser] = useState('');
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState<readonly string[]>(['observations:read']);
  const [revokeId, setRevokeId] = useState('');
  // Every token from the server (never a secret), with what was created or revoked here on top.
  const { state } = useLoad(listTokens);
  const [changed, setChanged] = useState<readonly ApiToken[]>([]);
  const remember = (tok: ApiToken) =>
    setChanged((list) => [tok, ...list.filter((x) => x.id !== tok.id)]);
  const listed = state.status === 'ready' ? state.data : [];
  const issued = [...changed, ...listed.filter((x) => !changed.some((c) => c.id === x.id))];
  const revoke = (id: string) =>
    act(async () => {
      const tok = await revokeToken(id);
      remember(tok);
      return { ok: true, text: t('admin.tokenRevoked', { id: tok.id }) };
    });
  return (
    <section aria-labelledby="admin-tokens">
      <h3 id="admin-tokens">{t('admin.tokens')}</h3>
      <form
        className="inline-form"
        aria-labelledby="admin-new-token"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const out = await createToken({ user, scopes: [...scopes], label });
            remember(out.record);
            return { ok: true, text: t('admin.tokenCreated', { user }), secret: out.token };
          });
        }}
      >
        <h4 id="admin-new-token">{t('admin.newToken')}</h4>
        <label>
          {t('admin.tokenUser')}{' '}
          <input
            name="token-user"
            required
            value={user}
            onChange={(e) => setUser(e.target.value)}
          />
        </label>
        <label>
          {t('admin.tokenLabel')}{' '}
          <input
            name="token-label"
            maxLength={200}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{t('admin.scopes')}</legend>
          {TOKEN_SCOPES.map((s) => (
            <label key={s}>
              <input
                type="checkbox"
                name="token-scope"
                value={s}
                checked={scopes.includes(s)}
                onChange={() =>
                  setScopes((v) => (v.includes(s) ? v.filter((x) => x !== s) : [...v, s]))
                }
              />{' '}
              <code>{s}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={scopes.length === 0}>
          {t('admin.create')}
        </button>
      </form>
      <form
        className="inline-form"
        aria-labelledby="admin-revoke-token"
        onSubmit={(e) => {
          e.preventDefault();
          void revoke(revokeId.trim());
        }}
      >
        <h4 id="admin-revoke-token">{t('admin.revokeToken')}</h4>
        <label>
          {t('admin.tokenId')}{' '}
          <input
            name="token-id"
            required
            maxLength={64}
            value={revokeId}
            onChange={(e) => setRevokeId(e.target.value)}
          />
        </label>
        <button type="submit">{t('admin.revoke')}</button>
      </form>
      <p className="note">{t('admin.tokensNote')}</p>
      {issued.length > 0 && (
        <table className="data tokens" data-count={issued.length}>
          <caption className="visually-hidden">{t('admin.tokens')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.tokenId')}</th>
              <th scope="col">{t('admin.tokenUser')}</th>
              <th scope="col">{t('admin.scopes')}</th>
              <th scope="col">{t('admin.created.at')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {issued.map((tok) => (
              <tr key={tok.id} data-token={tok.id}>
                <td>
                  <code>{tok.id}</code> {tok.label}
                </td>
                <td>{tok.user}</td>
                <td>{tok.scopes.join(', ')}</td>
                <td>{dateTime(tok.createdAt)}</td>
                <td>
                  {tok.revokedAt
                    ? t('admin.revokedAt', { at: dateTime(tok.revokedAt) })
                    : t('admin.active')}
                </td>
                <td>
                  {!tok.revokedAt && (
                    <ConfirmButton
                      label={t('admin.revoke')}
                      name={tok.id}
                      onConfirm={() => void revoke(tok.id)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
