import { useCallback, useEffect, useState } from 'react';
import { parsePage, withPage, type PageId } from './page-route.js';

/**
 * The open page and a way to open another: each page is a history entry (back returns to the
 * previous page) and lives in the URL's `page` parameter, so a link opens it.
 */
export function usePage(): readonly [PageId, (page: PageId) => void] {
  const [page, setPage] = useState<PageId>(() => parsePage(window.location.search));
  useEffect(() => {
    const onPop = () => setPage(parsePage(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const open = useCallback((next: PageId) => {
    const url = withPage(window.location.search, next);
    if (url !== window.location.search) window.history.pushState(null, '', url || '?');
    setPage(next);
  }, []);
  return [page, open] as const;
}
