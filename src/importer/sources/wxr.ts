import { createHash } from 'node:crypto'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import TurndownService from 'turndown'
import { InvalidInputError } from '../../lib/errors.ts'
import type { ItemProblem, SourceFile, SourceItem } from '../import.types.ts'

type XmlNode = Record<string, unknown>
type Attachment = SourceItem['attachments'][number]

const MAX_BODY_BYTES = 2 * 1024 * 1024

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // One-element lists must still be lists, or a post with one tag reads differently from one with two.
  isArray: (tagName) => tagName === 'item' || tagName === 'category' || tagName === 'wp:postmeta',
  processEntities: true,
  htmlEntities: true,
  // A title "2024" is text, not a number.
  parseTagValue: false,
  trimValues: false,
})

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced' })
turndown.remove(['script', 'style', 'iframe'])

/**
 * Reads a WordPress export (WXR 1.0–1.2): every post, drafts and private ones included, becomes an item with
 * its attachments, unless trashed or an auto-draft; pages, menus and other post types are left out.
 */
export function readWxr(xml: string, fileName: string): SourceFile {
  const text = xml.replace(/^\uFEFF/, '')
  if (!text.trim()) throw new InvalidInputError(`${fileName} is empty.`)
  const verdict = XMLValidator.validate(text)
  if (verdict !== true) {
    const { line, col, msg } = verdict.err
    const where = col ? `line ${line}, column ${col}` : `line ${line}`
    throw new InvalidInputError(`${fileName} is not well-formed XML: ${where}: ${msg}`)
  }
  // Scanned before parsing, so that a DOCTYPE's entities are refused before anything expands them.
  const itemLines = findItemLines(text, fileName)
  const channel = readChannel(parseXml(text, fileName), fileName)
  const rawItems = Array.isArray(channel.item) ? channel.item as unknown[] : []
  const elements = rawItems.map((item) => isNode(item) ? item : {})
  if (!textOf(channel['wp:wxr_version']).trim() && !elements.some((item) => Object.keys(item).some((key) => key.startsWith('wp:')))) {
    throw new InvalidInputError(`${fileName} is not a WordPress export (WXR): it is an RSS feed without WordPress fields ` +
      '(wp:post_type, wp:post_id). Export the site from WordPress under Tools → Export.')
  }

  const siteUrl = textOf(channel['wp:base_site_url']).trim() || textOf(channel.link).trim()
  const attachments = collectAttachments(elements)
  const items: SourceItem[] = []
  const problems: ItemProblem[] = []
  elements.forEach((element, index) => {
    const status = field(element, 'wp:status')
    if (field(element, 'wp:post_type') !== 'post' || status === 'trash' || status === 'auto-draft') return
    const line = itemLines[index]
    const position = line === undefined ? `item ${index + 1}` : `item ${index + 1} (line ${line})`
    const read = readPost(element, attachments.get(field(element, 'wp:post_id')) ?? [], siteUrl)
    if ('reason' in read) problems.push({ position, reason: read.reason })
    else items.push({ position, ...read })
  })
  return { format: 'wxr', items, problems }
}

function parseXml(text: string, fileName: string): XmlNode {
  try {
    return parser.parse(text) as XmlNode
  } catch (error) {
    // The parser's own limits (entity expansion, names) end here: the file is refused, not the process.
    throw new InvalidInputError(`${fileName} could not be read as XML: ${(error as Error).message}`)
  }
}

function readChannel(document: XmlNode, fileName: string): XmlNode {
  const rss = document.rss
  const channel = isNode(rss) ? rss.channel : undefined
  if (!isNode(channel)) {
    throw new InvalidInputError(`${fileName} is not a WordPress export: a WXR file is an <rss> document with one <channel>, ` +
      'and this file has none.')
  }
  return channel
}

/** Attachments are items of their own, pointing at their post through wp:post_parent. */
function collectAttachments(elements: XmlNode[]): Map<string, Attachment[]> {
  const byParent = new Map<string, Attachment[]>()
  for (const element of elements) {
    if (field(element, 'wp:post_type') !== 'attachment' || field(element, 'wp:status') === 'trash') continue
    const parent = field(element, 'wp:post_parent')
    const url = field(element, 'wp:attachment_url') || field(element, 'guid')
    if (!parent || parent === '0' || !url) continue
    const list = byParent.get(parent) ?? []
    list.push({ url, title: decodeHtmlText(field(element, 'title')) || null })
    byParent.set(parent, list)
  }
  return byParent
}

function readPost(element: XmlNode, attached: Attachment[], siteUrl: string): Omit<SourceItem, 'position'> | { reason: string } {
  const html = textOf(element['content:encoded'])
  const size = Buffer.byteLength(html, 'utf8')
  if (size > MAX_BODY_BYTES) {
    return { reason: `body too large: ${(size / 1024 / 1024).toFixed(1)} MB of text, the limit is 2 MB` }
  }
  const publishedAt = readPublishedAt(element)
  if ('reason' in publishedAt) return { reason: publishedAt.reason }

  const title = decodeHtmlText(field(element, 'title')) || null
  const body = htmlToMarkdown(html)
  const text = body || htmlToMarkdown(textOf(element['excerpt:encoded']))
  if (!title && !text) return { reason: 'empty post: no title and no text' }

  const guid = field(element, 'guid')
  // A title-only post without a guid would otherwise share the hash of "" with every other one.
  const key = guid ? `wxr:${guid}` : `wxr:${sha256(body || text || title || '')}`
  const [categories, tags] = [readTerms(element, 'category'), readTerms(element, 'post_tag')]
  const attachments = uniqueByUrl([...attached, ...findUploads(html, siteUrl)])
  return { key, title, body, text, publishedAt: publishedAt.iso, categories, tags, attachments }
}

function readTerms(element: XmlNode, domain: string): string[] {
  const terms = asList(element.category)
    .filter((term) => isNode(term) && term['@_domain'] === domain)
    .map((term) => decodeHtmlText(textOf(term)))
    .filter(Boolean)
  return [...new Set(terms)]
}

/** Files in the body that live in WordPress's media library, which the import should fetch with the post. */
function findUploads(html: string, siteUrl: string): Attachment[] {
  const found: Attachment[] = []
  for (const match of html.matchAll(/<(?:img|a)\b[^>]*?\s(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const written = decodeHtmlText(match[1] ?? match[2] ?? '')
    if (!written.includes('wp-content/uploads/')) continue
    found.push({ url: resolveUrl(written, siteUrl), title: null })
  }
  return found
}

function resolveUrl(url: string, base: string): string {
  try {
    return new URL(url, base || undefined).href
  } catch {
    return url
  }
}

function uniqueByUrl(attachments: Attachment[]): Attachment[] {
  const seen = new Set<string>()
  return attachments.filter(({ url }) => !seen.has(url) && seen.add(url))
}

type DateReading = { iso: string | null } | { reason: string }

function readPublishedAt(element: XmlNode): DateReading {
  const gmt = field(element, 'wp:post_date_gmt')
  if (gmt && !gmt.startsWith('0000-00-00')) return parseMysqlDate(gmt, 'wp:post_date_gmt')
  // The site's local time, and the export does not say the site's offset: read as UTC, hours off at worst.
  const local = field(element, 'wp:post_date')
  if (local && !local.startsWith('0000-00-00')) return parseMysqlDate(local, 'wp:post_date')
  const rss = field(element, 'pubDate')
  if (rss) return parseRfc822Date(rss)
  return { iso: null }
}

function parseMysqlDate(value: string, tag: string): DateReading {
  const parts = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value)
  const iso = parts && isoFromParts(parts.slice(1).map(Number), 0)
  return iso ? { iso } : { reason: `unparseable date in <${tag}>: “${value}”` }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const ZONES: Record<string, number> = { GMT: 0, UT: 0, UTC: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 }

function parseRfc822Date(value: string): DateReading {
  const unparseable = { reason: `unparseable date in <pubDate>: “${value}”` }
  const parts = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(-?\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Z]{1,3})?$/.exec(value)
  if (!parts) return unparseable
  const [, day, monthName, year, hour, minute, second, zone = 'GMT'] = parts
  // WordPress writes its zero date "0000-00-00 00:00:00" as the year -0001 here.
  if (year!.startsWith('-')) return { iso: null }
  const month = MONTHS.indexOf(monthName!.toLowerCase()) + 1
  const offset = /^[+-]\d{4}$/.test(zone)
    ? (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)))
    : ZONES[zone]
  if (month === 0 || offset === undefined) return unparseable
  const iso = isoFromParts([Number(year), month, Number(day), Number(hour), Number(minute), Number(second ?? 0)], offset)
  return iso ? { iso } : unparseable
}

/** Null when the parts are not a real time of day on a calendar day (2024-02-30, 25:00). */
function isoFromParts([year, month, day, hour, minute, second]: number[], offsetMinutes: number): string | null {
  const local = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!))
  const exact = local.getUTCFullYear() === year && local.getUTCMonth() === month! - 1 && local.getUTCDate() === day &&
    local.getUTCHours() === hour && local.getUTCMinutes() === minute && local.getUTCSeconds() === second
  return exact ? new Date(local.getTime() - offsetMinutes * 60_000).toISOString() : null
}

function htmlToMarkdown(html: string): string {
  const withoutBlockComments = html.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '')
  const expanded = expandShortcodes(withoutBlockComments)
  // WordPress adds the paragraphs of classic-editor posts only when it displays them; block posts already have theirs.
  const paragraphed = withoutBlockComments === html ? addParagraphs(expanded) : expanded
  return turndown.turndown(paragraphed).trim()
}

/** The two shortcodes that wrap content (an image's caption, an embedded URL); others stay as written. */
function expandShortcodes(html: string): string {
  return html
    .replace(/\[caption\b[^\]]*\]([\s\S]*?)\[\/caption\]/gi, '<figure>$1</figure>')
    .replace(/\[embed\b[^\]]*\]\s*(https?:\/\/[^\s[<"]+)\s*\[\/embed\]/gi, '<p><a href="$1">$1</a></p>')
}

const BLOCK_TAGS = '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|' +
  'blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|' +
  'figcaption|details|menu|summary)'
const block = (pattern: string) => new RegExp(pattern.replaceAll('BLOCK', BLOCK_TAGS), 'gi')

/**
 * WordPress's wpautop, reduced to what changes the Markdown: blank lines become paragraphs, single newlines
 * line breaks, and block elements are left unwrapped. Preformatted text keeps its blank lines.
 */
function addParagraphs(html: string): string {
  if (!html.trim()) return ''
  const preformatted: string[] = []
  const text = html.replace(/\r\n?/g, '\n')
    .replace(/<pre\b[\s\S]*?<\/pre>/gi, (pre) => `<pre data-wxr-kept="${preformatted.push(pre) - 1}"></pre>`)
    .replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n')
    .replace(block('(<BLOCK[\\s/>])'), '\n\n$1')
    .replace(block('(</BLOCK>)'), '$1\n\n')
  return text.split(/\n\s*\n/).map((chunk) => chunk.trim()).filter(Boolean).map((chunk) => `<p>${chunk}</p>`).join('\n')
    .replace(/<p>([^<]+)<\/(div|address|form)>/gi, '<p>$1</p></$2>')
    .replace(block('<p>\\s*(</?BLOCK\\b[^>]*>)\\s*</p>'), '$1')
    .replace(/<p>(<li[\s\S]+?)<\/p>/gi, '$1')
    .replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>')
    .replace(/<\/blockquote><\/p>/gi, '</p></blockquote>')
    .replace(block('<p>\\s*(</?BLOCK\\b[^>]*>)'), '$1')
    .replace(block('(</?BLOCK\\b[^>]*>)\\s*</p>'), '$1')
    .replace(/(?<!<br \/>)\s*\n/g, '<br />\n')
    .replace(block('(</?BLOCK\\b[^>]*>)\\s*<br />'), '$1')
    .replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)\b[^>]*>)/gi, '$1')
    .replace(/<pre data-wxr-kept="(\d+)"><\/pre>/g, (_, index: string) => preformatted[Number(index)]!)
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', shy: '\u00AD', hellip: '…', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', prime: '′',
  Prime: '″', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', deg: '°', times: '×', euro: '€', sect: '§', numero: '№',
}

/**
 * Titles, terms and attribute values are HTML in WordPress (wptexturize writes &#8217;, term names keep &amp;):
 * the text a reader sees, tags dropped.
 */
function decodeHtmlText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
    if (!name.startsWith('#')) return NAMED_ENTITIES[name] ?? entity
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code > 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF) ? String.fromCodePoint(code) : entity
  }).trim()
}

/**
 * The lines of the channel's <item> start tags, in file order, found by walking the markup so that
 * "<item>" written inside CDATA or a comment is not taken for one. Refuses DOCTYPE entity declarations:
 * WordPress writes none, and nested or repeated ones are how a small file expands to gigabytes.
 */
function findItemLines(xml: string, fileName: string): number[] {
  const lines: number[] = []
  const open: string[] = []
  let line = 1
  let counted = 0
  const lineAt = (index: number) => {
    for (; counted < index; counted++) if (xml.charCodeAt(counted) === 10) line++
    return line
  }
  const name = /[^\s/>]+/y
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at)) {
    if (xml.startsWith('<!--', at)) at = endOf(xml, '-->', at + 4)
    else if (xml.startsWith('<![CDATA[', at)) at = endOf(xml, ']]>', at + 9)
    else if (xml.startsWith('<?', at)) at = endOf(xml, '?>', at + 2)
    else if (xml.startsWith('<!', at)) {
      const doctype = readDoctype(xml, at)
      if (doctype.declaresEntities) {
        throw new InvalidInputError(`${fileName} declares XML entities in its DOCTYPE (line ${lineAt(at)}): a WordPress ` +
          'export has none, and they are refused because they can expand a small file without bound.')
      }
      at = doctype.end
    } else if (xml.startsWith('</', at)) {
      open.pop()
      at = endOf(xml, '>', at + 2)
    } else {
      name.lastIndex = at + 1
      const tag = name.exec(xml)?.[0] ?? ''
      const end = endOfStartTag(xml, at)
      if (tag === 'item' && open.length === 2 && open[0] === 'rss' && open[1] === 'channel') lines.push(lineAt(at))
      if (xml[end - 2] !== '/') open.push(tag)
      at = end
    }
  }
  return lines
}

function endOf(xml: string, marker: string, from: number): number {
  const index = xml.indexOf(marker, from)
  return index === -1 ? xml.length : index + marker.length
}

/** Attribute values may hold ">", so the tag ends at the first one outside quotes. */
function endOfStartTag(xml: string, from: number): number {
  let quote = ''
  for (let at = from + 1; at < xml.length; at++) {
    const char = xml[at]
    if (quote) {
      if (char === quote) quote = ''
    } else if (char === '"' || char === "'") quote = char
    else if (char === '>') return at + 1
  }
  return xml.length
}

function readDoctype(xml: string, from: number): { end: number; declaresEntities: boolean } {
  let quote = ''
  let depth = 0
  let declaresEntities = false
  for (let at = from + 2; at < xml.length; at++) {
    const char = xml[at]
    if (quote) {
      if (char === quote) quote = ''
    } else if (char === '"' || char === "'") quote = char
    else if (xml.startsWith('<!--', at)) at = endOf(xml, '-->', at + 4) - 1
    else if (char === '[') depth++
    else if (char === ']') depth--
    else if (char === '>' && depth <= 0) return { end: at + 1, declaresEntities }
    else if (xml.startsWith('<!ENTITY', at)) declaresEntities = true
  }
  return { end: xml.length, declaresEntities }
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value]
}

/** The text of an element, whether the parser gave a string or, for an element with attributes, an object. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return textOf(value[0])
  if (isNode(value)) return textOf(value['#text'])
  return ''
}

function field(element: XmlNode, tag: string): string {
  return textOf(element[tag]).trim()
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
