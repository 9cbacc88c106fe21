import { useEffect, useRef } from 'react';
import type { Agreement, User } from '../api/types.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { AdminPage } from './AdminPage.js';
import { AlertsPage } from './AlertsPage.js';
import { DeclarationsPage } from './DeclarationsPage.js';
import { mayOpen, type PageId } from './page-route.js';
import { QueuePage } from './QueuePage.js';
import { ReportsPage } from './ReportsPage.js';
import './pages.css';

export interface PageViewProps {
  readonly page: Exclude<PageId, 'map'>;
  readonly user: User | null;
  readonly agreement: Agreement | null;
  /** Opens an incident's page on the map. */
  readonly onOpenIncident: (id: string) => void;
}

/**
 * A page other than the map: its heading (focused when the page opens, so a screen reader
 * announces where the link led) and its content, or why the caller may not see it.
 */
export function PageView({ page, user, agreement, onOpenIncident }: PageViewProps) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [page]);
  const allowed = mayOpen(page, user?.role ?? null);
  const who = user ? `${user.name}:${user.role}` : '';
  return (
    <main className="page-view" data-page={page}>
      <h2 className="page-title" tabIndex={-1} ref={heading}>
        {t(`nav.${page}` as MessageKey)}
      </h2>
      {!allowed ? (
        <p className="note" role="status">
          {t(user ? 'pages.forbidden' : 'pages.loginNeeded')}
        </p>
      ) : page === 'reports' ? (
        <ReportsPage />
      ) : page === 'alerts' ? (
        <AlertsPage key={who} role={user!.role} />
      ) : page === 'declarations' ? (
        <DeclarationsPage key={who} user={user!} agreement={agreement} />
      ) : page === 'queue' ? (
        <QueuePage key={who} onOpenIncident={onOpenIncident} />
      ) : (
        <AdminPage key={who} agreement={agreement} />
      )}
    </main>
  );
}
