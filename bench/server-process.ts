import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { stopChild, unlessExited } from './process.ts'

/** Lets the bench read the page cache's size from /metrics. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789'

export interface ServerProcess {
  url: string
  /** Processor time the server has used so far, user and system, in microseconds. */
  cpuMicros(): Promise<number>
  /** Resident memory of the server process, in bytes. */
  rss(): Promise<number>
  stop(): Promise<void>
}

/** Forks bench/serve.ts on the database and waits until it listens. */
export async function startServerProcess(databaseUrl: string, dataDir: string, options: { cache?: boolean } = {}): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), [databaseUrl, dataDir], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, CACHE: options.cache === false ? 'off' : 'on', METRICS_TOKEN: BENCH_METRICS_TOKEN },
  })
  const stop = () => stopChild(child, () => child.connected && child.disconnect())
  try {
    const listening = new Promise<string>((resolve) => child.once('message', (m) => resolve((m as { url: string }).url)))
    return { url: await unlessExited(child, 'the Chronicle server', listening), cpuMicros: () => askCpu(child), rss: () => askRss(child), stop }
  } catch (error) {
    await stop()
    throw error
  }
}

function askCpu(child: ChildProcess): Promise<number> {
  const answer = new Promise<number>((resolve) => child.once('message', (m) => {
    const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu
    resolve(user + system)
  }))
  child.send('cpu')
  return unlessExited(child, 'the Chronicle server', answer)
}

function askRss(child: ChildProcess): Promise<number> {
  const answer = new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { rss: number }).rss)))
  child.send('memory')
  return unlessExited(child, 'the Chronicle server', answer)
}
