/** Working days: Monday to Friday, less the bank holidays of England and Wales. */
import { isBankHoliday } from './bank-holidays.js'
import { addDays, dayOfWeek, parseIsoDate } from './dates.js'

export function isWorkingDay(date: string): boolean {
  const dow = dayOfWeek(date)
  return dow !== 0 && dow !== 6 && !isBankHoliday(date)
}

/**
 * The date `n` working days after `date` (the start day itself is day 0, whatever it is), e.g. 5 working
 * days after awareness on Monday 1 Dec 2025 is Monday 8 Dec 2025. `n` may be negative.
 */
export function addWorkingDays(date: string, n: number): string {
  parseIsoDate(date)
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of working days: ${n}`)
  const step = n < 0 ? -1 : 1
  let left = Math.abs(n)
  let day = date
  while (left > 0) {
    day = addDays(day, step)
    if (isWorkingDay(day)) left -= 1
  }
  return day
}

/** Working days from `from` to `to` (positive when `to` is later; 0 for the same day). */
export function workingDaysBetween(from: string, to: string): number {
  // Check both ends first: an invalid `to` would otherwise never be reached and the loop would not end.
  parseIsoDate(from)
  parseIsoDate(to)
  if (from === to) return 0
  const step = to > from ? 1 : -1
  let count = 0
  let day = from
  while (day !== to) {
    day = addDays(day, step)
    if (isWorkingDay(day)) count += step
  }
  return count
}

/**
 * `date` itself when it is a working day, else the next working day after it (with `step` -1, the one
 * before): a due date counted in calendar months never lands on a weekend or a bank holiday.
 */
export function toWorkingDay(date: string, step: 1 | -1 = 1): string {
  let day = date
  while (!isWorkingDay(day)) day = addDays(day, step)
  return day
}
