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
