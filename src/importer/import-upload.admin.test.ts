import { readFileSync } from 'node:fs'
import { parse } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { textOf, textsOf } from '../../test/html.ts'
import { makeAccount, signIn, type SignedIn, stateOf } from '../../test/security/helpers.ts'
import { useTestServer } from '../../test/server.ts'
import { countPendingImports } from './import.service.ts'
import { MAX_UPLOAD_ITEMS } from './import-upload.admin.tsx'

const WXR = readFileSync(new URL('./sources/fixtures/institute.wxr.xml', import.meta.url), 'utf8')
const TWO_ITEMS = 'On 2 March 2025 the Eurasian Research Institute held a seminar in Almaty. Aliya Bekova spoke.\n\n' +
  'On 9 March 2025 the Eurasian Research Institute held a workshop in Astana. Daniyar Omarov presented the results.\n'

describeEachDialect('importing a file from the admin', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 0, uploadMaxBytes: 2 * 1024 * 1024 } })
  let editor: SignedIn

  beforeAll(async () => {
    editor = await signIn(server(), await makeAccount(server().db, 'editor'))
  })

  async function upload(content: string | Uint8Array, name: string, fields: Record<string, string> = {}) {
    const body = new FormData()
    body.append('_csrf', editor.csrf)
    for (const [k, v] of Object.entries(fields)) body.append(k, v)
    body.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name)
    const response = await server().get('/admin/import/upload', { method: 'POST', headers: { cookie: editor.cookie }, body })
    return { status: response.status, root: parse(await response.text()) }
  }

  it('imports a text file into the review queue and says what it did; the same file again adds nothing', async () => {
    const form = parse(await (await server().get('/admin/import/upload', { headers: { cookie: editor.cookie } })).text())
    expect(form.querySelector('form[enctype="multipart/form-data"] input[type=file][name=file]')).not.toBeNull()
    const before = await countPendingImports(server().db)
    const first = await upload(TWO_ITEMS, 'march.txt')
    expect(first.status).toBe(200)
    expect(textOf(first.root.querySelector('h1'))).toBe('march.txt: 2 items imported')
    expect(textOf(first.root.querySelector('p.notice'))).toContain('2 imported as drafts for review, 0 imported before')
    expect(textsOf(first.root, '.import-report dd')[0]).toMatch(/^2 new, 0 linked/)
    expect(await countPendingImports(server().db)).toBe(before + 2)
    const review = first.root.querySelector('a.button')!.getAttribute('href')!
    expect(review).toMatch(/^\/admin\/import\/\d+$/)
    expect((await server().get(review, { headers: { cookie: editor.cookie } })).status).toBe(200)

    const again = await upload(TWO_ITEMS, 'march.txt')
    expect(textOf(again.root.querySelector('p.notice'))).toContain('0 imported as drafts for review, 2 imported before')
    expect(await countPendingImports(server().db)).toBe(before + 2)
  })

  it('imports a WordPress export and lists the item it could not import with its position', async () => {
    const result = await upload(WXR, 'institute.wxr.xml')
    expect(result.status).toBe(200)
    expect(textOf(result.root.querySelector('h1'))).toBe('institute.wxr.xml: 3 items imported')
    expect(textsOf(result.root, '.import-problems li')).toEqual(['item 7 (line 206): empty post: no title and no text'])
  })

  it('refuses a malformed export, an archive, a binary file, an empty one and one with too many items, changing nothing', async () => {
    const before = await stateOf(server().db)
    const cases: [string | Uint8Array, string, RegExp][] = [
      [WXR.replace('</item>', ''), 'broken.xml', /broken\.xml is not well-formed XML: line \d+, column \d+/],
      ['{"format": "chronicle-archive", "version": 1}', 'backup.json', /whole Chronicle archive/],
      [new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), 'report.pdf', /looks like a binary file/],
      ['', 'empty.txt', /Choose a file to import/],
      [Array.from({ length: MAX_UPLOAD_ITEMS + 1 }, (_, i) => `News item number ${i + 1}.`).join('\n\n'), 'huge.txt', /holds 2,001 items/],
    ]
    for (const [content, name, message] of cases) {
      const refused = await upload(content, name, { format: 'auto' })
      expect(refused.status, name).toBe(400)
      expect(textOf(refused.root.querySelector('.error-summary')), name).toMatch(message)
      // The choices come back as they were.
      expect(refused.root.querySelector('select[name=format] option[selected]')?.getAttribute('value')).toBe('auto')
    }
    expect(await stateOf(server().db)).toEqual(before)
  })

  it('refuses a badly written reference date', async () => {
    const refused = await upload(TWO_ITEMS.replace('2 March 2025', '3 March 2025'), 'x.txt', { reference: 'next May' })
    expect(refused.status).toBe(400)
    expect(textOf(refused.root.querySelector('.error-summary'))).toContain('YYYY-MM-DD')
    expect(refused.root.querySelector('input[name=reference]')?.getAttribute('value')).toBe('next May')
  })
})
