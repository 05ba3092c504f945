import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { stopChild, unlessExited } from './process.ts'

export interface ServerProcess {
  url: string
  /** Processor time the server has used so far, user and system, in microseconds. */
  cpuMicros(): Promise<number>
  stop(): Promise<void>
}

/** Forks bench/serve.ts on the database and waits until it listens. */
export async function startServerProcess(databaseUrl: string, dataDir: string): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), [databaseUrl, dataDir], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const stop = () => stopChild(child, () => child.connected && child.disconnect())
  try {
    const listening = new Promise<string>((resolve) => child.once('message', (m) => resolve((m as { url: string }).url)))
    return { url: await unlessExited(child, 'the Chronicle server', listening), cpuMicros: () => askCpu(child), stop }
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
