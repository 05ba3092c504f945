// In person, online or hybrid, as a Russian or Kazakh item says it: "в онлайн-формате", "в режиме
// видеоконференции", "очно-дистанционный", "гибридный"; in person when the activity has a venue and
// nothing is said of online participation.
import type { Format } from '../../lib/vocabulary.ts'

const HYBRID = /очно[-\s]?(?:дистанционн|заочн)|гибридн|смешанн[а-я]+\s+формат|в\s+очном\s*(?:и|,)\s*[а-я,\s]*(?:онлайн|дистанционн|заочн)|очно\s+и\s+(?:онлайн|дистанционно)|онлайн\s+и\s+офлайн|офлайн\s+и\s+онлайн|оффлайн\s+и\s+онлайн|аралас\s+формат|гибридті/iu
const ONLINE = /онлайн|online|вебинар|видеоконференц|видеосвяз|дистанционн|zoom|зум|в\s+режиме\s+видео|виртуальн|интернет-конференц|желілік|қашықтықтан/iu

export function findRuFormat(text: string, placed: boolean): Format | null {
  if (HYBRID.test(text)) return 'hybrid'
  if (ONLINE.test(text)) return placed ? 'hybrid' : 'online'
  return placed ? 'in-person' : null
}
