import type { MouseEvent } from 'react';
import type { Role } from '../api/vocabulary.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { pagesFor, withPage, type PageId } from '../pages/page-route.js';

export interface PageNavProps {
  readonly page: PageId;
  /** The signed-in role, or null for the public view. */
  readonly role: Role | null;
  readonly onPage: (page: PageId) => void;
}

/**
 * The dashboard's pages, as links (each has its own URL, so it opens in a new tab too), offered
 * only to the roles that may use them; the open one is marked `aria-current="page"`.
 */
export function PageNav({ page, role, onPage }: PageNavProps) {
  const { t } = useI18n();
  const follow = (p: PageId) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onPage(p);
  };
  return (
    <nav className="page-nav" aria-label={t('nav.label')}>
      <ul>
        {pagesFor(role).map((p) => (
          <li key={p}>
            <a
              href={withPage(window.location.search, p) || '?'}
              data-page={p}
              aria-current={p === page ? 'page' : undefined}
              onClick={follow(p)}
            >
              {t(`nav.${p}` as MessageKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
