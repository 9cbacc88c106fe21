import { useId, useState } from 'react';
import {
  listReports,
  REPORT_LANGS,
  reportUrl,
  type PublishedReport,
  type ReportLang,
} from '../api/pages.js';
import { useI18n } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { useLoad } from './useLoad.js';

/**
 * Published daily and weekly reports (public): the list, newest first; one opened in the page
 * as the server renders it (HTML in a sandboxed frame: no script, its own origin), and each
 * downloadable as PDF in English, Ukrainian and Russian.
 */
export function ReportsPage() {
  const { t, lang, dateTime, num } = useI18n();
  const { state } = useLoad(listReports);
  const [open, setOpen] = useState<PublishedReport | null>(null);
  const [readLang, setReadLang] = useState<ReportLang>(lang);
  const langId = useId();

  if (state.status === 'loading') return <p className="busy">{t('count.loading')}</p>;
  if (state.status === 'error')
    return (
      <p className="error" role="alert">
        {t('reports.error', { detail: state.detail })}
      </p>
    );
  const reports = state.data;
  const key = (r: PublishedReport) => `${r.kind}:${r.date}`;
  return (
    <div className="reports-page">
      {reports.length === 0 ? (
        <p className="note">{t('reports.none')}</p>
      ) : (
        <table className="data" data-count={reports.length}>
          <caption>{t('reports.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.date')}</th>
              <th scope="col">{t('reports.kind')}</th>
              <th scope="col">{t('reports.period')}</th>
              <th scope="col">{t('reports.approved')}</th>
              <th scope="col">{t('reports.ledger')}</th>
              <th scope="col">{t('reports.read')}</th>
              <th scope="col">{t('reports.pdf')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr
                key={key(r)}
                data-report={key(r)}
                className={open && key(open) === key(r) ? 'current' : undefined}
              >
                <td>{r.date}</td>
                <td>{t(`reports.kind.${r.kind}` as MessageKey)}</td>
                <td>{t('reports.window', { from: dateTime(r.from), to: dateTime(r.to) })}</td>
                <td>
                  {r.approvedBy}, {dateTime(r.approvedAt)}
                </td>
                <td>#{num(r.ledgerIndex)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('reports.openOne', { date: r.date })}
                    onClick={() => setOpen(r)}
                  >
                    {t('reports.open')}
                  </button>
                </td>
                <td className="downloads">
                  {REPORT_LANGS.map((l) => (
                    <a
                      key={l}
                      href={reportUrl(r, l, 'pdf')}
                      download={`truceline-${r.kind}-${r.date}-${l}.pdf`}
                      hrefLang={l}
                      aria-label={`${l.toUpperCase()}: ${t('reports.pdfIn', {
                        date: r.date,
                        lang: t(`reports.lang.${l}` as MessageKey),
                      })}`}
                    >
                      {l.toUpperCase()}
                    </a>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <section className="report-reader" aria-labelledby="report-reader-title">
          <div className="reader-head">
            <h3 id="report-reader-title">
              {t('reports.reading', {
                kind: t(`reports.kind.${open.kind}` as MessageKey),
                date: open.date,
              })}
            </h3>
            <label htmlFor={langId}>{t('reports.language')}</label>
            <select
              id={langId}
              name="report-lang"
              value={readLang}
              onChange={(e) => setReadLang(e.target.value as ReportLang)}
            >
              {REPORT_LANGS.map((l) => (
                <option key={l} value={l}>
                  {t(`reports.lang.${l}` as MessageKey)}
                </option>
              ))}
            </select>
            <a href={reportUrl(open, readLang, 'html')} target="_blank" rel="noopener">
              {t('reports.newTab')}
            </a>
            <button type="button" className="secondary" onClick={() => setOpen(null)}>
              {t('panel.close')}
            </button>
          </div>
          <iframe
            className="report-frame"
            title={t('reports.frameTitle', { date: open.date })}
            src={reportUrl(open, readLang, 'html')}
            sandbox=""
            referrerPolicy="no-referrer"
          />
        </section>
      )}
    </div>
  );
}
