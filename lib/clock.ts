/** Time source for services, so tests can fix "now". */
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }

export const fixedClock = (at: Date | string): Clock => {
  const date = new Date(at)
  return { now: () => new Date(date) }
}
