import { useState } from 'react';
import type { Agreement } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';
import { AdminDevices } from './AdminDevices.js';
import { AdminTokens } from './AdminTokens.js';
import { AdminUsers } from './AdminUsers.js';
import { errorText } from './useLoad.js';

export type Outcome = { readonly ok: boolean; readonly text: string; readonly secret?: string };

/**
 * Identity administration (admins): users (create, disable, reset the password), API tokens
 * (create for a user, revoke) and sensor-gateway keys (register, revoke), through the same
 * routes as `truceline user|token|device`. A one-time password or a token is shown once.
 */
export function AdminPage({ agreement }: { agreement: Agreement | null }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const act = async (run: () => Promise<Outcome>) => {
    try {
      setOutcome(await run());
    } catch (err) {
      setOutcome({ ok: false, text: t('admin.failed', { detail: errorText(err) }) });
    }
  };
  return (
    <div className="admin-page">
      <div role="status" className="outcome">
        {outcome && (
          <p className={outcome.ok ? 'done' : 'error'}>
            {outcome.text}
            {outcome.secret && (
              <>
                {' '}
                <code className="secret" data-secret="">
                  {outcome.secret}
                </code>
              </>
            )}
          </p>
        )}
      </div>
      <AdminUsers act={act} agreement={agreement} />
      <AdminTokens act={act} />
      <AdminDevices act={act} />
    </div>
  );
}

/** Runs an administrative step and shows its outcome (or the server's refusal). */
export type Act = (run: () => Promise<Outcome>) => Promise<void>;
