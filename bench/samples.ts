// Word pools for the synthetic archive: an institute in Central Asia and its partners.

export const GIVEN_NAMES = ['Aigerim', 'Botagoz', 'Dauren', 'Yerlan', 'Saule', 'Nurlan', 'Aliya', 'Marat', 'Gulnara',
  'Timur', 'Zarina', 'Askar', 'Dinara', 'Bakhyt', 'Madina', 'Ruslan', 'Aizhan', 'Serik', 'Kamila', 'Arman', 'Leila',
  'Olzhas', 'Assel', 'Murat', 'Elena', 'Sergey', 'Anna', 'Dmitry', 'Olga', 'Ivan', 'Maria', 'John', 'Sarah', 'Thomas',
  'Emma', 'Ahmet', 'Ayşe', 'Mehmet', 'Zeynep', 'Anar', 'Farida', 'Rustam', 'Nodira', 'Jasur', 'Dilnoza', 'Bolat',
  'Zhanar', 'Kairat', 'Raushan', 'Yerbol', 'Togzhan', 'Sanzhar', 'Karlygash', 'Azamat', 'Indira', 'Beibit', 'Laura',
  'Chen', 'Wei', 'Hiroshi']

export const FAMILY_NAMES = ['Rakisheva', 'Nurpeisov', 'Somuncuoğlu', 'Abenova', 'Zhaksybekov', 'Tokayeva', 'Seitkali',
  'Bekmukhambetov', 'Iskakova', 'Kuanyshev', 'Mukhametzhanova', 'Ospanov', 'Sarsenbayeva', 'Temirbolat', 'Utepova',
  'Yessimov', 'Zhumabayeva', 'Alimkulov', 'Baimukhanova', 'Dzhaksylykov', 'Ermekova', 'Gabdullin', 'Ibrayeva',
  'Kassymov', 'Lukpanova', 'Mamyrov', 'Nurlanova', 'Omarov', 'Petrova', 'Ivanov', 'Smirnova', 'Kuznetsov', 'Popova',
  'Sokolov', 'Lebedeva', 'Smith', 'Johnson', 'Brown', 'Müller', 'Schmidt', 'Dubois', 'Yılmaz', 'Kaya', 'Demir',
  'Çelik', 'Şahin', 'Karimov', 'Yusupova', 'Rashidov', 'Tashkentova', 'Akhmetov', 'Dosmagambetova', 'Zhunusov',
  'Kenzhebayeva', 'Satpayev', 'Valikhanova', 'Auezov', 'Abaiuly', 'Kunanbayeva', 'Tleubergenov', 'Wang', 'Li',
  'Tanaka', 'Kowalski', 'Nowak', 'García', 'Rossi', 'Andersen', 'Novák', 'Horváth']

export const HONORIFICS = ['Dr.', 'Prof.'] as const
export const DEGREES = ['PhD', 'Candidate of Sciences', 'Doctor of Sciences', 'MA', 'MSc'] as const
export const POSITIONS = ['Director', 'Deputy Director', 'Senior Researcher', 'Researcher', 'Professor',
  'Associate Professor', 'Head of Department', 'Analyst', 'Programme Officer', 'Ambassador', 'Vice-President',
  'Chair of the Board', 'Journalist', 'Editor-in-Chief', 'Adviser']

export const ORGANIZATION_FORMS = ['University', 'Institute', 'Centre', 'Agency', 'Foundation', 'Academy', 'Council',
  'Association', 'Ministry', 'Committee', 'Office', 'Network', 'Observatory', 'School', 'Bureau']
export const ORGANIZATION_FIELDS = ['Social Research', 'Public Policy', 'Economic Studies', 'Strategic Studies',
  'Sociology', 'Political Science', 'Regional Development', 'Civil Society', 'Education', 'Public Health',
  'Digital Development', 'Labour and Migration', 'Youth Policy', 'Eurasian Studies', 'Turkic Studies',
  'Water Resources', 'Energy Transition', 'Statistics', 'Media Studies', 'International Relations']

export const PLACES: readonly (readonly [city: string, country: string])[] = [
  ['Astana', 'KZ'], ['Almaty', 'KZ'], ['Shymkent', 'KZ'], ['Karaganda', 'KZ'], ['Aktobe', 'KZ'], ['Pavlodar', 'KZ'],
  ['Tashkent', 'UZ'], ['Samarkand', 'UZ'], ['Bishkek', 'KG'], ['Dushanbe', 'TJ'], ['Ashgabat', 'TM'],
  ['Baku', 'AZ'], ['Ankara', 'TR'], ['Istanbul', 'TR'], ['Moscow', 'RU'], ['Berlin', 'DE'], ['Brussels', 'BE'],
  ['Geneva', 'CH'], ['Vienna', 'AT'], ['Beijing', 'CN'], ['Seoul', 'KR'], ['Tokyo', 'JP'], ['London', 'GB'],
  ['Washington', 'US'], ['Paris', 'FR'], ['Warsaw', 'PL'], ['Tbilisi', 'GE'], ['Ulaanbaatar', 'MN'],
]

export const TOPICS = ['public trust in institutions', 'youth employment', 'the digital economy', 'water security in Central Asia',
  'migration and remittances', 'regional development', 'social cohesion', 'the energy transition', 'rural healthcare',
  'higher education reform', 'urbanisation', 'civic participation', 'media literacy', 'family values and change',
  'the ageing population', 'inclusive growth', 'the green economy', 'interethnic harmony', 'local self-government',
  'labour market trends', 'religious identity', 'the quality of life index', 'public opinion on reforms',
  'Eurasian integration', 'food security', 'women in leadership', 'anti-corruption policy', 'survey methodology']

export const SENTENCES = [
  'Participants discussed the findings of the latest nationwide survey and what they mean for policy.',
  'The speakers compared regional data and pointed to the gaps that remain between cities and villages.',
  'A representative sample of respondents was interviewed face to face in every region of the country.',
  'The discussion turned to how public opinion research can inform decisions at the local level.',
  'Experts from partner organizations presented case studies from neighbouring countries.',
  'The institute presented a new report and invited comments from researchers and practitioners.',
  'Several recommendations were adopted and will be sent to the relevant ministries.',
  'Questions from the audience focused on methodology, sample design and the reliability of online panels.',
  'The event closed with an agreement to continue the joint research programme next year.',
  'Young researchers presented their projects and received feedback from senior colleagues.',
  'The moderators summarised the main points and thanked the hosts for their hospitality.',
  'A round of bilateral meetings followed the plenary session.',
]

export const LINK_LABELS = ['Photo gallery', 'Video recording', 'Programme', 'Press release', 'Presentation slides']
