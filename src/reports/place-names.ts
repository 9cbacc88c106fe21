/**
 * Settlement names in the genitive case, for the place references of the report's sentences:
 * "на південний схід від Світлодарська", "к юго-востоку от Светлодарска". The gazetteer
 * (scenarios/<scenario>/gazetteer.json) holds nominative names only, and the genitive of a
 * Ukrainian or Russian place name cannot be derived by rule (Пологи → Пологів / Полог,
 * Часів Яр → Часового Яру / Часова Яра), so the forms are listed, keyed by gazetteer id.
 * A settlement missing here is named with a construction that keeps the nominative
 * ("від населеного пункту X"), so a new gazetteer entry degrades to a correct, stiffer sentence.
 */

export interface GenitiveNames {
  readonly uk: string;
  readonly ru: string;
}

/** Genitive forms of the demo gazetteer's settlements (and a few more along the line). */
export const GENITIVE_NAMES: Readonly<Record<string, GenitiveNames>> = {
  kharkiv: { uk: 'Харкова', ru: 'Харькова' },
  lyptsi: { uk: 'Липців', ru: 'Липцов' },
  vovchansk: { uk: 'Вовчанська', ru: 'Волчанска' },
  'velykyi-burluk': { uk: 'Великого Бурлука', ru: 'Великого Бурлука' },
  dvorichna: { uk: 'Дворічної', ru: 'Двуречной' },
  kupiansk: { uk: "Куп'янська", ru: 'Купянска' },
  borova: { uk: 'Борової', ru: 'Боровой' },
  svatove: { uk: 'Сватового', ru: 'Сватова' },
  kreminna: { uk: 'Кремінної', ru: 'Кременной' },
  lyman: { uk: 'Лимана', ru: 'Лимана' },
  bilohorivka: { uk: 'Білогорівки', ru: 'Белогоровки' },
  sievierodonetsk: { uk: 'Сєвєродонецька', ru: 'Северодонецка' },
  lysychansk: { uk: 'Лисичанська', ru: 'Лисичанска' },
  siversk: { uk: 'Сіверська', ru: 'Северска' },
  sloviansk: { uk: "Слов'янська", ru: 'Славянска' },
  kramatorsk: { uk: 'Краматорська', ru: 'Краматорска' },
  soledar: { uk: 'Соледара', ru: 'Соледара' },
  bakhmut: { uk: 'Бахмута', ru: 'Бахмута' },
  'chasiv-yar': { uk: 'Часового Яру', ru: 'Часова Яра' },
  druzhkivka: { uk: 'Дружківки', ru: 'Дружковки' },
  kostiantynivka: { uk: 'Костянтинівки', ru: 'Константиновки' },
  toretsk: { uk: 'Торецька', ru: 'Торецка' },
  horlivka: { uk: 'Горлівки', ru: 'Горловки' },
  dobropillia: { uk: 'Добропілля', ru: 'Доброполья' },
  myrnohrad: { uk: 'Мирнограда', ru: 'Мирнограда' },
  pokrovsk: { uk: 'Покровська', ru: 'Покровска' },
  avdiivka: { uk: 'Авдіївки', ru: 'Авдеевки' },
  selydove: { uk: 'Селидового', ru: 'Селидова' },
  donetsk: { uk: 'Донецька', ru: 'Донецка' },
  kurakhove: { uk: 'Курахового', ru: 'Курахова' },
  marinka: { uk: "Мар'їнки", ru: 'Марьинки' },
  vuhledar: { uk: 'Вугледара', ru: 'Угледара' },
  'velyka-novosilka': { uk: 'Великої Новосілки', ru: 'Великой Новосёлки' },
  mariupol: { uk: 'Маріуполя', ru: 'Мариуполя' },
  huliaipole: { uk: 'Гуляйполя', ru: 'Гуляйполя' },
  polohy: { uk: 'Пологів', ru: 'Полог' },
  orikhiv: { uk: 'Оріхова', ru: 'Орехова' },
  robotyne: { uk: 'Роботиного', ru: 'Работина' },
  tokmak: { uk: 'Токмака', ru: 'Токмака' },
  zaporizhzhia: { uk: 'Запоріжжя', ru: 'Запорожья' },
  stepnohirsk: { uk: 'Степногірська', ru: 'Степногорска' },
  'kamianske-zp': { uk: "Кам'янського", ru: 'Каменского' },
  vasylivka: { uk: 'Василівки', ru: 'Васильевки' },
  enerhodar: { uk: 'Енергодара', ru: 'Энергодара' },
  melitopol: { uk: 'Мелітополя', ru: 'Мелитополя' },
  nikopol: { uk: 'Нікополя', ru: 'Никополя' },
  marhanets: { uk: 'Марганця', ru: 'Марганца' },
  beryslav: { uk: 'Берислава', ru: 'Берислава' },
  'nova-kakhovka': { uk: 'Нової Каховки', ru: 'Новой Каховки' },
  kherson: { uk: 'Херсона', ru: 'Херсона' },
  oleshky: { uk: 'Олешок', ru: 'Алёшек' },
  'hola-prystan': { uk: 'Голої Пристані', ru: 'Голой Пристани' },
  ochakiv: { uk: 'Очакова', ru: 'Очакова' },
  luhansk: { uk: 'Луганська', ru: 'Луганска' },
  svitlodarsk: { uk: 'Світлодарська', ru: 'Светлодарска' },
  popasna: { uk: 'Попасної', ru: 'Попасной' },
  zolote: { uk: 'Золотого', ru: 'Золотого' },
  shchastia: { uk: 'Щастя', ru: 'Счастья' },
  'stanytsia-luhanska': { uk: 'Станиці Луганської', ru: 'Станицы Луганской' },
};

/** The genitive name of a settlement, or null when the table does not know it. */
export function genitiveName(settlementId: string, lang: 'uk' | 'ru'): string | null {
  return GENITIVE_NAMES[settlementId]?.[lang] ?? null;
}
