/**
 * Times people type (a training session, a scheduled send) are in the partnership's time zone (Europe/London) and
 * stored as instants: these turn one into the other, across the clock changes, without a time zone library.
 */

/** The offset of `timeZone` from UTC at `at`, in minutes (e.g. 60 in British Summer Time). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  return Math.round((local - at.getTime()) / 60_000)
}

/** The instant of a local date and time (`2026-12-03`, `09:30`) in `timeZone`. */
export function instantOf(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`)
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000)
  // Near a clock change the offset at the guess and at the answer differ: correct once more.
  return new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60_000)
}

/** The local date and time of an instant in `timeZone`. */
export function localOf(at: Date, timeZone: string): { date: string; time: string } {
  const shifted = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000)
  const iso = shifted.toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) }
}
