// Roles: what the text says each person and organization did (FORMAT.md's role table). A cue either
// looks forward ("moderated by A", "with the support of X") or back to the subject ("A took part",
// "X held a round table"); entities take the nearest cue of their sentence that applies to them.
import type { Role } from '../lib/vocabulary.ts'
import { splitSentences, type Span } from './text.ts'

export type Target = 'person' | 'organization'
interface Cue extends Span { role: Role | null; forward: boolean; targets: readonly Target[]; firstOnly?: boolean }

const BOTH: readonly Target[] = ['person', 'organization']
const PERSON: readonly Target[] = ['person']
const ORGANIZATION: readonly Target[] = ['organization']

type CueRule = [pattern: RegExp, role: Role | null, targets: readonly Target[], firstOnly?: boolean]

// Cues before the entity: "organized by X", "Organizers: X and Y", "moderated by A".
const FORWARD: CueRule[] = [
  // A heading of its own over a list: "## Speakers", "Participants".
  [/(?<=^[ \t#*]*)(?:speakers|lecturers|presenters|panelists|keynote speakers)(?=[ \t*]*:?[ \t]*$)/gim, 'speaker', PERSON],
  [/(?<=^[ \t#*]*)(?:participants|guests|attendees)(?=[ \t*]*:?[ \t]*$)/gim, 'participant', BOTH],
  [/(?<=^[ \t#*]*)(?:moderators?|chairs?)(?=[ \t*]*:?[ \t]*$)/gim, 'moderator', PERSON],
  [/\b(?:co-)?organi[sz]ed\s+(?:jointly\s+)?(?:by|with)\b|\b(?:run|held|hosted|conducted|implemented|organi[sz]ed)\s+jointly\s+by\b|\b(?:held|hosted)\s+jointly\s+with\b|\bhosted\s+by\b|\bconvened\s+by\b|\binitiated\s+by\b|\b(?:at|on)\s+the\s+initiative\s+of\b|\borgani[sz]ers?\s*(?::|were\b|was\b|are\b|is\b|included\b)|\bheld\s+by\b/gi, 'organizer', BOTH],
  [/\b(?:held|hosted|took place|organi[sz]ed)\s+at\b|\bat\s+the\s+invitation\s+of\b/gi, 'organizer', ORGANIZATION, true],
  [/\b(?:meeting|session|sitting|plenary|assembly|congress|conference|forum|workshop|seminar|round table|event)s?\s+of\s+(?:the\s+)?/gi, 'organizer', ORGANIZATION, true],
  [/\bmoderated\s+by\b|\bchaired\s+by\b|\bfacilitated\s+by\b|\bmoderators?\s*(?::|were\b|was\b)|\bmoderator\s+of\s+the\s+[\p{L}\s]{1,30}?\s+(?:was|were)\b/giu, 'moderator', PERSON],
  [/\b(?:opened|presented|delivered|made|given|read|addressed|introduced)\s+by\b|\b(?:speech|speeches|report|reports|lecture|lectures|talk|talks|presentation|presentations|remarks|address|keynote)\s+(?:by|from)\b|\b(?:speakers?|lecturers?|presenters?|keynote speakers?|trainers?|facilitators?|instructors?|coaches|mentors?)\s*(?::|were\b|was\b|included\b)|\bkeynote\s+speakers?\b|\bamong\s+(?:the\s+)?(?:speakers|presenters|lecturers|panelists)\b[^.]{0,40}?\b(?:was|were)\b|\bfeatur(?:ed|ing)\b|\b(?:conversation|fireside chat|discussion|talk|interview)\s+(?:[^.;\n]{0,60}?\s)?with\b/gi, 'speaker', PERSON],
  [/\bcommented\s+(?:on\s+)?by\b|\bdiscussants?\s*(?::|were\b|was\b)|\breviewed\s+by\b/gi, 'discussant', PERSON],
  [/\b(?:experts|representatives|specialists|scholars|delegates|delegations)\s+(?:from|of)\s+(?:the\s+)?(?=\p{Lu})|\bdelegations?\b[^.;\n]{0,100}?\bled\s+by\b|\battended\s+by\b|\bwith\s+the\s+participation\s+of\b|\bbrought\s+together\b|\bparticipants?\s*(?::|were\b|included\b)|\bguests?\s+(?:of\s+the\s+[\p{L}\s]{1,30}?\s+)?(?:was|were)\b|\bamong\s+(?:the\s+)?(?:guests|participants|attendees)\b[^.]{0,40}?\b(?:was|were)\b|\bjoined\s+by\b|\bdelegations?\s+(?:included|consisted\s+of|comprised|was\s+composed\s+of)\b|\bpanel(?:ists)?\s+(?:of\s+experts\s+)?(?:included\b|:)|\b(?:invited|special)\s+guests?\s*(?:was|were|:)/giu, 'participant', BOTH],
  [/\bexperts\s+from\b|\bguests?\s*:|\b(?:was|were)\s+represented\s+by\b|\b(?:it|the\s+delegation|the\s+group)\s+(?:also\s+)?(?:included|comprised|consisted\s+of)\b|\bwere\s+in\s+the\s+audience\b[^.]{0,20}?\bamong\s+them\b/gi, 'participant', PERSON],
  [/\brepresentatives\s+of\b|\bdelegations?\s+(?:of|from)\b|\b(?:for|to)\s+(?:the\s+)?(?:[\p{L}’']+\s+){0,2}(?:students|staff|employees|faculty|teachers|officials|civil servants|listeners|audience|members)\s+(?:of|from|at)\s+(?:the\s+)?/giu, 'participant', ORGANIZATION],
  [/\bwith\s+the\s+(?:financial\s+|kind\s+|technical\s+)?(?:support|assistance)\s+of\b|\bsupported\s+by\b|(?:^|[,;]\s*|\b(?:operates|works|held|organi[sz]ed|was|were|is|are)\s+)under\s+the\s+(?:auspices|patronage)\s+of\b|\bsponsored\s+by\b|\bfunded\s+by\b|\bfinanced\s+by\b|\bwith\s+(?:the\s+)?(?:financial\s+)?(?:support|assistance|funding)\s+from\b|\bsupporters?\s*:/gi, 'supporter', BOTH],
  [/\bin\s+(?:partnership|cooperation|co-operation|collaboration)\s+with\b|\bpartners?\s*(?::|were\b|included\b)|\bco-organi[sz]ed\s+with\b/gi, 'partner', ORGANIZATION],
  // "Together with X, Y organised …": X is the partner, Y the subject of the sentence.
  [/\btogether\s+with\b/gi, 'partner', ORGANIZATION, true],
  [/\bcommissioned\s+by\b|\bat\s+the\s+request\s+of\b|\bon\s+behalf\s+of\b|\b(?:by|on)\s+(?:the\s+)?order\s+of\b|\bordered\s+by\b|\bcommissioned\s+from\b/gi, 'commissioner', ORGANIZATION],
  // Mentions that are not roles: "led by", "conducted by", "including", "between".
  [/\b(?:was|were|is|are|will\s+be)\s+(?:led|conducted|facilitated|hosted)\s+by\b/gi, 'moderator', PERSON],
  [/\bdelegations?\b[^.;]{0,60}?\b(?:led|headed)\s+by\b/gi, 'participant', PERSON],
  [/,\s*(?:led|headed|directed|founded)\s+by\b|\bfounded\s+by\b/gi, null, PERSON],
  [/\bcomments?\s+(?:were\s+|was\s+)?(?:made|given|provided|offered)\s+by\b|\bcommented\s+(?:on\s+)?by\b/gi, 'discussant', PERSON],
  [/\bmet\s+with\b|\bmeeting\s+with\b|\btalks\s+with\b|\bnegotiations\s+with\b/gi, 'participant', BOTH],
  [/\b(?:conducted|authored|written|prepared|developed|published|created|established)\s+by\b|\bdedicated\s+to\b|\bin\s+memory\s+of\b|\bworks\s+of\b|\bincluding\b|\bsuch\s+as\b|\bbetween\b|\bcongratulat\w*\b/gi, null, BOTH],
]

// Cues after the entity, about its subject: "A took part", "X held a round table".
const BACKWARD: CueRule[] = [
  // Before "took part": helping to organize is organizing ("took an active part in organizing it").
  [/\b(?:helped|helps|help|assisted|assists)\s+(?:to\s+|in\s+)?organi[sz](?:e|ing)\b|\b(?:took|take|takes|taking)\s+(?:an?\s+)?(?:active\s+|leading\s+)?part\s+in\s+(?:the\s+)?organi[sz]ing\b/gi, 'organizer', BOTH],
  [/\bsupported\s+(?:it|them|the\s+(?:event|conference|forum|seminar|workshop|round table|meeting|project|initiative|school|training|lecture))\b/gi, 'supporter', ORGANIZATION],
  [/\bheld\s+(?:an?\s+)?(?:[\p{L}-]+\s+)?(?:meeting|session|briefing|consultation)s?\b/giu, 'organizer', PERSON],
  [/\bmet\b|\bheld\s+(?:talks|negotiations)\b|\b(?:took|take|takes|taking)\s+part\b|\bparticipated\b|\bparticipates\b|\battended\b|\bjoined\b|\bwas\s+among\s+the\s+participants\b|\bwere\s+among\s+the\s+participants\b/gi, 'participant', BOTH],
  [/\b(?:moderated|chaired|facilitated)\b(?!\s+by)|\bheld\s+(?:an?\s+)?(?:[\p{L}-]+\s+){0,2}(?:discussion|debate|master[- ]?class|training|brainstorm\w*)\b|\bled\s+the\s+(?:discussion|session|panel)\b/giu, 'moderator', PERSON],
  [/\bcommented\s+on\b/gi, 'discussant', PERSON],
  [/\b(?:made|make|makes|gave|give|gives|delivered|deliver|delivers|presented|present|presents|read)\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\p{L}’'-]+\s+){0,2}(?:report|presentation|speech|lecture|talk|address|remarks|paper|keynote)s?\b|\bpresented\b(?!\s+by)|\bspoke\b|\baddressed\b(?!\s+by)|\bopened\s+the\b|\bwelcomed\b|\bdelivered\b(?!\s+by)|\bwith\s+(?:a\s+)?(?:speech|report|presentation|lecture)\b|\boutlined\b|\bnoted\b|\bstressed\b|\bemphasi[sz]ed\b|\bsaid\b|\btold\b|\bhighlighted\b|\blectured\b|\bshared\b|\bintroduced\b(?!\s+by)|\bspoke\b/giu, 'speaker', PERSON],
  [/\b(?:held|organi[sz]ed|hosted|convened|launched|co-organi[sz]ed|arranged|holds|hosts|organi[sz]es|will\s+hold|will\s+host)\b(?!\s+(?:by|at|in|on|with|under|from))/gi, 'organizer', ORGANIZATION],
  [/\bpresented\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\p{L}-]+\s+){0,2}(?:report|study|book|results|findings|survey|research|monograph|index|rating)\b|\bpresented\b(?!\s+by)/giu, 'organizer', ORGANIZATION],
  [/\borgani[sz]ed\b(?!\s+by)/gi, 'organizer', PERSON],
]

// "The expert made a presentation": a sentence about the person named just before.
const REFERENCE_SUBJECT = /^(?:the|this|our)\s+(?:expert|speaker|guest|lecturer|professor|scientist|researcher|author|ambassador|scholar|diplomat|analyst|visitor|director)\b|^(?:he|she)\b/i

export interface RoleEntity extends Span { target: Target; passive?: boolean }

/** Roles for each entity (same order), from the cues of the sentence it stands in. */
export function assignRoles(text: string, entities: readonly RoleEntity[]): Role[][] {
  const sentences = joinListLines(text, splitSentences(text))
  const result: Role[][] = entities.map(() => [])
  const cues: Cue[] = []
  for (const [rules, forward] of [[FORWARD, true], [BACKWARD, false]] as const) {
    for (const [pattern, role, targets, firstOnly] of rules) {
      for (const match of text.matchAll(pattern)) {
        cues.push({ start: match.index, end: match.index + match[0].length, role, forward, targets, firstOnly })
      }
    }
  }
  cues.sort((a, b) => a.start - b.start)

  let lastPerson = -1
  for (const sentence of sentences) {
    const inside = (s: Span) => s.start >= sentence.start && s.end <= sentence.end
    const sentenceCues = cues.filter(inside)
    const members = entities.map((e, index) => ({ e, index })).filter(({ e }) => inside(e))
    for (const { e, index } of members) {
      if (e.passive) continue
      const applicable = sentenceCues.filter((c) => c.targets.includes(e.target))
      // The nearest cue before; of two ending together the longer ("comments were made by" over "made by").
      const forward = applicable.filter((c) => c.forward && c.end <= e.start)
        .filter((c) => !c.firstOnly || !members.some((m) => m.e.target === 'organization' && !m.e.passive && m.e.start >= c.end && m.e.start < e.start))
        .reduce<Cue | undefined>((best, c) => (!best || c.end > best.end || c.end === best.end && c.start < best.start ? c : best), undefined)
      const backwardBetween = forward && applicable.some((c) => !c.forward && c.start >= forward.end && c.end <= e.start)
      let role: Role | null | undefined
      if (forward && !backwardBetween) role = forward.role
      else {
        const after = applicable.find((c) => !c.forward && c.start >= e.end)
        const crossing = after && applicable.some((c) => c.forward && c.start >= e.end && c.end <= after.start && c.role === null)
        if (after && !crossing) role = after.role
        else if (e.target === 'person') role = applicable.filter((c) => !c.forward && c.end <= e.start).pop()?.role
      }
      if (role) result[index]!.push(role)
    }
    // Pronoun subjects: the cue belongs to the person named last.
    const body = text.slice(sentence.start, sentence.end)
    if (REFERENCE_SUBJECT.test(body) && lastPerson >= 0 && !members.some(({ e }) => e.target === 'person')) {
      const cue = sentenceCues.find((c) => !c.forward && c.targets.includes('person') && c.role)
      if (cue?.role) result[lastPerson]!.push(cue.role)
    }
    for (const { e, index } of members) if (e.target === 'person') lastPerson = index
  }
  return result.map((roles) => [...new Set(roles)])
}

const LIST_HEADING = /^[\s#*]*(?:speakers|lecturers|presenters|panelists|keynote speakers|participants|guests|attendees|moderators?|chairs?)[\s*]*:?\s*$/i

/**
 * "The discussants were:" and the list on the lines below it, each line ending in ";": one sentence
 * for the cues, so that every name of the list takes the role its heading gives.
 */
function joinListLines(text: string, sentences: Span[]): Span[] {
  const joined: Span[] = []
  let inList = false
  for (const sentence of sentences) {
    const last = joined[joined.length - 1]
    const previous = last ? text.slice(last.start, last.end) : ''
    const gap = last ? text.slice(last.end, sentence.start) : ''
    // Under a heading, the list goes on line by line until a blank line.
    const continues = inList && !/\n\s*\n/.test(gap)
    if (last && !gap.trim() && (/[:;]\s*$/.test(previous) || (previous === text.slice(last.start, last.end) && LIST_HEADING.test(previous)) || continues)) {
      last.end = sentence.end
      inList = true
    } else {
      joined.push({ ...sentence })
      inList = LIST_HEADING.test(text.slice(sentence.start, sentence.end))
    }
  }
  return joined
}
