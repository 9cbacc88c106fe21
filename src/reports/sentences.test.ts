import { describe, expect, it } from 'vitest';
import type { NotableIncident } from '../domain/report/types.js';
import { ReportText } from './i18n.js';
import {
  comparison,
  notableSentence,
  placePhrase,
  summarySentences,
  withdrawalSentence,
} from './sentences.js';
import { reportFixture } from './test-support/report-fixture.js';

const model = reportFixture();
const text = (lang: 'en' | 'uk' | 'ru') => new ReportText(lang, 'Europe/Kyiv');
const svitlodarsk = model.notable[0]!;

describe('the notable-incident sentence', () => {
  it.each([
    [
      'en',
      '1 Mar, 18:40–18:45: the mission heard 15 undetermined explosions 3–5 km south-east of Svitlodarsk.',
    ],
    [
      'uk',
      '1 бер., 18:40–18:45: місія чула 15 вибухів невстановленого походження за 3–5 км на південний схід від Світлодарська.',
    ],
    [
      'ru',
      '1 мар., 18:40–18:45: миссия слышала 15 взрывов неустановленного происхождения в 3–5 км к юго-востоку от Светлодарска.',
    ],
  ] as const)('reads in %s: %s', (lang, want) => {
    expect(notableSentence(text(lang), model, svitlodarsk)).toBe(want);
  });

  it.each([
    [1, 'вибух', 'взрыв'],
    [2, 'вибухи', 'взрыва'],
    [5, 'вибухів', 'взрывов'],
    [21, 'вибух', 'взрыв'],
    [22, 'вибухи', 'взрыва'],
  ])('agrees the noun with %i in uk and ru', (count, ukForm, ruForm) => {
    const incident: NotableIncident = { ...svitlodarsk, count };
    expect(notableSentence(text('uk'), model, incident)).toContain(`чула ${count} ${ukForm} `);
    expect(notableSentence(text('ru'), model, incident)).toContain(`слышала ${count} ${ruForm} `);
  });

  it('names a known weapon with its calibre in the language and locale of the report', () => {
    const hmg = model.notable[1]!;
    expect(notableSentence(text('en'), model, hmg)).toContain(
      '21 bursts of small-arms fire (heavy machine gun, 12.7 mm) in the area of Horlivka',
    );
    expect(notableSentence(text('uk'), model, hmg)).toContain(
      '21 чергу зі стрілецької зброї (великокаліберний кулемет, 12,7 мм) у районі Горлівки',
    );
    expect(notableSentence(text('ru'), model, hmg)).toContain(
      '21 очередь из стрелкового оружия (крупнокалиберный пулемёт, 12,7 мм) в районе Горловки',
    );
  });

  it('uses "saw" for a flare and falls back to the sector when there is no place', () => {
    const flare = model.notable[3]!;
    expect(notableSentence(text('en'), model, flare)).toBe(
      '1 Mar, 00:00: the mission saw 1 illumination flare in sector Donetsk South.',
    );
    expect(notableSentence(text('uk'), model, flare)).toContain(
      'місія бачила 1 освітлювальну ракету у секторі Donetsk South',
    );
    expect(notableSentence(text('ru'), model, flare)).toContain(
      'миссия видела 1 осветительную ракету в секторе Donetsk South',
    );
  });
});

describe('placePhrase', () => {
  it('keeps the nominative behind "населений пункт" for a settlement without a genitive form', () => {
    const place = {
      settlementId: 'test-town',
      compass: 'W' as const,
      distanceKm: { min: 8, max: 10 },
    };
    expect(placePhrase(text('uk'), model, place)).toBe(
      'за 8–10 км на захід від населеного пункту <script>alert("x")</script> O\'Town',
    );
    expect(placePhrase(text('ru'), model, place)).toMatch(
      /^в 8–10 км к западу от населённого пункта </,
    );
  });

  it('names all 16 compass points in each language', () => {
    const points = [
      'N',
      'NNE',
      'NE',
      'ENE',
      'E',
      'ESE',
      'SE',
      'SSE',
      'S',
      'SSW',
      'SW',
      'WSW',
      'W',
      'WNW',
      'NW',
      'NNW',
    ] as const;
    for (const lang of ['en', 'uk', 'ru'] as const) {
      const phrases = points.map((compass) =>
        placePhrase(text(lang), model, {
          settlementId: 'svitlodarsk',
          compass,
          distanceKm: { min: 1, max: 2 },
        }),
      );
      expect(new Set(phrases).size, lang).toBe(16);
    }
    expect(
      placePhrase(text('ru'), model, {
        settlementId: 'svitlodarsk',
        compass: 'NNE',
        distanceKm: { min: 2, max: 2 },
      }),
    ).toBe('в 2 км к северо-северо-востоку от Светлодарска');
  });
});

describe('comparisons and summary', () => {
  it('says up, down or the same, with the previous figure', () => {
    expect(comparison(text('en'), 15, 12)).toBe('up from 12 in the previous period');
    expect(comparison(text('en'), 9, 12)).toBe('down from 12 in the previous period');
    expect(comparison(text('uk'), 12, 12)).toBe('стільки ж, як у попередньому періоді');
    // Russian groups thousands with a no-break space.
    expect(comparison(text('ru'), 1500, 1200)).toBe('больше, чем 1\u00A0200 в предыдущем периоде');
  });

  it('states the total with its comparison and splits it into the five categories', () => {
    const [total, split] = summarySentences(text('en'), model.totals);
    expect(total).toBe(
      'The mission recorded 71 ceasefire violations (up from 58 in the previous period).',
    );
    expect(split).toBe(
      'Of these: 37 explosions, 4 projectiles in flight, 6 muzzle flashes, 21 bursts of small-arms fire and 3 illumination flares.',
    );
  });

  it('writes the withdrawal breach with both distances', () => {
    expect(withdrawalSentence(text('en'), model, model.withdrawalBreaches[0]!)).toBe(
      '3 weapons (artillery, 152 mm) 12.4 km from the line of contact, where the agreement requires 50 km; 5–7 km north of Marinka.',
    );
    expect(withdrawalSentence(text('uk'), model, model.withdrawalBreaches[0]!)).toContain(
      '3 одиниці озброєння (артилерія, 152 мм) на відстані 12,4 км',
    );
  });
});
