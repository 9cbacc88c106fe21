/**
 * The report laid out in one language, independent of the output format: headings, sentences,
 * tables and figures, in the order of the OSCE SMM's daily reports. The HTML and PDF writers
 * draw this same outline, so the two formats cannot say different things.
 */
import type { ReportLang, ReportModel } from '../domain/report/types.js';
import { RESTRICTION_KINDS } from '../domain/movement/restrictions.js';
import { ReportText } from './i18n.js';
import type { MessageKey } from './messages/index.js';
import {
  comparison,
  notableSentence,
  sideName,
  statusLabel,
  summarySentences,
  withdrawalSentence,
} from './sentences.js';
import { renderTrendChart } from './svg/chart.js';
import { renderIncidentMap } from './svg/map.js';
import {
  breakdownCells,
  CATEGORY_KEYS,
  countTable,
  findingBlocks,
  footer,
  paragraph,
} from './blocks.js';
import type { ReportDocument, Section } from './outline.js';

export type { Block, ReportDocument, Section, TableRow } from './outline.js';

/** Lays out `model` in `lang`. */
export function layoutReport(model: ReportModel, lang: ReportLang): ReportDocument {
  const text = new ReportText(lang, model.period.timeZone);
  const { period } = model;
  const title = `${text.t(period.kind === 'daily' ? 'report.title.daily' : 'report.title.weekly')} — ${text.calendarDate(period.date)}`;
  const lines = [
    text.t('report.subtitle', {
      mission: model.missionId,
      agreement: model.agreement.title,
      version: model.agreement.version,
    }),
    text.t('report.period', {
      from: text.dateTime(period.from),
      to: text.dateTime(period.to),
      timeZone: period.timeZone,
    }),
    text.t('report.generated', { at: text.dateTime(model.generatedAt) }),
  ];
  const sections: Section[] = [];
  const [total, split] = summarySentences(text, model.totals);
  sections.push({
    id: 'summary',
    heading: text.t('section.summary'),
    blocks: [paragraph(total), paragraph(split)],
  });

  const regionName = (id: string) => text.t('region.name', { region: id });
  sections.push({
    id: 'by-region',
    heading: text.t('section.byRegion'),
    blocks: [countTable(text, text.t('table.region'), model.byRegion, regionName, model.totals)],
  });
  const sectorName = (id: string) =>
    id === 'outside'
      ? text.t('sector.outside')
      : (model.sectors.find((s) => s.id === id)?.name ?? id);
  sections.push({
    id: 'by-sector',
    heading: text.t('section.bySector'),
    blocks: [countTable(text, text.t('table.sector'), model.bySector, sectorName, model.totals)],
  });

  sections.push({
    id: 'notable',
    heading: text.t('section.notable'),
    blocks: model.notable.length
      ? [
          {
            type: 'list',
            items: model.notable.map((incident) => ({
              text: notableSentence(text, model, incident),
              note: `${incident.incidentId} · ${text.t('notable.attribution', {
                side: sideName(text, model, incident.side),
                status: statusLabel(text, incident.status),
              })}`,
            })),
          },
        ]
      : [paragraph(text.t('none.period'))],
  });

  sections.push({
    id: 'withdrawal',
    heading: text.t('section.withdrawal'),
    blocks: model.withdrawalBreaches.length
      ? [
          {
            type: 'list',
            items: model.withdrawalBreaches.map((b) => ({
              text: withdrawalSentence(text, model, b),
              note: `${b.incidentId} · ${text.t('notable.attribution', {
                side: sideName(text, model, b.side),
                status: statusLabel(text, b.status),
              })} ${text.t('table.confidence')}: ${new Intl.NumberFormat(text.locale, { style: 'percent' }).format(b.confidence)}`,
            })),
          },
        ]
      : [paragraph(text.t('none.period'))],
  });

  sections.push({
    id: 'disengagement',
    heading: text.t('section.disengagement'),
    blocks: model.disengagementAreas.length
      ? [
          {
            type: 'table',
            head: [
              text.t('table.area'),
              text.t('table.incidents'),
              text.t('table.previous'),
              ...CATEGORY_KEYS.map((k) => text.t(k)),
              text.t('table.total'),
            ],
            numeric: [false, true, true, ...CATEGORY_KEYS.map(() => true), true],
            widths: [89, 43, 48, ...CATEGORY_KEYS.map(() => 57), 36],
            rows: model.disengagementAreas.map((a) => ({
              cells: [
                a.name,
                text.number(a.incidents),
                text.number(a.previousIncidents),
                ...breakdownCells(text, a.violations),
              ],
            })),
          },
          ...model.disengagementAreas.map((a) =>
            paragraph(
              text.t('disengagement.sentence', {
                name: a.name,
                incidents: text.t('count.incidents', { count: a.incidents }),
                previous: a.previousIncidents,
                violations: a.violations.total,
              }),
            ),
          ),
        ]
      : [paragraph(text.t('none.period'))],
  });

  const fom = model.movementRestrictions;
  const kindKeys = RESTRICTION_KINDS.map((k) => `restriction.${k}` as MessageKey);
  sections.push({
    id: 'movement',
    heading: text.t('section.movement'),
    blocks: [
      paragraph(
        text.t('movement.sentence', {
          times: text.t('count.restrictions', { count: fom.total }),
          comparison: comparison(text, fom.total, fom.previousTotal),
        }),
      ),
      ...(fom.byParty.length
        ? [
            {
              type: 'table' as const,
              head: [
                text.t('table.party'),
                ...kindKeys.map((k) => text.t(k)),
                text.t('table.total'),
              ],
              numeric: [false, ...kindKeys.map(() => true), true],
              widths: [2.2, ...kindKeys.map(() => 1.3), 1],
              rows: [
                ...fom.byParty.map((p) => ({
                  cells: [
                    p.party === 'unattributed'
                      ? text.t('movement.unattributed')
                      : sideName(text, model, p.party),
                    ...RESTRICTION_KINDS.map((k) => text.number(p.byKind[k])),
                    text.number(p.total),
                  ],
                })),
                {
                  cells: [
                    text.t('table.total'),
                    ...RESTRICTION_KINDS.map((k) => text.number(fom.byKind[k])),
                    text.number(fom.total),
                  ],
                  total: true,
                },
              ],
            },
          ]
        : []),
    ],
  });

  const cas = model.civilianCasualties;
  sections.push({
    id: 'casualties',
    heading: text.t('section.casualties'),
    blocks: [
      paragraph(text.t('casualties.figures', { killed: cas.killed, injured: cas.injured })),
      ...(cas.reason === 'not_recorded'
        ? [{ type: 'paragraph' as const, text: text.t('casualties.notRecorded'), note: true }]
        : []),
    ],
  });

  sections.push({
    id: 'findings',
    heading: text.t('section.findings'),
    blocks: findingBlocks(text, model),
  });

  sections.push({
    id: 'map',
    heading: text.t('section.map'),
    newPage: true,
    blocks: [
      {
        type: 'figure',
        svg: renderIncidentMap(model, text),
        width: 720,
        height: 520,
        caption: text.t('map.caption'),
      },
    ],
  });
  const first = model.trend[0]?.date ?? period.date;
  const last = model.trend[model.trend.length - 1]?.date ?? period.date;
  sections.push({
    id: 'trend',
    heading: text.t('section.trend'),
    blocks: [
      {
        type: 'figure',
        svg: renderTrendChart(model.trend, text),
        width: 720,
        height: 300,
        caption: text.t('trend.caption', {
          from: text.calendarDate(first),
          to: text.calendarDate(last),
        }),
      },
    ],
  });

  return {
    lang,
    title,
    lines,
    sections,
    footer: footer(text, model),
    draft: model.publication === null,
  };
}
