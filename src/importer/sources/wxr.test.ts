import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../lib/errors.ts'
import { readWxr } from './wxr.ts'

const sample = readFileSync(new URL('./fixtures/institute.wxr.xml', import.meta.url), 'utf8')

function lineOf(text: string, marker: string, occurrence = 1) {
  const lines = text.split('\n')
  let seen = 0
  const index = lines.findIndex((line) => line.includes(marker) && ++seen === occurrence)
  if (index < 0) throw new Error(`no line contains ${marker}`)
  return index + 1
}

/** A WordPress export around the given <item> elements, as WordPress 6 writes it. */
function wxr(...items: string[]) {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Institute</title>
	<link>https://institute.example.org</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://institute.example.org</wp:base_site_url>
${items.join('\n')}
</channel>
</rss>
`
}

interface PostFields {
  id?: number
  title?: string
  content?: string
  excerpt?: string
  guid?: string | null
  date?: string
  dateGmt?: string
  pubDate?: string
  status?: string
  type?: string
}

function post({ id = 1, title = 'A seminar', content = 'A seminar was held.', excerpt = '', guid, date = '2024-04-25 14:30:00',
  dateGmt = '2024-04-25 09:30:00', pubDate, status = 'publish', type = 'post' }: PostFields = {}) {
  const guidElement = guid === null ? '' : `<guid isPermaLink="false">${guid ?? `https://institute.example.org/?p=${id}`}</guid>`
  return `	<item>
		<title><![CDATA[${title}]]></title>
		${pubDate === undefined ? '' : `<pubDate>${pubDate}</pubDate>`}
		${guidElement}
		<content:encoded><![CDATA[${content}]]></content:encoded>
		<excerpt:encoded><![CDATA[${excerpt}]]></excerpt:encoded>
		<wp:post_id>${id}</wp:post_id>
		<wp:post_date><![CDATA[${date}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[${dateGmt}]]></wp:post_date_gmt>
		<wp:status><![CDATA[${status}]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type><![CDATA[${type}]]></wp:post_type>
	</item>`
}

function bodyOf(content: string) {
  const [item] = readWxr(wxr(post({ content })), 'export.xml').items
  return item?.body
}

/** The message readWxr refuses the file with. */
function refusal(xml: string) {
  try {
    readWxr(xml, 'export.xml')
  } catch (error) {
    if (error instanceof InvalidInputError) return error.message
    throw error
  }
  throw new Error('the file was accepted')
}

describe('readWxr: a WordPress export', () => {
  const file = readWxr(sample, 'institute.wxr.xml')
  const [seminar, roundTable, draft] = file.items

  it('reads the posts, leaving out the page, the attachment and the trashed post', () => {
    expect(file.format).toBe('wxr')
    expect(file.items.map((item) => item.title)).toEqual([
      'Seminar on water security – Central Asia’s rivers',
      'Круглый стол «Евразийская интеграция»',
      'Annual report 2023 published',
    ])
  })

  // The round table's body writes "<item>" inside CDATA: it is text, not the next item.
  it('places each item by its number among the <item> elements and the line of its start tag', () => {
    expect(file.items.map((item) => item.position)).toEqual([
      `item 1 (line ${lineOf(sample, '\t<item>', 1)})`,
      `item 3 (line ${lineOf(sample, '\t<item>', 3)})`,
      `item 6 (line ${lineOf(sample, '\t<item>', 6)})`,
    ])
    expect(seminar?.position).toBe('item 1 (line 54)')
  })

  it('keys a post by its guid, so a second import finds it again', () => {
    expect(file.items.map((item) => item.key)).toEqual([
      'wxr:https://eurasia.example.org/?p=101',
      'wxr:https://eurasia.example.org/?p=115',
      'wxr:https://eurasia.example.org/?p=120',
    ])
  })

  it('takes the publication time in UTC, or the local time of a draft that has none', () => {
    expect(seminar?.publishedAt).toBe('2024-04-25T09:30:00.000Z')
    expect(roundTable?.publishedAt).toBe('2024-03-12T06:00:00.000Z')
    expect(draft?.publishedAt).toBe('2024-04-30T16:45:00.000Z')
  })

  it('turns a classic-editor body without <p> tags into Markdown paragraphs, headings, lists and links', () => {
    expect(seminar?.body).toBe([
      'On 24 April the institute held a seminar on [water security](https://eurasia.example.org/topics/water/) and regional cooperation.',
      '## Speakers',
      '-   Botagoz Rakisheva, director\n-   Aidar Amrebayev',
      'The discussion was moderated by the deputy director.  \nQuestions came from the audience.',
      '![The seminar hall](https://eurasia.example.org/wp-content/uploads/2024/04/seminar.jpg) The seminar hall',
      'The [programme](/wp-content/uploads/2024/04/programme.pdf) is online.',
    ].join('\n\n'))
    expect(seminar?.text).toBe(seminar?.body)
  })

  it('reads a block-editor body without its block comments or embedded frames, Cyrillic intact', () => {
    expect(roundTable?.body).toBe([
      '## Итоги',
      'Институт провёл круглый стол с участием **Ботагоз Ракишевой**.',
      '1.  Доклады\n2.  Дискуссия',
      'RSS readers show each news as an element.',
    ].join('\n\n'))
    expect(roundTable?.body).not.toMatch(/wp:|iframe|youtube|trackVisit/)
    expect(seminar?.body).not.toContain('trackVisit')
  })

  it('lists categories and tags apart, decoded and without repeats', () => {
    expect(seminar?.categories).toEqual(['Events', 'News & Events'])
    expect(seminar?.tags).toEqual(['water security', 'Central Asia'])
    expect(roundTable?.categories).toEqual(['События'])
    expect(roundTable?.tags).toEqual(['интеграция'])
  })

  it('attaches the media items of a post and the uploaded files its body links to, once each', () => {
    expect(seminar?.attachments).toEqual([
      { url: 'https://eurasia.example.org/wp-content/uploads/2024/04/seminar.jpg', title: 'The seminar hall' },
      { url: 'https://eurasia.example.org/wp-content/uploads/2024/04/programme.pdf', title: null },
    ])
    expect(roundTable?.attachments).toEqual([])
  })

  it('keeps a draft with only a title, and names the empty post as a problem', () => {
    expect(draft).toMatchObject({ body: '', text: '', categories: [], tags: [], attachments: [] })
    expect(file.problems).toEqual([
      { position: `item 7 (line ${lineOf(sample, '\t<item>', 7)})`, reason: 'empty post: no title and no text' },
    ])
  })
})

describe('readWxr: bodies', () => {
  it('makes paragraphs of blank-line-separated text around block elements, as WordPress displays them', () => {
    expect(bodyOf('First paragraph.\n\nSecond paragraph\nwith a line break.\n<blockquote>A quote.\n\nIts second part.</blockquote>\nLast.'))
      .toBe('First paragraph.\n\nSecond paragraph  \nwith a line break.\n\n> A quote.\n> \n> Its second part.\n\nLast.')
  })

  it('keeps the blank lines of preformatted code', () => {
    expect(bodyOf('Run:\n\n<pre><code>make\n\nmake install</code></pre>')).toBe('Run:\n\n```\nmake\n\nmake install\n```')
  })

  it('drops scripts, styles and frames with their content', () => {
    expect(bodyOf('<p>Text.</p><style>p { color: red }</style><script>alert(1)</script><iframe src="https://x.example"></iframe>'))
      .toBe('Text.')
  })

  it('reads the excerpt when the body is empty', () => {
    const [item] = readWxr(wxr(post({ content: '', excerpt: 'A short <em>summary</em>.' })), 'export.xml').items
    expect(item).toMatchObject({ body: '', text: 'A short _summary_.' })
  })

  it('keys a post without a guid by the hash of its body', () => {
    const [item] = readWxr(wxr(post({ guid: null, content: 'A lecture was given.' })), 'export.xml').items
    expect(item?.key).toBe(`wxr:${createHash('sha256').update('A lecture was given.').digest('hex')}`)
  })

  it('keeps a numeric title as text and decodes its entities', () => {
    const items = readWxr(wxr(post({ id: 1, title: '2024' }), post({ id: 2, title: 'Q&amp;A &#8220;Water&#8221;' })), 'export.xml').items
    expect(items.map((item) => item.title)).toEqual(['2024', 'Q&A “Water”'])
  })

  it('refuses a body over 2 MB as a problem and goes on with the others', () => {
    const file = readWxr(wxr(post({ id: 1, content: 'x'.repeat(2 * 1024 * 1024 + 1) }), post({ id: 2 })), 'export.xml')
    expect(file.problems).toEqual([{ position: 'item 1 (line 8)', reason: 'body too large: 2.0 MB of text, the limit is 2 MB' }])
    expect(file.items.map((item) => item.position)).toEqual(['item 2 (line 21)'])
  })
})

describe('readWxr: dates', () => {
  function publishedAt(fields: PostFields) {
    const file = readWxr(wxr(post(fields)), 'export.xml')
    return file.items[0] ? file.items[0].publishedAt : file.problems[0]?.reason
  }

  it('falls back from the UTC date to the local one, then to the RSS date, then to none', () => {
    expect(publishedAt({ dateGmt: '2024-04-25 09:30:00' })).toBe('2024-04-25T09:30:00.000Z')
    expect(publishedAt({ dateGmt: '0000-00-00 00:00:00', date: '2024-04-25 14:30:00' })).toBe('2024-04-25T14:30:00.000Z')
    expect(publishedAt({ dateGmt: '', date: '', pubDate: 'Thu, 25 Apr 2024 14:30:00 +0500' })).toBe('2024-04-25T09:30:00.000Z')
    expect(publishedAt({ dateGmt: '', date: '', pubDate: 'Mon, 30 Nov -0001 00:00:00 +0000' })).toBeNull()
    expect(publishedAt({ dateGmt: '0000-00-00 00:00:00', date: '0000-00-00 00:00:00' })).toBeNull()
  })

  it('names a date that is not one', () => {
    expect(publishedAt({ dateGmt: '2024-02-30 10:00:00' })).toBe('unparseable date in <wp:post_date_gmt>: “2024-02-30 10:00:00”')
    expect(publishedAt({ dateGmt: '', date: 'yesterday' })).toBe('unparseable date in <wp:post_date>: “yesterday”')
    expect(publishedAt({ dateGmt: '', date: '', pubDate: 'Thu, 25 Foo 2024 14:30:00 +0000' }))
      .toBe('unparseable date in <pubDate>: “Thu, 25 Foo 2024 14:30:00 +0000”')
  })
})

describe('readWxr: positions', () => {
  it('does not count "<item>" written inside CDATA or a comment', () => {
    const xml = wxr(
      post({ id: 1, content: '<p>Each news is an <item>\n<item>\nelement.</p>', excerpt: '<item>' }),
      '<!-- <item> an old item was here -->',
      post({ id: 2, title: 'Second' }),
    )
    const file = readWxr(xml, 'export.xml')
    expect(file.items.map((item) => item.position)).toEqual([
      `item 1 (line ${lineOf(xml, '<item>', 1)})`,
      `item 2 (line ${lineOf(xml, 'Second') - 1})`,
    ])
    expect(file.items[1]?.title).toBe('Second')
  })

  it('counts lines the same in a file saved with Windows line endings or a byte order mark', () => {
    const xml = wxr(post({ id: 1, type: 'page' }), post({ id: 2, content: 'One.\n\nTwo.' }))
    const windows = `\uFEFF${xml.replaceAll('\n', '\r\n')}`
    expect(readWxr(windows, 'export.xml').items).toEqual(readWxr(xml, 'export.xml').items)
    expect(readWxr(xml, 'export.xml').items[0]).toMatchObject({ position: `item 2 (line ${lineOf(xml, '<item>', 2)})`, body: 'One.\n\nTwo.' })
  })

  it('counts the pages and attachments among the items', () => {
    const xml = wxr(post({ id: 1, type: 'page' }), post({ id: 2, type: 'nav_menu_item' }), post({ id: 3, status: 'auto-draft' }), post({ id: 4 }))
    expect(readWxr(xml, 'export.xml').items.map((item) => item.position)).toEqual([`item 4 (line ${lineOf(xml, '<item>', 4)})`])
  })
})

describe('readWxr: files it refuses', () => {
  it('names the line and column where the XML breaks', () => {
    const xml = wxr(post()).replace('</item>', '')
    expect(refusal(xml)).toBe(`export.xml is not well-formed XML: line ${lineOf(xml, '</channel>')}, column 1: ` +
      `Expected closing tag 'item' (opened in line ${lineOf(xml, '<item>')}, col 2) instead of closing tag 'channel'.`)
  })

  it('refuses an empty file', () => {
    expect(refusal(' \n')).toBe('export.xml is empty.')
  })

  it('refuses an RSS feed that is not a WordPress export', () => {
    const feed = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title><item><title>A seminar</title>' +
      '<description>A seminar was held.</description></item></channel></rss>'
    expect(refusal(feed)).toBe('export.xml is not a WordPress export (WXR): it is an RSS feed without WordPress fields ' +
      '(wp:post_type, wp:post_id). Export the site from WordPress under Tools → Export.')
  })

  it('refuses XML that is not RSS', () => {
    expect(refusal('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title></feed>'))
      .toBe('export.xml is not a WordPress export: a WXR file is an <rss> document with one <channel>, and this file has none.')
  })

  it('refuses entity declarations at once, before they can expand', () => {
    const laughs = Array.from({ length: 9 }, (_, level) =>
      `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join('\n')
    const billionLaughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${laughs}\n]>\n` +
      wxr(post({ title: '&lol9;' })).replace(/^<\?xml[^>]*>\n/, '')
    const started = performance.now()
    expect(refusal(billionLaughs)).toBe('export.xml declares XML entities in its DOCTYPE (line 2): a WordPress export has none, ' +
      'and they are refused because they can expand a small file without bound.')
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('refuses a single large entity repeated, which expands quadratically', () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "${'x'.repeat(9000)}">]>\n` +
      wxr(post({ content: '&big;'.repeat(10000) })).replace(/^<\?xml[^>]*>\n/, '')
    expect(refusal(xml)).toMatch(/^export\.xml declares XML entities in its DOCTYPE \(line 2\)/)
  })
})
