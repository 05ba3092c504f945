// Generated English news items in several styles (dates, roles, affiliations, lists of names), for
// the extraction and import benchmarks and for tests that need many items. Deterministic: the same
// seed gives the same text.

/** `count` news items separated by blank lines, each different. */
export function generateNewsText(count: number, seed = 20_240_521): string {
  return generateNewsItems(count, seed).join('\n\n')
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
