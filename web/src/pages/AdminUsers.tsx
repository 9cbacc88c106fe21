import { useState, type FormEvent } from 'react';
import { createUser, disableUser, listUsers, resetPassword, ROLES } from '../api/pages.js';
import type { Agreement } from '../api/types.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Act } from './AdminPage.js';
import { useLoad } from './useLoad.js';

/** Users: the list, a new user (a liaison with its party), disable and password reset. */
export function AdminUsers({ act, agreement }: { act: Act; agreement: Agreement | null }) {
  const { t, dateTime } = useI18n();
  const { state, reload } = useLoad(listUsers);
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('monitor');
  const [party, setParty] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const out = await createUser({
        name,
        role,
        party: role === 'liaison' ? party || null : null,
      });
      setName('');
      reload();
      return {
        ok: true,
        text: t('admin.created', { name: out.user.name }),
        ...(out.password ? { secret: out.password } : {}),
      };
    });
  };
  const roleName = (r: string) => t(`role.${r}` as MessageKey);
  return (
    <section aria-labelledby="admin-users">
      <h3 id="admin-users">{t('admin.users')}</h3>
      <form className="inline-form" onSubmit={submit} aria-labelledby="admin-new-user">
        <h4 id="admin-new-user">{t('admin.newUser')}</h4>
        <label>
          {t('auth.name')}{' '}
          <input
            name="new-user-name"
            required
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          {t('admin.role')}{' '}
          <select name="new-user-role" value={role} onChange={(e) => setRole(e.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </label>
        {role === 'liaison' && (
          <label>
            {t('admin.party')}{' '}
            <select
              name="new-user-party"
              required
              value={party}
              onChange={(e) => setParty(e.target.value)}
            >
              <option value="">—</option>
              {(agreement?.parties ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit">{t('admin.create')}</button>
      </form>
      {state.status === 'error' && (
        <p className="error" role="alert">
          {state.detail}
        </p>
      )}
      {state.status === 'ready' && (
        <table className="data users" data-count={state.data.length}>
          <caption className="visually-hidden">{t('admin.users')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('auth.name')}</th>
              <th scope="col">{t('admin.role')}</th>
              <th scope="col">{t('admin.party')}</th>
              <th scope="col">{t('admin.created.at')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((u) => (
              <tr key={u.name} data-user={u.name} data-disabled={u.disabled}>
                <td>{u.name}</td>
                <td>{roleName(u.role)}</td>
                <td>{u.party ?? '—'}</td>
                <td>{dateTime(u.createdAt)}</td>
                <td>
                  {u.disabled
                    ? t('admin.disabled')
                    : u.mustChangePassword
                      ? t('admin.mustChange')
                      : t('admin.active')}
                </td>
                <td>
                  {!u.disabled && (
                    <div className="actions">
                      <ConfirmButton
                        label={t('admin.disable')}
                        name={u.name}
                        onConfirm={() =>
                          void act(async () => {
                            await disableUser(u.name);
                            reload();
                            return { ok: true, text: t('admin.disabledOne', { name: u.name }) };
                          })
                        }
                      />
                      <ConfirmButton
                        label={t('admin.reset')}
                        name={u.name}
                        onConfirm={() =>
                          void act(async () => {
                            const out = await resetPassword(u.name);
                            reload();
                            return {
                              ok: true,
                              text: t('admin.resetOne', { name: u.name }),
                              secret: out.password,
                            };
                          })
                        }
                      />
                    </div>
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
