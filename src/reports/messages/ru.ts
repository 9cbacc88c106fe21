/**
 * Russian messages of the report. Plural nouns have the four CLDR forms of `ru`: one (1, 21),
 * few (2–4, 22), many (0, 5–20, 25) and other (fractions). Count phrases stand where the
 * sentence needs the accusative ("миссия видела 1 осветительную ракету"); settlement names come
 * in the genitive ("от Светлодарска", see place-names.ts).
 */
import type { Catalogue } from './en.js';

export const ru: Catalogue = {
  'report.title.daily': 'Ежедневный отчёт',
  'report.title.weekly': 'Еженедельный отчёт',
  'report.subtitle': '{mission} · {agreement} (версия {version, number})',
  'report.period': 'Отчётный период: с {from} до {to} ({timeZone})',
  'report.generated': 'Составлен {at}',

  'section.summary': 'Сводка',
  'section.byRegion': 'Нарушения режима прекращения огня по областям',
  'section.bySector': 'Нарушения режима прекращения огня по секторам',
  'section.notable': 'Важные инциденты',
  'section.withdrawal': 'Вооружение в нарушение линий отвода',
  'section.disengagement': 'Районы разведения сил',
  'section.movement': 'Ограничения свободы передвижения наблюдателей',
  'section.casualties': 'Жертвы среди мирного населения',
  'section.findings': 'Подтверждённые заключения и ответы сторон',
  'section.map': 'Карта инцидентов за период',
  'section.trend': 'Нарушения режима прекращения огня за 30 дней',

  'summary.violations':
    'Миссия зафиксировала {count, plural, one{# нарушение режима прекращения огня} few{# нарушения режима прекращения огня} many{# нарушений режима прекращения огня} other{# нарушения режима прекращения огня}} ({comparison}).',
  'summary.split':
    'Из них миссия зафиксировала {explosions}, {projectilesInFlight}, {muzzleFlashes}, {smallArmsBursts} и {illuminationFlares}.',
  'compare.up': 'больше, чем {previous, number} в предыдущем периоде',
  'compare.down': 'меньше, чем {previous, number} в предыдущем периоде',
  'compare.same': 'столько же, сколько в предыдущем периоде',
  'none.period': 'За этот период — ни одного.',

  'table.region': 'Область',
  'table.sector': 'Сектор',
  'table.total': 'Всего',
  'table.previous': 'Предыдущий период',
  'table.change': 'Изменение',
  'table.allAreas': 'Все районы',
  'table.area': 'Район',
  'table.incidents': 'Инциденты',
  'table.kind': 'Вид',
  'table.party': 'Сторона',
  'table.count': 'Количество',
  'table.weapon': 'Вооружение',
  'table.distance': 'Расстояние до линии',
  'table.limit': 'Расстояние отвода',
  'table.place': 'Место',
  'table.status': 'Статус',
  'table.confidence': 'Уверенность',

  'category.explosions': 'Взрывы',
  'category.projectilesInFlight': 'Снаряды в полёте',
  'category.muzzleFlashes': 'Вспышки выстрелов',
  'category.smallArmsBursts': 'Очереди и выстрелы из стрелкового оружия',
  'category.illuminationFlares': 'Осветительные ракеты',
  'category.other': 'Другие инциденты',

  'count.explosions': '{count, plural, one{# взрыв} few{# взрыва} many{# взрывов} other{# взрыва}}',
  'count.undeterminedExplosions':
    '{count, plural, one{# взрыв неустановленного происхождения} few{# взрыва неустановленного происхождения} many{# взрывов неустановленного происхождения} other{# взрыва неустановленного происхождения}}',
  'count.projectilesInFlight':
    '{count, plural, one{# снаряд в полёте} few{# снаряда в полёте} many{# снарядов в полёте} other{# снаряда в полёте}}',
  'count.muzzleFlashes':
    '{count, plural, one{# вспышку выстрела} few{# вспышки выстрелов} many{# вспышек выстрелов} other{# вспышки выстрела}}',
  'count.smallArmsBursts':
    '{count, plural, one{# очередь из стрелкового оружия} few{# очереди из стрелкового оружия} many{# очередей из стрелкового оружия} other{# очереди из стрелкового оружия}}',
  'count.illuminationFlares':
    '{count, plural, one{# осветительную ракету} few{# осветительные ракеты} many{# осветительных ракет} other{# осветительной ракеты}}',
  'count.weapons':
    '{count, plural, one{# единица вооружения} few{# единицы вооружения} many{# единиц вооружения} other{# единицы вооружения}}',
  'count.incidents':
    '{count, plural, one{# инцидент} few{# инцидента} many{# инцидентов} other{# инцидента}}',
  'count.restrictions': '{count, plural, one{# раз} few{# раза} many{# раз} other{# раза}}',
  'count.findings':
    '{count, plural, one{# заключение} few{# заключения} many{# заключений} other{# заключения}}',

  'notable.sentence':
    '{time}: миссия {kind, select, explosions{слышала} smallArmsBursts{слышала} other{видела}} {events}{weapon} {place}.',
  'notable.weapon': ' ({weapon})',
  'notable.attribution': 'Отнесено к: {side}. Статус: {status}.',
  'weapon.withCalibre': '{weapon}, {calibre, number} мм',
  'place.direction':
    'в {distance} к {compass, select, N{северу} NNE{северо-северо-востоку} NE{северо-востоку} ENE{востоко-северо-востоку} E{востоку} ESE{востоко-юго-востоку} SE{юго-востоку} SSE{юго-юго-востоку} S{югу} SSW{юго-юго-западу} SW{юго-западу} WSW{западо-юго-западу} W{западу} WNW{западо-северо-западу} NW{северо-западу} NNW{северо-северо-западу} other{}} от {settlement}',
  'place.near': 'в районе {settlement}',
  'place.unknown': 'в месте, которое не удалось установить',
  'place.inSector': 'в секторе {sector}',
  'place.settlementFallback': 'населённого пункта {name}',

  'withdrawal.sentence':
    '{weapons} ({weapon}) на расстоянии {distance} от линии соприкосновения, тогда как соглашение требует не менее {limit}; {place}.',
  'disengagement.sentence':
    '{name}: {incidents} (в предыдущем периоде: {previous, number}), {violations, plural, one{# нарушение режима прекращения огня} few{# нарушения режима прекращения огня} many{# нарушений режима прекращения огня} other{# нарушения режима прекращения огня}}.',
  'movement.sentence': 'Свободу передвижения наблюдателей ограничивали {times} ({comparison}).',
  'movement.unattributed': 'Не установлено',
  'casualties.figures': 'Погибших: {killed, number}. Раненых: {injured, number}.',
  'casualties.notRecorded':
    'Данные о жертвах пока не вносятся в отчёты миссии; ноль не означает установления того, что жертв не было.',

  'finding.heading': 'Заключение {id} по инциденту {incident}, выдано {issuedAt}',
  'finding.attributedTo': 'Отнесено к: {party}',
  'finding.provisions': 'Положения: {provisions}',
  'finding.escalation': 'Имеет значение для эскалации к государствам-гарантам.',
  'finding.reply': 'Ответ стороны {party} (срок {deadline}): {status}',
  'finding.replyText': 'Сторона написала: {text}',
  'finding.disputes': 'Оспаривания: {disputes}',
  'finding.asWritten': 'Текст в выданной редакции: {text}',

  'reply.open': 'ожидается',
  'reply.replied': 'получен {at}',
  'reply.lapsed': 'срок истёк без ответа',

  'dispute.filed': 'подано',
  'dispute.under_review': 'рассматривается',
  'dispute.upheld': 'удовлетворено',
  'dispute.rejected': 'отклонено',

  'side.undetermined': 'не установлено',
  'status.reported': 'сообщено',
  'status.triaged': 'первично оценено',
  'status.under_investigation': 'расследуется',
  'status.verified': 'подтверждено',
  'status.not_verified': 'не подтверждено',
  'status.inconclusive': 'не установлено окончательно',

  'weapon.undetermined': 'неустановленное вооружение',
  'weapon.small_arms': 'стрелковое оружие',
  'weapon.heavy_machine_gun': 'крупнокалиберный пулемёт',
  'weapon.grenade_launcher': 'гранатомёт',
  'weapon.mortar': 'миномёт',
  'weapon.artillery': 'артиллерия',
  'weapon.tank': 'танк',
  'weapon.anti_tank': 'противотанковое оружие',
  'weapon.mlrs': 'реактивная система залпового огня',
  'weapon.missile': 'ракета',
  'weapon.drone': 'беспилотник',
  'weapon.aircraft': 'самолёт',
  'weapon.helicopter': 'вертолёт',
  'weapon.vessel': 'судно',

  'restriction.denied_passage': 'Отказ в проезде',
  'restriction.escort_required': 'Требование сопровождения',
  'restriction.area_mined': 'Заминированный участок',
  'restriction.uav_jammed': 'Подавление сигнала БПЛА',
  'restriction.uav_shot_at': 'Обстрел БПЛА',
  'restriction.other': 'Другое',

  'region.name':
    '{region, select, kharkiv{Харьковская область} luhansk{Луганская область} donetsk{Донецкая область} zaporizhzhia{Запорожская область} dnipropetrovsk{Днепропетровская область} kherson{Херсонская область} mykolaiv{Николаевская область} outside{Вне областей} other{{region}}}',
  'sector.outside': 'Вне секторов',

  'map.legend': 'Условные обозначения',
  'map.line': 'Линия соприкосновения',
  'map.zone': 'Район разведения сил',
  'map.scale': '{km, number} км',
  'map.caption': 'Основа карты: Natural Earth. Места — оценки миссии.',
  'trend.axis': 'Нарушений в сутки',
  'trend.caption': 'Ежедневные итоги, с {from} по {to}',

  'footer.published':
    'Опубликовано: запись {index} журнала миссии, размер дерева {size}, корень {root}. Утвердил {approvedBy} {approvedAt}.',
  'footer.modelHash': 'SHA-256 модели отчёта: {hash}',
  'footer.checkpoint': 'Подписанная контрольная точка',
  'footer.draft': 'ПРОЕКТ – не опубликовано',
  'footer.page': 'Страница {page, number} из {pages, number}',
};
