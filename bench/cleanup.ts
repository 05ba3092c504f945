export interface Cleanup {
  /** Registers an undo step; steps run newest first. */
  defer(what: string, undo: () => unknown): void
  run(): Promise<void>
}

/** Undo steps that run once, whether the bench succeeds, fails or is interrupted. */
export function createCleanup(): Cleanup {
  const steps: { what: string; undo: () => unknown }[] = []
  return {
    defer: (what, undo) => void steps.push({ what, undo }),
    async run() {
      for (let step = steps.pop(); step; step = steps.pop()) {
        try {
          await step.undo()
        } catch (error) {
          console.error(`cleanup: could not ${step.what}: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
    },
  }
}

/**
 * Runs a bench's main with a cleanup that also runs on Ctrl-C, then exits: autocannon and pg may
 * leave timers behind, and the figures are printed by then.
 */
export async function runBench(main: (cleanup: Cleanup) => Promise<void>): Promise<never> {
  const cleanup = createCleanup()
  let interrupted = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true
      console.error(`\n${signal}: cleaning up`)
      void cleanup.run().finally(() => process.exit(130))
    })
  }
  let exitCode = 0
  try {
    await main(cleanup)
  } catch (error) {
    // Once interrupted, the cleanup pulls files from under the run; its errors say nothing.
    if (!interrupted) console.error(`\nbench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
    exitCode = 1
  } finally {
    await cleanup.run()
  }
  // A bench that ran but missed a target says so with process.exitCode.
  process.exit(exitCode || Number(process.exitCode ?? 0))
}
