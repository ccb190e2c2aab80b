/**
 * Bank holidays in England and Wales, computed by rule (Banking and Financial Dealings Act 1971 and the
 * annual proclamations), plus the one-off changes made by proclamation. Dates are ISO `YYYY-MM-DD`.
 */
import { addDays, dayOfWeek, isoDate, parseIsoDate } from './dates.js'

/** One-off proclamations: holidays added, and regular holidays moved (removed) in those years. */
const ADDED: readonly string[] = [
  '1995-05-08', // VE Day 50th anniversary (replaced the early May holiday)
  '1999-12-31', // Millennium
  '2002-06-03',
  '2002-06-04', // Golden Jubilee (spring holiday moved to 4 June)
  '2011-04-29', // Royal wedding
  '2012-06-04',
  '2012-06-05', // Diamond Jubilee (spring holiday moved to 4 June)
  '2020-05-08', // VE Day 75th anniversary (early May holiday moved)
  '2022-06-02',
  '2022-06-03', // Platinum Jubilee (spring holiday moved to 2 June)
  '2022-09-19', // State funeral of Queen Elizabeth II
  '2023-05-08', // Coronation of King Charles III
]
const REMOVED: readonly string[] = ['1995-05-01', '2002-05-27', '2012-05-28', '2020-05-04', '2022-05-30']

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return isoDate(Date.UTC(year, month - 1, day))
}

const firstMonday = (year: number, month: number): string => {
  const first = isoDate(Date.UTC(year, month - 1, 1))
  return addDays(first, (8 - dayOfWeek(first)) % 7)
}
const lastMonday = (year: number, month: number): string => {
  const last = isoDate(Date.UTC(year, month, 0))
  return addDays(last, -((dayOfWeek(last) + 6) % 7))
}

/** The regular holidays of a year, with weekend substitutes. */
function regularHolidays(year: number): string[] {
  const easter = easterSunday(year)
  const days = [addDays(easter, -2), addDays(easter, 1), firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8)]
  // New Year's Day: a Saturday or Sunday moves to the Monday.
  const newYear = `${year}-01-01`
  days.push(dayOfWeek(newYear) === 6 ? addDays(newYear, 2) : dayOfWeek(newYear) === 0 ? addDays(newYear, 1) : newYear)
  // Christmas and Boxing Day: weekend days move to the next free weekdays.
  const christmas = `${year}-12-25`
  switch (dayOfWeek(christmas)) {
    case 5:
      days.push(christmas, addDays(christmas, 3))
      break // Fri: Boxing Day (Sat) -> Mon 28
    case 6:
      days.push(addDays(christmas, 2), addDays(christmas, 3))
      break // Sat: Mon 27, Tue 28
    case 0:
      days.push(addDays(christmas, 2), addDays(christmas, 1))
      break // Sun: Tue 27 (Christmas), Mon 26
    default:
      days.push(christmas, addDays(christmas, 1))
  }
  return days
}

const cache = new Map<number, ReadonlySet<string>>()

/** The bank holidays of England and Wales in `year`. */
export function bankHolidays(year: number): ReadonlySet<string> {
  let set = cache.get(year)
  if (!set) {
    const days = new Set(regularHolidays(year))
    for (const d of REMOVED) if (d.startsWith(`${year}-`)) days.delete(d)
    for (const d of ADDED) if (d.startsWith(`${year}-`)) days.add(d)
    set = days
    cache.set(year, set)
  }
  return set
}

export function isBankHoliday(date: string): boolean {
  return bankHolidays(parseIsoDate(date).getUTCFullYear()).has(date)
}
