// Lexical helpers shared by the extraction stages: tokens, sentences and quoted spans, all with
// character offsets into the item's text. Every function here is linear in the length of its input.

export interface Span { start: number; end: number }

export interface Token extends Span {
  text: string
  lower: string
  word: boolean
  /** Starts with a capital letter. */
  cap: boolean
  /** Two or more letters, all capitals: an acronym such as UNDP. */
  upper: boolean
}

// A word may carry inner apostrophes, hyphens, dots and ampersands: Women's, Chung-Ang, L.N.Gumilev, R&D.
const TOKEN = /[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|\S/gu
// With line breaks as tokens of their own, for names that must not run from one line into the next.
const LINE_TOKEN = /[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|\S|\n/gu

export function tokenize(text: string, offset = 0, lines = false): Token[] {
  const tokens: Token[] = []
  // Per-character case tests instead of a regular expression per token: tokenizing is the
  // extractor's hottest loop.
  for (const match of text.matchAll(lines ? LINE_TOKEN : TOKEN)) {
    const value = match[0]
    const start = offset + match.index
    const lower = value.toLowerCase()
    const upperCased = value.toUpperCase()
    const first = value[0]!
    tokens.push({
      text: value, lower, start, end: start + value.length, word: isWordStart(value),
      cap: first !== lower[0] && /^\p{Lu}/u.test(value),
      upper: value.length >= 2 && value === upperCased && value !== lower && letterCount(value) >= 2,
    })
  }
  return tokens
}

function isWordStart(value: string): boolean {
  const code = value.charCodeAt(0)
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
  return /^[\p{L}\p{N}]/u.test(value)
}

function letterCount(value: string): number {
  return value.replace(/[^\p{L}]/gu, '').length
}

/** Blanks Markdown markup with spaces so offsets stay those of the original text. */
export function blankMarkdown(text: string): string {
  return text
    .replace(/\[([^\]\n]{0,300})\]\(([^)\s]{0,2000})\)/g, (all, label: string) => ` ${label}${' '.repeat(all.length - label.length - 1)}`)
    .replace(/^[ \t]{0,3}(?:#{1,6}|>|[-*+])(?=[ \t])/gm, (m) => ' '.repeat(m.length))
    .replace(/\*\*|__/g, '  ')
}

const ABBREVIATIONS = new Set(['dr', 'prof', 'mr', 'mrs', 'ms', 'st', 'no', 'nos', 'jr', 'sr', 'vs', 'e.g', 'i.e', 'cf', 'assoc',
  'acad', 'approx', 'dept', 'univ', 'vol', 'pp', 'p', 'fig', 'inc', 'ltd', 'co', 'gen', 'col', 'lt', 'sen', 'rep', 'gov', 'h.e',
  // Ranks before a name: "Maj. Gen. (ret) A B", "Brig. Gen.", "Capt.".
  'maj', 'brig', 'capt', 'adm', 'cmdr', 'ret', 'retd',
  // Degrees written before a name: "Ph.D. Arman Zhaksylykov".
  'ph.d', 'sc.d', 'ed.d', 'd.phil', 'd.sc'])

/** Sentences of a text, split at line breaks and at sentence-ending punctuation followed by a capital, digit or quote. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = []
  let start = 0
  const push = (end: number) => {
    let s = start
    while (s < end && /\s/.test(text[s]!)) s++
    let e = end
    while (e > s && /\s/.test(text[e - 1]!)) e--
    if (e > s) spans.push({ start: s, end: e })
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\n') { push(i); start = i + 1; continue }
    if (c !== '.' && c !== '!' && c !== '?') continue
    let j = i + 1
    while (j < text.length && /[”"’»)]/.test(text[j]!)) j++
    if (j < text.length && text[j] !== ' ' && text[j] !== '\t') continue
    let k = j
    while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++
    if (k < text.length && !/[\p{Lu}\p{N}“"«(]/u.test(text[k]!)) continue
    if (c === '.') {
      let w = i
      while (w > start && /[\p{L}.]/u.test(text[w - 1]!)) w--
      const word = text.slice(w, i).toLowerCase()
      // Initials (M.B. Syzdykova) and titles (Dr. Smith) do not end a sentence.
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) continue
    }
    push(j)
    start = j
  }
  push(text.length)
  return spans
}

const OPENING = '“«„‘'
const CLOSING: Record<string, string> = { '“': '”', '«': '»', '„': '“', '‘': '’' }

/**
 * Quoted spans (the quotes included), outermost only. Curly quotes nest (“A “B” C”); straight
 * double quotes pair up. An unclosed quote ends at the line end.
 */
export function findQuotes(text: string): Span[] {
  const spans: Span[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '"') {
      const close = text.indexOf('"', i + 1)
      const lineEnd = Math.min(indexOrEnd(text, '\n', i), i + MAX_QUOTE)
      if (close > i && close < lineEnd) { spans.push({ start: i, end: close + 1 }); i = close + 1; continue }
      i++
      continue
    }
    if (OPENING.includes(c) && !(c === '‘' && /\p{L}/u.test(text[i - 1] ?? ''))) {
      const end = matchCurly(text, i)
      if (end > i) { spans.push({ start: i, end }); i = end; continue }
    }
    i++
  }
  return spans
}

// Titles are short: a quote left open is not looked for further than this, which keeps the scan linear.
const MAX_QUOTE = 600

function matchCurly(text: string, open: number): number {
  const stack: string[] = [CLOSING[text[open]!]!]
  const lineEnd = Math.min(indexOrEnd(text, '\n', open), open + MAX_QUOTE)
  for (let i = open + 1; i < lineEnd; i++) {
    const c = text[i]!
    if (c === stack[stack.length - 1]) {
      // ’ is also an apostrophe (Women’s): only a ’ not followed by a letter closes ‘.
      if (c === '’' && /\p{L}/u.test(text[i + 1] ?? '')) continue
      stack.pop()
      if (!stack.length) return i + 1
    } else if (c === '“' || c === '«') {
      stack.push(CLOSING[c]!)
    } else if (c === '”' && stack[stack.length - 1] === '“') {
      stack.pop()
      if (!stack.length) return i + 1
    }
  }
  // Nested quotes that never closed: take the first closing quote of the outer kind on the line.
  const first = text.indexOf(CLOSING[text[open]!]!, open + 1)
  return first > open && first < lineEnd ? first + 1 : -1
}

function indexOrEnd(text: string, needle: string, from: number) {
  const i = text.indexOf(needle, from)
  return i < 0 ? text.length : i
}

export function insideAny(spans: readonly Span[], position: number): boolean {
  for (const s of spans) if (position >= s.start && position < s.end) return true
  return false
}

export function overlapsAny(spans: readonly Span[], span: Span): boolean {
  for (const s of spans) if (span.start < s.end && s.start < span.end) return true
  return false
}

/** Collapses white space and trims punctuation left at either end of a name. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '').trim()
}
