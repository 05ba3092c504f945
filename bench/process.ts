import type { ChildProcess } from 'node:child_process'

const STOP_GRACE_MS = 5_000

/** Asks a child to stop, kills it if it lingers, and resolves once it is gone. */
export async function stopChild(child: ChildProcess, ask: () => void) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  ask()
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}

/** Rejects when the child exits before `ready` settles, with what it said on the way out. */
export async function unlessExited<T>(child: ChildProcess, what: string, ready: Promise<T>, output: () => string = () => ''): Promise<T> {
  let onError: (error: Error) => void = () => {}
  let onExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => {}
  const exited = new Promise<never>((_, reject) => {
    onError = reject
    onExit = (code, signal) => {
      const said = output().trim()
      reject(new Error(`${what} exited unexpectedly (${signal ?? `code ${code}`})${said ? `: ${said}` : ''}`))
    }
    child.once('error', onError).once('exit', onExit)
  })
  try {
    return await Promise.race([ready, exited])
  } finally {
    child.off('error', onError).off('exit', onExit)
  }
}
