// Generic English vocabulary the extractor recognises names by. Nothing here names a particular
// institute or person: only the words that head organization names, job titles, honorifics,
// degrees, and a short list of well-known international organizations.

const words = (list: string) => new Set(list.trim().split(/\s+/))

/** Words that make a capitalised phrase an organization name: "… University", "Ministry of …". */
export const ORGANIZATION_HEADS = words(`
  university universities institute institution academy ministry agency committee council centre center foundation
  association commission party office school archive archives bank fund college faculty laboratory lab library museum
  society union federation organization organisation corporation company network alliance consortium club chamber
  court parliament senate assembly government cabinet akimat embassy consulate mission secretariat directorate
  service bureau authority inspectorate trust movement observatory conservatory lyceum gymnasium hospital clinic
  department division chair sector unit studio newspaper magazine radio television broadcasting channel press
  mazhilis majilis kurultai duma congress group holding partnership platform hub initiative house
  institut stiftung universität universitat université universite universidad università universita universiteit
  hochschule akademie gesellschaft zentrum fondation fundación fundacion fondazione instytut uniwersytet
  endowment
`)

/** Heads that alone, after "the", already name a body: the Senate, the Parliament. */
export const STANDALONE_BODIES = words('senate parliament mazhilis majilis government cabinet duma kurultai presidium')

/** Sub-units named after their parent ("Institute of …, Department of China"): not organizations of their own. */
export const SUBUNIT_HEADS = words('department division chair sector unit laboratory lab faculty')

/** Heads that need more evidence (an acronym, a known name) because they also name documents and events. */
export const WEAK_HEADS = words('program programme platform hub initiative group partnership congress press channel')


/** Legal forms written after a name: "Otandastar Qory NCJSC", "Acme LLP". */
export const LEGAL_FORMS = words(`
  ncjsc njsc jsc llp llc ltd inc plc gmbh ag ngo rse rse-reu pf ale ojsc cjsc ooo ip pjsc sa srl bv
`)

/** Nouns that end a job title: "Deputy Director", "Chief Researcher", "UN Resident Coordinator". */
export const POSITIONS = words(`
  director directors deputy head chief president vice-president chairman chairwoman chair chairperson rector
  vice-rector prorector dean professor lecturer researcher researchers fellow analyst expert coordinator minister
  vice-minister ambassador consul secretary secretary-general under-secretary-general assistant-secretary-general speaker senator member adviser advisor counsellor
  counselor councillor manager officer representative founder co-founder editor editor-in-chief journalist
  sociologist politologist economist historian lawyer scientist specialist governor mayor akim commissioner
  chancellor provost ceo cto coo cfo consultant leader principal teacher assistant administrator ombudsman envoy
  attaché trustee executive curator psychologist philosopher anthropologist demographer orientalist sinologist
  ethnologist political-scientist engineer architect doctoral student students graduate postgraduate master's
  undergraduate staffer spokesperson spokesman press-secretary diplomat deputy-director vice-chairman vice-chair
  co-chair moderator rapporteur inspector auditor prosecutor judge pastor imam rabbi
`)

/** Words that may precede a position noun in a title: "Senior Research Fellow", "Acting Head". */
export const POSITION_MODIFIERS = words(`
  deputy vice chief senior junior leading executive general first second associate assistant acting honorary
  scientific research principal managing former visiting permanent special resident regional country national
  programme program project academic independent extraordinary plenipotentiary full adjunct emeritus
  distinguished invited guest political public international press lead chief
`)

export const HONORIFICS = words(`
  dr prof professor mr mrs ms miss sir dame academician madam mx h.e his her excellency ambassador docent
`)

/** Honorifics that are followed by a period in writing ("Dr.") and never end a sentence themselves. */
export const DOTTED_HONORIFICS = words('dr prof mr mrs ms mx h.e')

/** Academic degrees written before or after a name, removed from names and positions. */
export const DEGREE_ABBREVIATIONS = words(`
  phd ph.d dsc d.sc mba mpa mpp ma msc m.sc ba bsc llm ll.m lld jd md edd dphil habil
`)
export const DEGREE_NOUNS = words('master bachelor doctor candidate')
/** Subjects of degrees: "Master of Public Administration", "Candidate of Sociological Sciences". */
export const DEGREE_SUBJECTS = words(`
  science sciences arts art laws law sociology anthropology public administration economics economic philosophy
  political politics history historical philological philology pedagogical pedagogy technical physical mathematical
  medical medicine business education international relations studies engineering psychology psychological social
  legal chemical biological agricultural geographical sociological management fine music divinity theology
  architecture computer finance policy affairs journalism linguistics literature physics chemistry mathematics
  biology geography statistics demography cultural culture and of in the health
`)

export const MONTHS = words(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
`)
export const WEEKDAYS = words('monday tuesday wednesday thursday friday saturday sunday')

/** Connectors inside an organization name: "Institute of …", "Committee under the Ministry of …". */
export const NAME_CONNECTORS = words('of for under at on in and named after & de la du der für')

/**
 * Capitalised words that begin sentences or titles and are never part of a person's name.
 * Person detection also rejects organization heads, positions, months, places and countries.
 */
export const NOT_NAME_WORDS = words(`
  the a an this that these those it its on in at of for from to by with within during among each every all
  some many several both other another such our their his her we they he she i you and or but nor as after
  before since until upon into onto about above below between across through over under via per also today
  yesterday tomorrow here there when where while why how what which who whom whose if then than thus however
  moreover furthermore meanwhile therefore additionally following according besides despite
  members experts representatives participants speakers guests organizers organisers moderator moderators
  research public international national state republic federation central strategic session development
  sustainable framework conference forum workshop seminar lecture meeting roundtable round table panel
  discussion report presentation study survey program programme project agenda plan strategy policy
  first second third last final annual regional global world european asian eurasian african
  american northern southern eastern western north south east west central middle upper lower greater
  read more photo source see also note click link download watch video full short version news press
  release update announcement invitation registration welcome congratulations results summary contents
  day days week month year online offline hybrid format live open special guest chief deputy senior
  please dear colleagues friends ladies gentlemen thank thanks topic theme title section part chapter
  university institute academy ministry agency committee council centre center foundation association
  general human social political economic cultural scientific academic digital green smart
  mission vision history science sciences studies analytics data statistics
  board management trustees supervisory governors directors presidium secretariat plenary
  kazakh kazakhstani russian chinese turkish uzbek kyrgyz tajik turkmen
  english russian kazakh language languages
`)

/** Well-known international organizations: acronym, full English name, other spellings. */
export const INTERNATIONAL_ORGANIZATIONS: ReadonlyArray<readonly [acronym: string | null, name: string, ...variants: string[]]> = [
  ['UN', 'United Nations'],
  ['UNDP', 'United Nations Development Programme', 'United Nations Development Program', 'UN Development Programme'],
  ['UNESCO', 'United Nations Educational, Scientific and Cultural Organization'],
  ['UNICEF', 'United Nations Children’s Fund', "United Nations Children's Fund"],
  ['UNHCR', 'United Nations High Commissioner for Refugees', 'UN Refugee Agency'],
  ['UNFPA', 'United Nations Population Fund'],
  [null, 'UN Women', 'United Nations Entity for Gender Equality and the Empowerment of Women'],
  ['UNODC', 'United Nations Office on Drugs and Crime'],
  ['UNEP', 'United Nations Environment Programme'],
  ['UNECE', 'United Nations Economic Commission for Europe'],
  ['ESCAP', 'United Nations Economic and Social Commission for Asia and the Pacific'],
  ['UNRCCA', 'United Nations Regional Centre for Preventive Diplomacy for Central Asia'],
  ['WHO', 'World Health Organization'],
  ['ILO', 'International Labour Organization'],
  ['IOM', 'International Organization for Migration'],
  ['FAO', 'Food and Agriculture Organization'],
  ['WFP', 'World Food Programme'],
  ['IMF', 'International Monetary Fund'],
  [null, 'World Bank'],
  ['ADB', 'Asian Development Bank'],
  ['EBRD', 'European Bank for Reconstruction and Development'],
  ['AIIB', 'Asian Infrastructure Investment Bank'],
  ['EDB', 'Eurasian Development Bank'],
  ['OSCE', 'Organization for Security and Co-operation in Europe', 'Organization for Security and Cooperation in Europe'],
  ['NATO', 'North Atlantic Treaty Organization'],
  ['EU', 'European Union'],
  [null, 'European Commission'],
  [null, 'Council of Europe'],
  ['SCO', 'Shanghai Cooperation Organisation', 'Shanghai Cooperation Organization'],
  ['CIS', 'Commonwealth of Independent States'],
  ['EAEU', 'Eurasian Economic Union', 'EEU'],
  ['CICA', 'Conference on Interaction and Confidence-Building Measures in Asia'],
  ['OIC', 'Organisation of Islamic Cooperation', 'Organization of Islamic Cooperation'],
  ['OTS', 'Organization of Turkic States'],
  ['ASEAN', 'Association of Southeast Asian Nations'],
  ['OECD', 'Organisation for Economic Co-operation and Development', 'Organization for Economic Cooperation and Development'],
  ['WTO', 'World Trade Organization'],
  ['USAID', 'United States Agency for International Development'],
  ['GIZ', 'Deutsche Gesellschaft für Internationale Zusammenarbeit'],
  ['JICA', 'Japan International Cooperation Agency'],
  ['KOICA', 'Korea International Cooperation Agency'],
  ['TIKA', 'Turkish Cooperation and Coordination Agency'],
  [null, 'British Council'],
  ['DAAD', 'German Academic Exchange Service'],
  ['ICRC', 'International Committee of the Red Cross'],
  ['IAEA', 'International Atomic Energy Agency'],
  ['UNIDO', 'United Nations Industrial Development Organization'],
  ['UNCTAD', 'United Nations Conference on Trade and Development'],
  ['UNAIDS', 'Joint United Nations Programme on HIV/AIDS'],
  ['CAREC', 'Central Asia Regional Economic Cooperation'],
]

/** Capitalised abbreviations that are not organizations. */
export const NOT_ACRONYMS = words(`
  usa us uk uae ussr prc rf rk kz uz kg tj tm ru cn tr gb de fr it pdf ppt doc ii iii iv vi vii viii ix xi xii
  xiii xiv xv xvi xvii xviii xix xx xxi am pm gmt utc covid covid-19 sdg sdgs gdp it ai ict ceo cto cfo ok tv
  pr hr faq q&a vs etc no nb ps id url www http https html km kg cm mm dr mr mrs ms prof phd dsc mba msc ma ba
  llm jd md ngo ngos csr csos cso smes sme r&d stem esg ip api qr ad bc ce bce st nd rd th
`)

/** Country adjectives and demonyms: "Kazakh National University" → KZ. */
export const COUNTRY_ADJECTIVES: Record<string, string> = {
  kazakh: 'KZ', kazakhstani: 'KZ', kyrgyz: 'KG', kyrgyzstani: 'KG', uzbek: 'UZ', uzbekistani: 'UZ', tajik: 'TJ',
  tajikistani: 'TJ', turkmen: 'TM', russian: 'RU', chinese: 'CN', turkish: 'TR', american: 'US', british: 'GB',
  english: 'GB', german: 'DE', french: 'FR', italian: 'IT', spanish: 'ES', korean: 'KR', japanese: 'JP',
  indian: 'IN', azerbaijani: 'AZ', azerbaijan: 'AZ', georgian: 'GE', armenian: 'AM', iranian: 'IR', afghan: 'AF',
  pakistani: 'PK', mongolian: 'MN', ukrainian: 'UA', belarusian: 'BY', polish: 'PL', czech: 'CZ', hungarian: 'HU',
  bulgarian: 'BG', romanian: 'RO', serbian: 'RS', croatian: 'HR', slovak: 'SK', slovenian: 'SI', austrian: 'AT',
  swiss: 'CH', dutch: 'NL', belgian: 'BE', swedish: 'SE', norwegian: 'NO', finnish: 'FI', danish: 'DK',
  estonian: 'EE', latvian: 'LV', lithuanian: 'LT', israeli: 'IL', saudi: 'SA', emirati: 'AE', qatari: 'QA',
  egyptian: 'EG', canadian: 'CA', australian: 'AU', brazilian: 'BR', mexican: 'MX', greek: 'GR', portuguese: 'PT',
  irish: 'IE', malaysian: 'MY', indonesian: 'ID', singaporean: 'SG', thai: 'TH', vietnamese: 'VN', kuwaiti: 'KW',
  moldovan: 'MD', scottish: 'GB', welsh: 'GB',
}
