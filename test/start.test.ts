import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it, vi } from 'vitest'
import { currentBuild } from '../bin/build.mjs'
import { TURKIC_WORKSHOP } from './demo.ts'

// A start builds dist/ first when a source is newer than the build: seconds on a busy machine.
vi.setConfig({ testTimeout: 120_000 })

const BIN = fileURLToPath(new URL('../bin/chronicle.mjs', import.meta.url))

it('npm start serves the demo archive from the build in dist/, migrating and loading it on a first start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-start-'))
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }
  delete env.DATABASE_URL
  delete env.DEMO_ARCHIVE
  // What `npm start` runs.
  const server = spawn(process.execPath, [BIN, 'serve'], { env })
  let stdout = '', stderr = ''
  server.stderr.on('data', (chunk) => { stderr += chunk })
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)))
  try {
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk) => {
        stdout += chunk
        // pino writes a JSON object a line; the last piece may be a line still on its way.
        const lines = stdout.split('\n').slice(0, -1).filter((line) => line.startsWith('{'))
        const listening = lines.map((line) => JSON.parse(line) as { msg: string; url?: string })
          .find((line) => line.msg === 'Chronicle is listening')
        if (listening?.url) resolve(listening.url)
      })
      void exited.then((code) => reject(new Error(`chronicle serve exited ${code}:\n${stderr}${stdout}`)))
    })
    const home = await fetch(`${url}/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain(`/news/${TURKIC_WORKSHOP.post}`)
    expect(stdout).toContain('database migrated')
    expect(stdout).toContain('demo archive loaded')
    // A build that failed would have fallen back to tsx, and said so.
    expect(stderr).not.toContain('tsx')
    expect(currentBuild()).not.toBeNull()
  } finally {
    server.kill('SIGTERM')
  }
  expect(await exited).toBe(0)
  rmSync(dataDir, { recursive: true, force: true })
})

it('in production (NODE_ENV=production) the server refuses to start without PUBLIC_URL, and says what to set', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-start-'))
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', DEMO_ARCHIVE: '0' }
  delete env.DATABASE_URL
  delete env.PUBLIC_URL
  const server = spawn(process.execPath, [BIN, 'serve'], { env })
  let output = ''
  server.stdout.on('data', (chunk) => { output += chunk })
  server.stderr.on('data', (chunk) => { output += chunk })
  const code = await new Promise<number | null>((resolve) => server.once('exit', resolve))
  expect(code).toBe(1)
  expect(output).toContain('PUBLIC_URL is required when NODE_ENV=production')
  rmSync(dataDir, { recursive: true, force: true })
})
