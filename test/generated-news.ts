// Generated news items in several styles (dates, roles, affiliations, lists of names), in English
// and in Russian, for the extraction and import benchmarks and for tests that need many items.
// Deterministic: the same seed gives the same text.

export type GeneratedLanguage = 'en' | 'ru'

/** `count` news items separated by blank lines, each different. */
export function generateNewsText(count: number, seed = 20_240_521, language: GeneratedLanguage = 'en'): string {
  return (language === 'ru' ? generateRussianNewsItems(count, seed) : generateNewsItems(count, seed)).join('\n\n')
}

export function generateNewsItems(count: number, seed = 20_240_521): string[] {
  let state = seed
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const person = () => `${pick(GIVEN)} ${pick(FAMILY)}`
  const day = () => 1 + Math.floor(random() * 27)
  const year = () => 2019 + Math.floor(random() * 6)
  const templates: Array<() => string> = [
    () => `On ${pick(MONTHS)} ${day()}, ${year()}, the ${pick(ORGANIZATIONS)} held a round table on the topic “${pick(TOPICS)}” in ${pick(CITIES)}. ` +
      `The event was moderated by ${person()}, Director of the ${pick(ORGANIZATIONS)}. Among the guests were Dr. ${person()} (${pick(ORGANIZATIONS)}, ${pick(CITIES)}) and ${person()} (${pick(ORGANIZATIONS)}).`,
    () => `${day()}.0${1 + Math.floor(random() * 9)}.${year()}. Prof. ${person()}, Vice-Rector of the ${pick(ORGANIZATIONS)}, gave a guest lecture for students of the ${pick(ORGANIZATIONS)}. ` +
      `Read more: https://example.org/news/${Math.floor(random() * 100_000)}`,
    () => `${pick(CITIES)}, ${day()}-${day() + 1} ${pick(MONTHS)} ${year()} – The international conference "${pick(TOPICS)}" was organized by the ${pick(ORGANIZATIONS)} ` +
      `with the support of the ${pick(ORGANIZATIONS)} in a hybrid format. Keynote speeches were delivered by ${person()} and ${person()}.`,
    () => `From ${day()} to ${day()} ${pick(MONTHS)} ${year()}, ${person()} took part in the meeting of the ${pick(ORGANIZATIONS)}. The report “${pick(TOPICS)}”, ` +
      `commissioned by the United Nations Development Programme (UNDP), was presented by ${person()}.\nPhoto: the participants`,
    () => `${pick(MONTHS)} ${day()}, ${year()}. An online seminar was held by the ${pick(ORGANIZATIONS)} in partnership with UNESCO. ` +
      `Speakers included ${person()}, Senior Research Fellow of the ${pick(ORGANIZATIONS)}, and Mr. ${person()} (${pick(ORGANIZATIONS)}).`,
  ]
  return Array.from({ length: count }, () => pick(templates)())
}

const GIVEN = ['Aigerim', 'Nurlan', 'Elena', 'John', 'Dilnoza', 'Timur', 'Asel', 'Bakyt', 'Maria', 'Farrukh', 'Zarina', 'Ahmet', 'Sophie', 'Daniyar']
const FAMILY = ['Bekova', 'Sadykov', 'Petrova', 'Miller', 'Karimova', 'Dadabaev', 'Toktogulova', 'Osmonov', 'Rossi', 'Yusupov', 'Aliyeva', 'Demir', 'Laurent', 'Kenzhebayev']
const ORGANIZATIONS = ['Tashkent State University of Economics', 'Central Asia Policy Institute', 'Ministry of Education of the Kyrgyz Republic',
  'Eurasian Research Institute', 'Institute for Economic Research', 'Kazakh National University', 'Asian Development Bank',
  'Regional Environmental Centre for Central Asia', 'Agency for Strategic Planning and Reforms', 'Samarkand State University',
  'Institute of History and Ethnology', 'Council of Young Scientists', 'OSCE Programme Office in Bishkek']
const CITIES = ['Astana', 'Almaty', 'Tashkent', 'Bishkek', 'Dushanbe', 'Ashgabat', 'Samarkand', 'Osh', 'Shymkent', 'Moscow', 'Istanbul', 'Berlin']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const TOPICS = ['Water Security in Central Asia', 'Youth and Digital Society', 'Migration and Labour Markets', 'Public Trust in Institutions',
  'Green Economy and Growth', 'Regional Cooperation after 2030']

/**
 * Russian items: names and organizations in the cases sentences put them in (genitive, instrumental,
 * prepositional), dates in the usual Russian forms.
 */
export function generateRussianNewsItems(count: number, seed = 20_240_521): string[] {
  let state = seed
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const day = () => 1 + Math.floor(random() * 27)
  const year = () => 2019 + Math.floor(random() * 6)
  const organization = () => pick(RU_ORGANIZATIONS)
  const person = () => pick(RU_PEOPLE)
  const templates: Array<() => string> = [
    () => `${day()} ${pick(RU_MONTHS_GENITIVE)} ${year()} года в ${pick(RU_CITIES_PREPOSITIONAL)} ${organization()[0]} провёл круглый стол «${pick(RU_TOPICS)}». ` +
      `Модератором выступил${pick(['', 'а'])} ${person()[0]}, директор ${organization()[1]}. В обсуждении приняли участие ${person()[1]} (${organization()[0]}) и ${person()[1]}.`,
    () => `${String(day()).padStart(2, '0')}.0${1 + Math.floor(random() * 9)}.${year()}\nПрофессор ${organization()[1]} ${person()[0]} прочитал${pick(['', 'а'])} открытую лекцию для студентов ${organization()[1]}. ` +
      `Подробнее: https://example.org/news/${Math.floor(random() * 100_000)}`,
    () => `${pick(RU_CITIES)}, ${day()}–${day() + 1} ${pick(RU_MONTHS_GENITIVE)} ${year()} г. Международную конференцию «${pick(RU_TOPICS)}» организовал ${organization()[0]} ` +
      `при поддержке ${organization()[1]} в очно-дистанционном формате. С докладами выступили ${person()[0]} и ${person()[0]}.`,
    () => `С ${day()} по ${day()} ${pick(RU_MONTHS_GENITIVE)} ${year()} года ${person()[0]} участвовал${pick(['', 'а'])} в заседании совета ${organization()[1]}. ` +
      `Доклад «${pick(RU_TOPICS)}», подготовленный по заказу ПРООН, представил${pick(['', 'а'])} ${person()[0]}.`,
    () => `${day()} ${pick(RU_MONTHS_GENITIVE)} ${year()} г. ${organization()[0]} совместно с ОБСЕ провёл онлайн-семинар. ` +
      `Выступили ${person()[0]}, старший научный сотрудник ${organization()[1]}, и ${person()[0]}.`,
  ]
  return Array.from({ length: count }, () => pick(templates)())
}

// [nominative, genitive]
const RU_PEOPLE: readonly (readonly [string, string])[] = [
  ['Айгерим Бекова', 'Айгерим Бековой'], ['Нурлан Садыков', 'Нурлана Садыкова'], ['Елена Петрова', 'Елены Петровой'],
  ['Дильноза Каримова', 'Дильнозы Каримовой'], ['Тимур Дадабаев', 'Тимура Дадабаева'], ['Асель Токтогулова', 'Асель Токтогуловой'],
  ['Бакыт Осмонов', 'Бакыта Осмонова'], ['Фаррух Юсупов', 'Фарруха Юсупова'], ['Зарина Алиева', 'Зарины Алиевой'],
  ['Данияр Кенжебаев', 'Данияра Кенжебаева'], ['А.Б. Сейтказина', 'А.Б. Сейтказиной'], ['Сергей Иванович Морозов', 'Сергея Ивановича Морозова'],
]
const RU_ORGANIZATIONS: readonly (readonly [string, string])[] = [
  ['Институт экономических исследований', 'Института экономических исследований'],
  ['Казахский национальный университет', 'Казахского национального университета'],
  ['Центр изучения общественного мнения', 'Центра изучения общественного мнения'],
  ['Евразийский научно-исследовательский институт', 'Евразийского научно-исследовательского института'],
  ['Министерство образования Кыргызской Республики', 'Министерства образования Кыргызской Республики'],
  ['Совет молодых учёных', 'Совета молодых учёных'], ['Азиатский банк развития', 'Азиатского банка развития'],
  ['Институт истории и этнологии', 'Института истории и этнологии'],
]
const RU_CITIES = ['Астана', 'Алматы', 'Ташкент', 'Бишкек', 'Душанбе', 'Москва', 'Новосибирск', 'Ереван']
const RU_CITIES_PREPOSITIONAL = ['Астане', 'Алматы', 'Ташкенте', 'Бишкеке', 'Душанбе', 'Москве', 'Новосибирске', 'Ереване']
const RU_MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря']
const RU_TOPICS = ['Водная безопасность в Центральной Азии', 'Молодёжь и цифровое общество', 'Миграция и рынок труда',
  'Доверие к институтам', 'Зелёная экономика и рост', 'Региональное сотрудничество после 2030 года']
