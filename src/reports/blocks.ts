/**
 * Building blocks of the report outline that several sections share: count tables with the
 * five categories, the findings with the parties' replies, and the publication footer.
 */
import {
  VIOLATION_CATEGORIES,
  type CountRow,
  type ReportModel,
  type ViolationBreakdown,
} from '../domain/report/types.js';
import type { ReportText } from './i18n.js';
import type { MessageKey } from './messages/index.js';
import type { Block, Section } from './outline.js';
import { sideName } from './sentences.js';

export const CATEGORY_KEYS = VIOLATION_CATEGORIES.map((c) => `category.${c}` as MessageKey);

export function paragraph(text: string): Block {
  return { type: 'paragraph', text };
}

export function breakdownCells(text: ReportText, b: ViolationBreakdown): string[] {
  return [...VIOLATION_CATEGORIES.map((c) => text.number(b[c])), text.number(b.total)];
}

/** Signed change: "+13", "−3", "0". */
export function change(text: ReportText, current: number, previous: number): string {
  return new Intl.NumberFormat(text.locale, { signDisplay: 'exceptZero' }).format(
    current - previous,
  );
}

/** Region or sector table: the five parts, total, previous total, change; an all-areas row. */
export function countTable(
  text: ReportText,
  firstHead: string,
  rows: readonly CountRow[],
  name: (id: string) => string,
  totals: ReportModel['totals'],
): Block {
  return {
    type: 'table',
    head: [
      firstHead,
      ...CATEGORY_KEYS.map((k) => text.t(k)),
      text.t('table.total'),
      text.t('table.previous'),
      text.t('table.change'),
    ],
    numeric: [false, ...CATEGORY_KEYS.map(() => true), true, true, true],
    widths: [80, ...CATEGORY_KEYS.map(() => 57), 36, 50, 47],
    rows: [
      ...rows.map((r) => ({
        cells: [
          name(r.id),
          ...breakdownCells(text, r.current),
          text.number(r.previous.total),
          change(text, r.current.total, r.previous.total),
        ],
      })),
      {
        cells: [
          text.t('table.allAreas'),
          ...breakdownCells(text, totals.current),
          text.number(totals.previous.total),
          change(text, totals.current.total, totals.previous.total),
        ],
        total: true,
      },
    ],
  };
}

export function findingBlocks(text: ReportText, model: ReportModel): Block[] {
  if (model.findings.length === 0) return [paragraph(text.t('none.period'))];
  const blocks: Block[] = [paragraph(text.t('count.findings', { count: model.findings.length }))];
  for (const f of model.findings) {
    const items: { text: string; note?: string }[] = [
      { text: text.t('finding.attributedTo', { party: sideName(text, model, f.attributedTo) }) },
      { text: text.t('finding.provisions', { provisions: f.provisions.join(', ') }) },
      { text: text.t('finding.asWritten', { text: f.summary }) },
    ];
    if (f.escalationRelevant) items.push({ text: text.t('finding.escalation') });
    if (f.reply) {
      const status =
        f.reply.status === 'replied'
          ? text.t('reply.replied', {
              at: f.reply.repliedAt ? text.dateTime(f.reply.repliedAt) : '',
            })
          : text.t(f.reply.status === 'open' ? 'reply.open' : 'reply.lapsed');
      items.push({
        text: text.t('finding.reply', {
          party: sideName(text, model, f.reply.party),
          deadline: text.dateTime(f.reply.deadline),
          status,
        }),
        ...(f.reply.text ? { note: text.t('finding.replyText', { text: f.reply.text }) } : {}),
      });
    }
    if (f.disputes.length)
      items.push({
        text: text.t('finding.disputes', {
          disputes: f.disputes
            .map(
              (d) =>
                `${d.id} (${sideName(text, model, d.party)}, ${text.date(d.filedAt)}, ${text.label('dispute', d.status)})`,
            )
            .join('; '),
        }),
      });
    blocks.push(
      {
        type: 'paragraph',
        text: text.t('finding.heading', {
          id: f.findingId,
          incident: f.incidentId,
          issuedAt: text.dateTime(f.issuedAt),
        }),
      },
      { type: 'list', items },
    );
  }
  return blocks;
}

export function footer(text: ReportText, model: ReportModel): Section {
  const p = model.publication;
  if (!p) return { id: 'publication', heading: text.t('footer.draft'), blocks: [] };
  return {
    id: 'publication',
    heading: text.t('footer.checkpoint'),
    blocks: [
      paragraph(
        text.t('footer.published', {
          index: String(p.ledgerIndex),
          size: String(p.treeSize),
          root: p.rootHash,
          approvedBy: p.approvedBy,
          approvedAt: text.dateTime(p.approvedAt),
        }),
      ),
      paragraph(text.t('footer.modelHash', { hash: p.modelSha256 })),
      { type: 'preformatted', text: p.checkpoint },
    ],
  };
}
