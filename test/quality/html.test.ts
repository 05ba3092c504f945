import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestServer } from '../server.ts'
import { ADMIN_PAGE_NAMES, adminPages, FIRST_SIGN_IN_PAGE, type PageKind, publicPages, SIGN_IN_PAGE, signInAdmin } from './pages.ts'

// The Nu HTML Checker from the vnu-jar package, run by the machine's Java (17 or later). Without Java
// every page shows as skipped, with the reason in its name.
const java = process.env.JAVA ?? 'java'
const haveJava = spawnSync(java, ['-version'], { stdio: 'ignore' }).status === 0
const because = haveJava ? '' : ` (skipped: no Java at "${java}"; set JAVA or install a JRE 17)`
if (!haveJava) console.warn(`HTML checks skipped: no Java at "${java}"; set JAVA or install a JRE 17 (Debian: openjdk-17-jre-headless).`)
const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar')

interface VnuMessage { type: string; subType?: string; url?: string; message: string; extract?: string; lastLine?: number }

/** Runs the checker once over all the files: one JVM start, not one per page. */
function checkFiles(files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile(java, ['-jar', vnuJar, '--format', 'json', '--exit-zero-always', ...files],
      { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
        if (error) return reject(error)
        try { resolve((JSON.parse(stderr) as { messages: VnuMessage[] }).messages) } catch { reject(new Error(`vnu said: ${stderr.slice(0, 2000)}`)) }
      })
  })
}

const PUBLIC = publicPages()
describe('sqlite: every page kind is valid HTML (Nu HTML Checker)', () => {
  const server = useTestServer('sqlite', { demo: true, security: { loginSlowdownMs: 2 } })
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-vnu-'))
  /** The checker's errors by page name. */
  const errors = new Map<string, string[]>()
  const fetched = new Map<string, { path: string; status: number; expected: number }>()

  beforeAll(async () => {
    const files = new Map<string, string>()
    async function save(page: PageKind, cookie?: string) {
      const response = await server().get(page.path, cookie ? { headers: { cookie } } : {})
      fetched.set(page.name, { path: page.path, status: response.status, expected: page.status })
      const file = join(dir, `page-${files.size}.html`)
      files.set(file, page.name)
      errors.set(page.name, [])
      writeFileSync(file, await response.text())
    }
    await save(FIRST_SIGN_IN_PAGE)
    const session = await signInAdmin(server())
    const admin = await adminPages(server())
    expect(admin.map((p) => p.name)).toEqual(ADMIN_PAGE_NAMES)
    await Promise.all([...PUBLIC, SIGN_IN_PAGE].map((page) => save(page)))
    await Promise.all(admin.map((page) => save(page, session.cookie)))
    if (!haveJava) return
    for (const message of await checkFiles([...files.keys()])) {
      if (message.type !== 'error' && message.type !== 'non-document-error') continue
      // The checker names files "file:/tmp/…"; back to a path to find the page.
      const name = message.url ? files.get(fileURLToPath(message.url)) : undefined
      const text = `line ${message.lastLine ?? '?'}: ${message.message}${message.extract ? ` — ${JSON.stringify(message.extract.trim())}` : ''}`
      if (name) errors.get(name)!.push(text)
      else for (const list of errors.values()) list.push(`${message.url ?? 'the checker'}: ${text}`)
    }
  }, 180_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.skipIf(!haveJava).each([...PUBLIC.map((p) => p.name), FIRST_SIGN_IN_PAGE.name, SIGN_IN_PAGE.name, ...ADMIN_PAGE_NAMES])(`%s has no errors${because}`, (name) => {
    const { path, status, expected } = fetched.get(name)!
    expect(status, path).toBe(expected)
    expect(errors.get(name), path).toEqual([])
  })
})
