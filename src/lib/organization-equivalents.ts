// International organizations under their English, Russian and Kazakh names and acronyms, so that
// news in one language links to the record made from news in another (ПРООН is UNDP, ОБСЕ is OSCE).
// Only bodies that news of the region names often and whose names in each language are fixed.
import { nameKey } from './names.ts'

const GROUPS: readonly (readonly string[])[] = [
  ['United Nations', 'UN', 'Организация Объединённых Наций', 'ООН', 'Біріккен Ұлттар Ұйымы', 'БҰҰ'],
  ['United Nations Development Programme', 'UNDP', 'Программа развития ООН', 'Программа развития Организации Объединённых Наций', 'ПРООН', 'БҰҰДБ'],
  ['United Nations Children’s Fund', 'UNICEF', 'Детский фонд ООН', 'ЮНИСЕФ'],
  ['United Nations Educational, Scientific and Cultural Organization', 'UNESCO', 'ЮНЕСКО'],
  ['United Nations Population Fund', 'UNFPA', 'Фонд ООН в области народонаселения', 'ЮНФПА'],
  ['United Nations High Commissioner for Refugees', 'UNHCR', 'Управление Верховного комиссара ООН по делам беженцев', 'УВКБ ООН'],
  ['UN Women', 'Структура ООН-женщины', 'ООН-женщины', 'ООН Женщины'],
  ['United Nations Office on Drugs and Crime', 'UNODC', 'Управление ООН по наркотикам и преступности', 'УНП ООН'],
  ['United Nations Environment Programme', 'UNEP', 'Программа ООН по окружающей среде', 'ЮНЕП'],
  ['Office of the United Nations High Commissioner for Human Rights', 'OHCHR', 'Управление Верховного комиссара ООН по правам человека', 'УВКПЧ'],
  ['World Health Organization', 'WHO', 'Всемирная организация здравоохранения', 'ВОЗ', 'Дүниежүзілік денсаулық сақтау ұйымы', 'ДДСҰ'],
  ['International Labour Organization', 'ILO', 'Международная организация труда', 'МОТ'],
  ['International Organization for Migration', 'IOM', 'Международная организация по миграции', 'МОМ'],
  ['Food and Agriculture Organization', 'FAO', 'Продовольственная и сельскохозяйственная организация ООН', 'ФАО'],
  ['World Trade Organization', 'WTO', 'Всемирная торговая организация', 'ВТО'],
  ['World Bank', 'Всемирный банк', 'Дүниежүзілік банк'],
  ['International Monetary Fund', 'IMF', 'Международный валютный фонд', 'МВФ', 'Халықаралық валюта қоры', 'ХВҚ'],
  ['Asian Development Bank', 'ADB', 'Азиатский банк развития', 'АБР', 'Азия даму банкі'],
  ['European Bank for Reconstruction and Development', 'EBRD', 'Европейский банк реконструкции и развития', 'ЕБРР'],
  ['Eurasian Development Bank', 'EDB', 'Евразийский банк развития', 'ЕАБР'],
  ['Organisation for Economic Co-operation and Development', 'Organization for Economic Cooperation and Development', 'OECD',
    'Организация экономического сотрудничества и развития', 'ОЭСР'],
  ['Organization for Security and Co-operation in Europe', 'Organization for Security and Cooperation in Europe', 'OSCE',
    'Организация по безопасности и сотрудничеству в Европе', 'ОБСЕ', 'Еуропадағы қауіпсіздік және ынтымақтастық ұйымы', 'ЕҚЫҰ'],
  ['OSCE Office for Democratic Institutions and Human Rights', 'ODIHR', 'Бюро по демократическим институтам и правам человека ОБСЕ', 'БДИПЧ', 'БДИПЧ ОБСЕ'],
  ['European Union', 'EU', 'Европейский союз', 'Евросоюз', 'ЕС', 'Еуропалық одақ', 'ЕО'],
  ['European Commission', 'Европейская комиссия', 'Еврокомиссия', 'Еуропалық комиссия'],
  ['Council of Europe', 'Совет Европы', 'Еуропа Кеңесі'],
  ['North Atlantic Treaty Organization', 'NATO', 'Организация Североатлантического договора', 'НАТО'],
  ['Commonwealth of Independent States', 'CIS', 'Содружество Независимых Государств', 'СНГ', 'Тәуелсіз Мемлекеттер Достастығы', 'ТМД'],
  ['Shanghai Cooperation Organisation', 'Shanghai Cooperation Organization', 'SCO', 'Шанхайская организация сотрудничества', 'ШОС',
    'Шанхай ынтымақтастық ұйымы', 'ШЫҰ'],
  ['Collective Security Treaty Organization', 'CSTO', 'Организация Договора о коллективной безопасности', 'ОДКБ', 'Ұжымдық қауіпсіздік туралы шарт ұйымы', 'ҰҚШҰ'],
  ['Eurasian Economic Union', 'EAEU', 'EEU', 'Евразийский экономический союз', 'ЕАЭС', 'Еуразиялық экономикалық одақ', 'ЕАЭО'],
  ['Eurasian Economic Commission', 'EEC', 'Евразийская экономическая комиссия', 'ЕЭК'],
  ['Organization of Turkic States', 'OTS', 'Организация тюркских государств', 'ОТГ', 'Түркі мемлекеттері ұйымы', 'ТМҰ'],
  ['Conference on Interaction and Confidence Building Measures in Asia', 'CICA', 'Совещание по взаимодействию и мерам доверия в Азии', 'СВМДА', 'АӨСШК'],
  ['Organisation of Islamic Cooperation', 'Organization of Islamic Cooperation', 'OIC', 'Организация исламского сотрудничества', 'ОИС'],
  ['Association of Southeast Asian Nations', 'ASEAN', 'Ассоциация государств Юго-Восточной Азии', 'АСЕАН'],
  ['International Committee of the Red Cross', 'ICRC', 'Международный комитет Красного Креста', 'МККК'],
  ['United States Agency for International Development', 'USAID', 'Агентство США по международному развитию', 'ЮСАИД'],
  ['Deutsche Gesellschaft für Internationale Zusammenarbeit', 'GIZ', 'Германское общество по международному сотрудничеству'],
  ['Friedrich-Ebert-Stiftung', 'Friedrich Ebert Foundation', 'FES', 'Фонд Фридриха Эберта'],
  ['Konrad-Adenauer-Stiftung', 'Konrad Adenauer Foundation', 'KAS', 'Фонд Конрада Аденауэра'],
  ['Friedrich-Naumann-Stiftung', 'Friedrich Naumann Foundation', 'Фонд Фридриха Науманна'],
  ['Hanns-Seidel-Stiftung', 'Hanns Seidel Foundation', 'Фонд Ханнса Зайделя'],
  ['Russian Academy of Sciences', 'RAS', 'Российская академия наук', 'РАН'],
  ['Moscow State Institute of International Relations', 'MGIMO', 'Московский государственный институт международных отношений', 'МГИМО'],
  ['Lomonosov Moscow State University', 'Moscow State University', 'MSU', 'Московский государственный университет имени М. В. Ломоносова',
    'Московский государственный университет им. М.В. Ломоносова', 'МГУ'],
  ['Al-Farabi Kazakh National University', 'KazNU', 'Казахский национальный университет имени аль-Фараби', 'КазНУ',
    'Әл-Фараби атындағы Қазақ ұлттық университеті', 'ҚазҰУ'],
  ['L.N. Gumilyov Eurasian National University', 'ENU', 'Евразийский национальный университет имени Л. Н. Гумилёва', 'ЕНУ',
    'Л.Н. Гумилев атындағы Еуразия ұлттық университеті', 'ЕҰУ'],
  ['Nazarbayev University', 'Назарбаев Университет'],
  ['Kazakhstan Institute for Strategic Studies', 'KazISS', 'Казахстанский институт стратегических исследований', 'КИСИ',
    'Қазақстан стратегиялық зерттеулер институты', 'ҚСЗИ'],
  ['Ministry of Foreign Affairs of the Republic of Kazakhstan', 'Министерство иностранных дел Республики Казахстан', 'МИД РК',
    'Қазақстан Республикасының Сыртқы істер министрлігі', 'ҚР СІМ'],
]

const byKey = new Map<string, number>()
for (const [index, group] of GROUPS.entries()) {
  for (const name of group) {
    const key = nameKey(name)
    // A short acronym may stand for two bodies in two languages (ЕС is the EU, ЕЭК the commission):
    // the first listing wins and the table keeps each acronym to one body.
    if (key && !byKey.has(key)) byKey.set(key, index)
  }
}

/** The names the same organization goes by in the other languages (not the name itself); [] for an unlisted name. */
export function organizationEquivalents(name: string): readonly string[] {
  const key = nameKey(name)
  const index = byKey.get(key)
  if (index === undefined) return []
  return GROUPS[index]!.filter((other) => nameKey(other) !== key)
}
