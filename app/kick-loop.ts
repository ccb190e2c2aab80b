/**
 * "Run now; if kicked while running, run once more when done": the loop the outbox and broadcast runners
 * share. Runs never overlap in one process; a kick during a run is remembered, not queued up. `runOnce`
 * handles its own errors (and schedules its own retries through `kick`).
 */
export type KickLoop = {
  kick(): void
  /** Kicks, then waits until nothing is running. */
  drain(): Promise<void>
  /** Waits until nothing is running, without kicking. */
  idle(): Promise<void>
  /** No more runs: waits for the one in progress. */
  stop(): Promise<void>
  readonly stopped: boolean
}

export function createKickLoop(runOnce: () => Promise<void>): KickLoop {
  let running: Promise<void> | null = null
  let again = false
  let stopped = false

  const loop = async () => {
    try {
      do {
        again = false
        await runOnce()
      } while (again && !stopped)
    } finally {
      running = null
    }
  }

  const kick = () => {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = loop()
  }

  const idle = async () => {
    while (running) await running
  }

  return {
    kick,
    async drain() {
      kick()
      await idle()
    },
    idle,
    async stop() {
      stopped = true
      await idle()
    },
    get stopped() {
      return stopped
    },
  }
}
