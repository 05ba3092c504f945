// Activity kind: the first event word of the item (FORMAT.md's KINDS), preferring words outside
// quoted titles.
import type { Kind } from '../lib/vocabulary.ts'
import { findQuotes, insideAny } from './text.ts'

const KIND_WORDS: Array<[RegExp, Kind]> = [
  [/\bround[- ]?tables?\b|\b(?:panel|expert|public|roundtable) discussions?\b/gi, 'round-table'],
  [/\bsigning ceremon(?:y|ies)\b/gi, 'other'],
  [/\bstrategic sessions?\b|\bforesight sessions?\b/gi, 'strategic-session'],
  [/\bworkshops?\b|\b(?:summer|winter|spring|autumn)\s+schools?\b|\bmaster[- ]?class(?:es)?\b|\btraining (?:session|course)s?\b|\btrainings?\b|\bhackathons?\b/gi, 'workshop'],
  // "Venue: Conference Room I" names a room, not the activity.
  [/\bconferences?\b(?!\s+(?:room|hall|centre|center|facilities|building)s?\b)|\bcongress(?:es)?\b(?!\s+(?:hall|centre|center)\b)|\bsymposi(?:um|a)\b/gi, 'conference'],
  [/\bseminars?\b|\bwebinars?\b|\bcolloqui(?:um|a)\b/gi, 'seminar'],
  [/\blectures?\b|\bpublic talks?\b|\bguest talks?\b/gi, 'lecture'],
  [/\bforums?\b|\bsummits?\b/gi, 'forum'],
  [/\b(?:release|launch)\s+(?:conference|ceremony|event)s?\b|\bpresent(?:ed|s|ing)?\s+(?:an?\s+|the\s+|its\s+|their\s+|his\s+|her\s+)?(?:[\p{L}-]+\s+){0,2}(?:report|book|study|monograph|results|findings|survey|research|index|atlas|collection)\b|\bpresentations?\s+of\s+(?:the\s+|an?\s+)?(?:[\p{L}-]+\s+){0,2}(?:report|book|study|monograph|results|findings|survey|research)\b|\b(?:book|report) launch\b|\b(?:announc|publish)(?:es|ed|ing)\s+the\s+(?:results|findings)\s+of\b|\blaunch(?:ed|es|ing)?\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\p{L}\d-]+\s+){0,5}(?:report|book|study|index|survey|atlas)\b|\blaunch of (?:the |an? )?(?:[\p{L}-]+\s+){0,2}(?:report|book|study|paper)\b/giu, 'presentation'],
  [/\bmeetings?\b|\bmet\s+with\b|\bsessions?\b|\bbriefings?\b|\bconsultations?\b|\bhearings?\b|\bdialogue\b|\bnegotiations\b|\bvisit(?:ed|s)?\b/gi, 'meeting'],
]
const OTHER = /\bsign(?:ed|ing|s)?\s+(?:an?\s+|the\s+)?(?:[\p{L}-]+\s+){0,3}(?:memorand(?:um|a)|agreements?|accords?)\b|\bmemorand(?:um|a)\s+of\s+(?:understanding|cooperation)\b|\bfocus groups?\b|\bfield\s*(?:work|research|trips?)\b|\bexpeditions?\b|\bexhibitions?\b|\bfestivals?\b|\bcompetitions?\b|\bcontests?\b|\bolympiads?\b|\bceremon(?:y|ies)\b|\bexcursions?\b|\bfairs?\b|\bscreenings?\b/giu

// The first lines say what the item is about; later paragraphs mention other events in passing.
const SEARCH_LIMIT = 4000

// An event card's "Programme type: Talks", "Event type: Panel discussion".
const TYPE_LABEL = /^[ \t]*(?:programme|program|event|activity)\s+type\s*:\s*([^\n]{3,60})$/im
// "held the first session …; A delivered the lecture": a session that is a lecture.
const LECTURE_GIVEN = /\b(?:delivered|gave|read)\s+(?:a|the|his|her)\s+(?:[\p{L}-]+\s+)?lecture\b/iu

export function findKind(text: string): Kind | null {
  const type = TYPE_LABEL.exec(text.slice(0, SEARCH_LIMIT))?.[1]
  if (type) {
    const labelled = /^\s*talks?\b/i.test(type) ? 'lecture' : findKind(type)
    if (labelled) return labelled
  }
  // A headline that announces a signing or a launch says what the item is about.
  const headline = /^[^\n]{8,200}(?=\n)/.exec(text)?.[0]
  if (headline) {
    OTHER.lastIndex = 0
    if (/\bsign(?:ed|ing|s)?\b/i.test(headline) && OTHER.test(headline)) return 'other'
  }
  const head = text.slice(0, SEARCH_LIMIT)
  const quotes = findQuotes(head)
  let best: { index: number; length: number; kind: Kind; quoted: boolean } | null = null
  for (const [pattern, kind] of KIND_WORDS) {
    for (const match of head.matchAll(pattern)) {
      const quoted = insideAny(quotes, match.index)
      const candidate = { index: match.index, length: match[0].length, kind, quoted }
      if (!best || better(candidate, best)) best = candidate
    }
  }
  // "the plenary session of the Astana International Forum": a part names the whole it belongs to.
  if (best && best.kind === 'meeting') {
    const whole = /^\s+of\s+(?:the\s+)?[^.;]{0,60}?\b(conference|congress|symposium|forum|summit|workshop|seminar|round[- ]?table)\b/i
      .exec(head.slice(best.index + best.length, best.index + best.length + 90))
    if (whole) return findKind(whole[1]!)
    if (/^(?:sessions?|dialogue)$/i.test(head.slice(best.index, best.index + best.length)) && LECTURE_GIVEN.test(head)) return 'lecture'
  }
  // A webinar that is a panel discussion is the panel ("webinar panel").
  if (best && (best.kind === 'seminar' || best.kind === 'round-table') && /\bwebinar\b/i.test(head) && /\bpanel discussion\b/i.test(head)) return 'other'
  if (best) return best.kind
  OTHER.lastIndex = 0
  return OTHER.test(head) ? 'other' : null
}

function better(a: { index: number; length: number; quoted: boolean }, b: { index: number; length: number; quoted: boolean }) {
  if (a.quoted !== b.quoted) return !a.quoted
  if (a.index !== b.index) return a.index < b.index
  return a.length > b.length
}
