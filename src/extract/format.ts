// Format: online, hybrid or in person, from what the text says and whether it names a venue city.
import type { Format } from '../lib/vocabulary.ts'

const HYBRID = /\bhybrid\b|\bmixed format\b|\b(?:offline|in[- ]person)\s*(?:\/|and|&|or|\+)\s*(?:online|remotely|virtually)\b|\bonline\s*(?:\/|and|&|\+)\s*(?:offline|in[- ]person)\b|\bboth\s+online\s+and\b|\bboth\s+in[- ]person\s+and\s+online\b/i
const ONLINE_EVENT = /\b(?:held|took place|takes place|will be held|organi[sz]ed|conducted|hosted)\s+(?:entirely\s+|fully\s+)?(?:online|virtually|remotely)\b|\bonline\s+(?:format|mode|event|meeting|conference|seminar|lecture|session|round[- ]?table|workshop|forum|discussion|launch|release|presentation)\b|\bin\s+(?:an?\s+)?(?:online|virtual|remote)\s+format\b|\bwebinars?\b|\bvirtual\s+(?:event|meeting|conference|seminar|session|round[- ]?table|workshop|forum|conversation|discussion|panel|briefing|dialogue|lecture)\b|\bvia\s+(?:zoom|teams|microsoft teams|skype|webex|google meet|video ?conference)\b|\bon\s+(?:the\s+)?(?:zoom|teams|webex|google meet)\b|\bvideo ?conferenc\w*\b/i
const ONLINE_PARTLY = /\(\s*online\s*\)|\b(?:joined|participated|connected|spoke|took part|attended|presented)\s+(?:[\p{L}\s]{0,20}\s)?(?:online|remotely|virtually|via\s+video)\b|\bonline\b(?!\s+(?:survey|platform|course|media|shop|store|resources?|publication|version|database|library|questionnaire|registration|form|application|news))/iu
const IN_PERSON = /\bin[- ]person\b|\boffline\b|\bface[- ]to[- ]face\b|\bin[- ]situ\b/i
// A physical place or visit: "Venue: …", "held … at the X Institute", "in the premises of", a delegation's visit.
const PHYSICAL = /^\s*venue\s*:|\b(?:took place|was held|were held|is held|will be held|held|hosted|organi[sz]ed)\b[^.\n]{0,80}?\b(?:at|in)\s+the\s+(?:premises\b|(?!(?:framework|initiative|invitation|request|context|course|level|end|beginning|format)\b)\p{Lu})/imu
// A delegation's visit described on the spot: the guests met, were received, shown round, attended.
const VISIT = /\bdelegations?\b/i
const ON_SITE = /\b(?:met|received|welcomed|were shown|was shown|toured|stayed|attended)\b/i

export function findFormat(text: string, hasVenueCity: boolean): Format | null {
  if (HYBRID.test(text)) return 'hybrid'
  const inPerson = IN_PERSON.test(text)
  if (ONLINE_EVENT.test(text)) return inPerson ? 'hybrid' : 'online'
  // One participant joining "(online)" while the rest meet in a city: hybrid.
  if (ONLINE_PARTLY.test(text)) return hasVenueCity || inPerson ? 'hybrid' : 'online'
  if (inPerson || hasVenueCity || PHYSICAL.test(text) || (VISIT.test(text) && ON_SITE.test(text))) return 'in-person'
  return null
}
