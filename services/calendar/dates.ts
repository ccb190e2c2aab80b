/** Date-only arithmetic on ISO `YYYY-MM-DD` strings, in UTC so no time zone can shift a day. */
const DAY = 86_400_000

const ZIsoDatePattern = /^\d{4}-\d{2}-\d{2}$/

export function parseIsoDate(date: string): Date {
  if (!ZIsoDatePattern.test(date)) throw new RangeError(`not an ISO date: ${date}`)
  const parsed = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime()) || isoDate(parsed.getTime()) !== date)
    throw new RangeError(`not a real date: ${date}`)
  return parsed
}

export const isoDate = (ms: number | Date): string => new Date(ms).toISOString().slice(0, 10)

export const addDays = (date: string, days: number): string => isoDate(parseIsoDate(date).getTime() + days * DAY)

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: string): number => parseIsoDate(date).getUTCDay()

/** One formatter per time zone: building one costs far more than using it, and every request asks. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>()

/** Today's date where the partnership is (e.g. Europe/London), as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date): string {
  let format = dayFormatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormatters.set(timeZone, format)
  }
  return format.format(now)
}

/** "Mon 1 Dec 2026", the way dates are shown in cards. */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function formatDate(date: string): string {
  const d = parseIsoDate(date)
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}
