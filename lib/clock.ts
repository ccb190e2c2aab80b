/** Time source for services, so tests can fix "now". */
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }

export const fixedClock = (at: Date | string): Clock => {
  const date = new Date(at)
  return { now: () => new Date(date) }
}

/** A clock that can be moved forward (development only: the playground's "move time forward"). */
export type MovableClock = Clock & { offsetMs(): number; moveTo(offsetMs: number): void }

/** `base` plus an offset that can be changed while the app runs. */
export function movableClock(base: Clock): MovableClock {
  let offset = 0
  return {
    now: () => new Date(base.now().getTime() + offset),
    offsetMs: () => offset,
    moveTo: (offsetMs) => {
      offset = Math.max(0, offsetMs)
    },
  }
}
