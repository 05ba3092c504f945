import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ActivityRecordsSchema } from '../archive/archive.schema.ts'
import { decodeText } from './extract.commands.ts'

const BIN = fileURLToPath(new URL('../../bin/chronicle.mjs', import.meta.url))
const SEED = fileURLToPath(new URL('../../test/fixtures/seed-news.txt', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'chronicle-extract-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[], input?: string | Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'unused.db')}` }
    delete env.CHRONICLE_DEBUG
    const child = execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    })
    child.stdin!.end(input ?? '')
  })
}

// Each run starts the command line as a user would, which takes a few seconds on a busy machine.
describe('chronicle extract', { timeout: 120_000 }, () => {
  it('prints a summary of each item by default', async () => {
    const result = await run(['extract', SEED, '--reference', '2024-10-01'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Item 1 of 10: International Scientific Workshop')
    expect(result.stdout).toContain('Date          2024-09-20')
    expect(result.stdout).toContain('Place         Astana, KZ')
    expect(result.stdout).toContain('Askhat Kesikbayev — Vice-President, Turkic Academy [speaker]')
    expect(result.stdout).toContain('United Nations Development Program [organizer, commissioner]')
  })

  it('prints the exact JSON array with --json', async () => {
    const result = await run(['extract', SEED, '--json'])
    expect(result.code).toBe(0)
    const records = ActivityRecordsSchema.parse(JSON.parse(result.stdout))
    expect(records).toHaveLength(10)
  })

  it('reads standard input for -', async () => {
    const result = await run(['extract', '-', '--json'], 'On 5 May 2024 the Ministry of Education of Kyrgyzstan held a seminar in Bishkek.')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)[0]).toMatchObject({ date: '2024-05-05', kind: 'seminar', city: 'Bishkek', country: 'KG' })
  })

  it('refuses a missing file, a binary file and a file over 10 MB with a message and exit code 1', async () => {
    const binary = join(dir, 'picture.png')
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    const large = join(dir, 'large.txt')
    writeFileSync(large, 'a'.repeat(10 * 1024 * 1024 + 1))
    const [missing, refused, tooLarge] = await Promise.all([
      run(['extract', join(dir, 'nothing.txt')]), run(['extract', binary]), run(['extract', large])])
    expect(missing).toMatchObject({ code: 1, stdout: '' })
    expect(missing.stderr).toContain('no such file')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('looks like a binary file')
    expect(tooLarge.code).toBe(1)
    expect(tooLarge.stderr).toContain('larger than 10 MB')
  }, 120_000)

  it('refuses a bad reference date', async () => {
    const result = await run(['extract', SEED, '--reference', 'yesterday'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('YYYY-MM-DD')
  })
})

describe('decodeText', () => {
  it('accepts UTF-8 and drops a byte order mark', () => {
    expect(decodeText(Buffer.from('\uFEFFСәлем, Astana', 'utf8'), 'x')).toBe('Сәлем, Astana')
  })
  it('refuses invalid UTF-8', () => {
    expect(() => decodeText(Buffer.from([0x41, 0xff, 0xfe, 0x41]), 'old.txt')).toThrow('not UTF-8')
  })
})
