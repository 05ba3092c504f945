export interface RepeatingJob {
  /** Stops the timer and waits for a run in progress, so the database can be closed after it. */
  stop(): Promise<void>
}

/**
 * Runs `run` now and then every `everyMs`; a slow run is never stacked under the next one, and the timer
 * does not keep the process alive.
 */
export function startRepeatingJob(run: () => Promise<unknown>, options: { everyMs: number; onError?: (error: unknown) => void }): RepeatingJob {
  let running: Promise<void> | null = null
  const tick = () => {
    running ??= run().then(() => {}, (error) => options.onError?.(error)).finally(() => { running = null })
  }
  const timer = setInterval(tick, options.everyMs)
  timer.unref()
  tick()
  return {
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}
