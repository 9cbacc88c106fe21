import { useState } from 'react';
import { addDevice, listDevices, revokeDevice } from '../api/pages.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { useI18n } from '../i18n/I18n.js';
import type { Act } from './AdminPage.js';
import { useLoad } from './useLoad.js';

/** Sensor gateways: the registered keys, a new one, and revocation. */
export function AdminDevices({ act }: { act: Act }) {
  const { t, dateTime } = useI18n();
  const { state, reload } = useLoad(listDevices);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  return (
    <section aria-labelledby="admin-devices">
      <h3 id="admin-devices">{t('admin.devices')}</h3>
      <form
        className="inline-form"
        aria-labelledby="admin-new-device"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const d = await addDevice({ name, publicKey: publicKey.trim() });
            setName('');
            setPublicKey('');
            reload();
            return { ok: true, text: t('admin.deviceAdded', { id: d.id }) };
          });
        }}
      >
        <h4 id="admin-new-device">{t('admin.newDevice')}</h4>
        <label>
          {t('auth.name')}{' '}
          <input
            name="device-name"
            required
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          {t('admin.publicKey')}{' '}
          <input
            name="device-key"
            required
            maxLength={100}
            size={48}
            value={publicKey}
            onChange={(e) => setPublicKey(e.target.value)}
          />
        </label>
        <button type="submit">{t('admin.add')}</button>
      </form>
      {state.status === 'error' && (
        <p className="error" role="alert">
          {state.detail}
        </p>
      )}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <p className="note">{t('admin.noDevices')}</p>
        ) : (
          <table className="data devices" data-count={state.data.length}>
            <caption className="visually-hidden">{t('admin.devices')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.deviceId')}</th>
                <th scope="col">{t('auth.name')}</th>
                <th scope="col">{t('admin.publicKey')}</th>
                <th scope="col">{t('admin.created.at')}</th>
                <th scope="col">{t('admin.state')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((d) => (
                <tr key={d.id} data-device={d.id}>
                  <td>
                    <code>{d.id}</code>
                  </td>
                  <td>{d.name}</td>
                  <td>
                    <code className="key">{d.publicKey}</code>
                  </td>
                  <td>{dateTime(d.createdAt)}</td>
                  <td>
                    {d.revokedAt
                      ? t('admin.revokedAt', { at: dateTime(d.revokedAt) })
                      : t('admin.active')}
                  </td>
                  <td>
                    {!d.revokedAt && (
                      <ConfirmButton
                        label={t('admin.revoke')}
                        name={d.name}
                        onConfirm={() =>
                          void act(async () => {
                            await revokeDevice(d.id);
                            reload();
                            return { ok: true, text: t('admin.deviceRevoked', { id: d.id }) };
                          })
                        }
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
