/**
 * Ukrainian messages of the report. Plural nouns have the four CLDR forms of `uk`: one (1, 21),
 * few (2–4, 22), many (0, 5–20, 25) and other (fractions). Count phrases stand where the
 * sentence needs the accusative ("місія бачила 1 освітлювальну ракету"); settlement names come
 * in the genitive ("від Світлодарська", see place-names.ts).
 */
import type { Catalogue } from './en.js';

export const uk: Catalogue = {
  'report.title.daily': 'Щоденний звіт',
  'report.title.weekly': 'Щотижневий звіт',
  'report.subtitle': '{mission} · {agreement} (версія {version, number})',
  'report.period': 'Звітний період: з {from} до {to} ({timeZone})',
  'report.generated': 'Складено {at}',

  'section.summary': 'Підсумок',
  'section.byRegion': 'Порушення режиму припинення вогню за областями',
  'section.bySector': 'Порушення режиму припинення вогню за секторами',
  'section.notable': 'Важливі інциденти',
  'section.withdrawal': 'Озброєння з порушенням відстаней відведення',
  'section.disengagement': 'Райони розведення сил',
  'section.movement': 'Обмеження свободи пересування спостерігачів',
  'section.casualties': 'Жертви серед цивільного населення',
  'section.findings': 'Підтверджені висновки та відповіді сторін',
  'section.map': 'Карта інцидентів за період',
  'section.trend': 'Порушення режиму припинення вогню за 30 днів',

  'summary.violations':
    'Місія зафіксувала {count, plural, one{# порушення режиму припинення вогню} few{# порушення режиму припинення вогню} many{# порушень режиму припинення вогню} other{# порушення режиму припинення вогню}} ({comparison}).',
  'summary.split':
    'З них місія зафіксувала {explosions}, {projectilesInFlight}, {muzzleFlashes}, {smallArmsBursts} та {illuminationFlares}.',
  'compare.up': 'більше, ніж {previous, number} у попередньому періоді',
  'compare.down': 'менше, ніж {previous, number} у попередньому періоді',
  'compare.same': 'стільки ж, як у попередньому періоді',
  'none.period': 'За цей період — жодного.',

  'table.region': 'Область',
  'table.sector': 'Сектор',
  'table.total': 'Усього',
  'table.previous': 'Попередній період',
  'table.change': 'Зміна',
  'table.allAreas': 'Усі райони',
  'table.area': 'Район',
  'table.incidents': 'Інциденти',
  'table.kind': 'Вид',
  'table.party': 'Сторона',
  'table.count': 'Кількість',
  'table.weapon': 'Озброєння',
  'table.distance': 'Відстань до лінії',
  'table.limit': 'Відстань відведення',
  'table.place': 'Місце',
  'table.status': 'Статус',
  'table.confidence': 'Впевненість',

  'category.explosions': 'Вибухи',
  'category.projectilesInFlight': 'Снаряди у польоті',
  'category.muzzleFlashes': 'Спалахи пострілів',
  'category.smallArmsBursts': 'Черги та постріли зі стрілецької зброї',
  'category.illuminationFlares': 'Освітлювальні ракети',
  'category.other': 'Інші інциденти',

  'count.explosions': '{count, plural, one{# вибух} few{# вибухи} many{# вибухів} other{# вибуху}}',
  'count.undeterminedExplosions':
    '{count, plural, one{# вибух невстановленого походження} few{# вибухи невстановленого походження} many{# вибухів невстановленого походження} other{# вибуху невстановленого походження}}',
  'count.projectilesInFlight':
    '{count, plural, one{# снаряд у польоті} few{# снаряди у польоті} many{# снарядів у польоті} other{# снаряда у польоті}}',
  'count.muzzleFlashes':
    '{count, plural, one{# спалах пострілу} few{# спалахи пострілів} many{# спалахів пострілів} other{# спалаху пострілу}}',
  'count.smallArmsBursts':
    '{count, plural, one{# чергу зі стрілецької зброї} few{# черги зі стрілецької зброї} many{# черг зі стрілецької зброї} other{# черги зі стрілецької зброї}}',
  'count.illuminationFlares':
    '{count, plural, one{# освітлювальну ракету} few{# освітлювальні ракети} many{# освітлювальних ракет} other{# освітлювальної ракети}}',
  'count.weapons':
    '{count, plural, one{# одиниця озброєння} few{# одиниці озброєння} many{# одиниць озброєння} other{# одиниці озброєння}}',
  'count.incidents':
    '{count, plural, one{# інцидент} few{# інциденти} many{# інцидентів} other{# інциденту}}',
  'count.restrictions': '{count, plural, one{# раз} few{# рази} many{# разів} other{# разу}}',
  'count.findings':
    '{count, plural, one{# висновок} few{# висновки} many{# висновків} other{# висновку}}',

  'notable.sentence':
    '{time}: місія {kind, select, explosions{чула} smallArmsBursts{чула} other{бачила}} {events}{weapon} {place}.',
  'notable.weapon': ' ({weapon})',
  'notable.attribution': 'Віднесено до: {side}. Статус: {status}.',
  'weapon.withCalibre': '{weapon}, {calibre, number} мм',
  'place.direction':
    'за {distance} на {compass, select, N{північ} NNE{північ-північний схід} NE{північний схід} ENE{схід-північний схід} E{схід} ESE{схід-південний схід} SE{південний схід} SSE{південь-південний схід} S{південь} SSW{південь-південний захід} SW{південний захід} WSW{захід-південний захід} W{захід} WNW{захід-північний захід} NW{північний захід} NNW{північ-північний захід} other{}} від {settlement}',
  'place.near': 'у районі {settlement}',
  'place.unknown': 'у місці, яке не вдалося встановити',
  'place.inSector': 'у секторі {sector}',
  'place.settlementFallback': 'населеного пункту {name}',

  'withdrawal.sentence':
    '{weapons} ({weapon}) на відстані {distance} від лінії зіткнення, тоді як угода вимагає щонайменше {limit}; {place}.',
  'disengagement.sentence':
    '{name}: {incidents} (у попередньому періоді: {previous, number}), {violations, plural, one{# порушення режиму припинення вогню} few{# порушення режиму припинення вогню} many{# порушень режиму припинення вогню} other{# порушення режиму припинення вогню}}.',
  'movement.sentence': 'Свободу пересування спостерігачів обмежували {times} ({comparison}).',
  'movement.unattributed': 'Не встановлено',
  'casualties.figures': 'Загиблих: {killed, number}. Поранених: {injured, number}.',
  'casualties.notRecorded':
    'Дані про жертви ще не вносяться до звітів місії; нуль не означає встановлення того, що жертв не було.',

  'finding.heading': 'Висновок {id} щодо інциденту {incident}, виданий {issuedAt}',
  'finding.attributedTo': 'Віднесено до: {party}',
  'finding.provisions': 'Положення: {provisions}',
  'finding.escalation': 'Має значення для ескалації до держав-гарантів.',
  'finding.reply': 'Відповідь сторони {party} (строк {deadline}): {status}',
  'finding.replyText': 'Сторона написала: {text}',
  'finding.disputes': 'Оскарження: {disputes}',
  'finding.asWritten': 'Зміст у виданій редакції: {text}',

  'reply.open': 'очікується',
  'reply.replied': 'надано {at}',
  'reply.lapsed': 'строк минув без відповіді',

  'dispute.filed': 'подано',
  'dispute.under_review': 'розглядається',
  'dispute.upheld': 'задоволено',
  'dispute.rejected': 'відхилено',

  'side.undetermined': 'не встановлено',
  'status.reported': 'повідомлено',
  'status.triaged': 'первинно оцінено',
  'status.under_investigation': 'розслідується',
  'status.verified': 'підтверджено',
  'status.not_verified': 'не підтверджено',
  'status.inconclusive': 'не встановлено остаточно',

  'weapon.undetermined': 'невстановлене озброєння',
  'weapon.small_arms': 'стрілецька зброя',
  'weapon.heavy_machine_gun': 'великокаліберний кулемет',
  'weapon.grenade_launcher': 'гранатомет',
  'weapon.mortar': 'міномет',
  'weapon.artillery': 'артилерія',
  'weapon.tank': 'танк',
  'weapon.anti_tank': 'протитанкова зброя',
  'weapon.mlrs': 'реактивна система залпового вогню',
  'weapon.missile': 'ракета',
  'weapon.drone': 'безпілотник',
  'weapon.aircraft': 'літак',
  'weapon.helicopter': 'гелікоптер',
  'weapon.vessel': 'судно',

  'restriction.denied_passage': 'Відмова в проїзді',
  'restriction.escort_required': 'Вимога супроводу',
  'restriction.area_mined': 'Заміноване місце',
  'restriction.uav_jammed': 'Придушення сигналу БпЛА',
  'restriction.uav_shot_at': 'Обстріл БпЛА',
  'restriction.other': 'Інше',

  'region.name':
    '{region, select, kharkiv{Харківська область} luhansk{Луганська область} donetsk{Донецька область} zaporizhzhia{Запорізька область} dnipropetrovsk{Дніпропетровська область} kherson{Херсонська область} mykolaiv{Миколаївська область} outside{Поза областями} other{{region}}}',
  'sector.outside': 'Поза секторами',

  'map.legend': 'Умовні позначення',
  'map.line': 'Лінія зіткнення',
  'map.zone': 'Район розведення сил',
  'map.scale': '{km, number} км',
  'map.caption': 'Основа карти: Natural Earth. Місця — оцінки місії.',
  'trend.axis': 'Порушень на добу',
  'trend.caption': 'Щоденні підсумки, з {from} до {to}',

  'footer.published':
    'Опубліковано: запис {index} журналу місії, розмір дерева {size}, корінь {root}. Затвердив {approvedBy} {approvedAt}.',
  'footer.modelHash': 'SHA-256 моделі звіту: {hash}',
  'footer.checkpoint': 'Підписана контрольна точка',
  'footer.draft': 'ПРОЄКТ – не опубліковано',
  'footer.page': 'Сторінка {page, number} з {pages, number}',
};
