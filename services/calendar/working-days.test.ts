/**
 * England and Wales bank holidays and working-day arithmetic. Every expected date below was written by
 * hand from the gov.uk lists (https://www.gov.uk/bank-holidays) and its weekday checked, never computed
 * with the code under test.
 */
import { describe, expect, it } from 'vitest'
import { bankHolidays, easterSunday, isBankHoliday } from './bank-holidays.js'
import { addDays, dayOfWeek, formatDate, parseIsoDate, todayIn } from './dates.js'
import { addWorkingDays, isWorkingDay, toWorkingDay, workingDaysBetween } from './working-days.js'

const sorted = (set: ReadonlySet<string>) => [...set].sort()

describe('bank holidays: whole years as published on gov.uk', () => {
  it.each([
    // Christmas on a Friday: Boxing Day (Sat) moves to Mon 28; VE Day moved the early May holiday to Fri 8 May.
    [
      2020,
      ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
    ],
    // Christmas on a Saturday: Mon 27 and Tue 28.
    [
      2021,
      ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
    ],
    // New Year on a Saturday (Mon 3 Jan); Platinum Jubilee 2-3 June instead of 30 May; state funeral 19 Sept;
    // Christmas on a Sunday: Boxing Day Mon 26 and the Christmas substitute Tue 27.
    [
      2022,
      [
        '2022-01-03',
        '2022-04-15',
        '2022-04-18',
        '2022-05-02',
        '2022-06-02',
        '2022-06-03',
        '2022-08-29',
        '2022-09-19',
        '2022-12-26',
        '2022-12-27',
      ],
    ],
    // New Year on a Sunday (Mon 2 Jan); the coronation on Mon 8 May as well as the early May holiday.
    [
      2023,
      [
        '2023-01-02',
        '2023-04-07',
        '2023-04-10',
        '2023-05-01',
        '2023-05-08',
        '2023-05-29',
        '2023-08-28',
        '2023-12-25',
        '2023-12-26',
      ],
    ],
    [
      2025,
      ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    ],
    // Christmas on a Friday again.
    [
      2026,
      ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    ],
    // Easter in March; Christmas on a Saturday.
    [
      2027,
      ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    ],
    // New Year on a Saturday.
    [
      2028,
      ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
    ],
  ])('%i', (year, expected) => {
    expect(sorted(bankHolidays(year))).toEqual(expected)
  })

  it('never puts a bank holiday on a weekend', () => {
    const onWeekends: string[] = []
    for (let year = 1995; year <= 2040; year++)
      for (const d of bankHolidays(year)) if (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) onWeekends.push(d)
    expect(onWeekends).toEqual([])
  })
})

describe('bank holidays: single days', () => {
  it.each([
    // Christmas and Boxing Day with weekend substitutes
    ['2026-12-25', true],
    ['2026-12-26', false],
    ['2026-12-28', true],
    ['2021-12-25', false],
    ['2021-12-27', true],
    ['2021-12-28', true],
    ['2022-12-25', false],
    ['2022-12-26', true],
    ['2022-12-27', true],
    ['2025-12-24', false],
    ['2025-12-31', false],
    // New Year substitutes
    ['2022-01-01', false],
    ['2022-01-03', true],
    ['2023-01-01', false],
    ['2023-01-02', true],
    ['2023-01-03', false],
    // Easter: Good Friday and Easter Monday, never Easter Sunday itself or the Thursday before
    ['2025-04-17', false],
    ['2025-04-18', true],
    ['2025-04-20', false],
    ['2025-04-21', true],
    ['2026-04-03', true],
    ['2026-04-06', true],
    ['2027-03-26', true],
    ['2027-03-29', true],
    // Last Monday of August (31 Aug 2026 is itself a Monday; in 2025 it is 25 Aug, not 1 Sept)
    ['2026-08-31', true],
    ['2026-08-24', false],
    ['2025-08-25', true],
    ['2025-09-01', false],
    // Early May and spring holidays, and the one-off changes
    ['2020-05-04', false],
    ['2020-05-08', true],
    ['2022-05-30', false],
    ['2022-06-02', true],
    ['2022-06-03', true],
    ['2023-05-01', true],
    ['2023-05-08', true],
    ['2022-09-19', true],
    ['2026-05-04', true],
    ['2026-05-25', true],
    ['2026-05-11', false],
    // An ordinary weekday
    ['2026-11-18', false],
  ])('%s is a bank holiday: %s', (date, expected) => {
    expect(isBankHoliday(date)).toBe(expected)
  })

  it.each([
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected)
  })
})

describe('isWorkingDay', () => {
  it.each([
    ['2026-12-24', true], // Thursday
    ['2026-12-25', false], // Christmas, Friday
    ['2026-12-26', false], // Saturday
    ['2026-12-27', false], // Sunday
    ['2026-12-28', false], // Boxing Day substitute, Monday
    ['2026-12-29', true], // Tuesday
  ])('%s: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected)
  })
})

describe('addWorkingDays', () => {
  it.each([
    // The documented example: the start day is day 0.
    ['2025-12-01', 5, '2025-12-08'],
    // Across Christmas 2026: Wed 23, Thu 24, (Fri 25, Sat, Sun, Mon 28 off), Tue 29, Wed 30, Thu 31.
    ['2026-12-22', 5, '2026-12-31'],
    // Across Christmas and the year end: also skips Fri 1 Jan 2027.
    ['2026-12-18', 15, '2027-01-13'],
    ['2026-12-31', 1, '2027-01-04'],
    // Across Easter 2026: Thu 2, (Good Friday 3, weekend, Easter Monday 6), Tue 7 … Fri 10.
    ['2026-04-01', 5, '2026-04-10'],
    // Across Easter 2025 and the early May holiday (Mon 5 May).
    ['2025-04-14', 15, '2025-05-08'],
    // Across the August bank holiday (Mon 31 Aug 2026).
    ['2026-08-26', 5, '2026-09-03'],
    // The one-off holidays of 2022.
    ['2022-06-01', 1, '2022-06-06'],
    ['2022-05-27', 1, '2022-05-30'],
    ['2022-09-16', 1, '2022-09-20'],
    // Starting on a weekend or a holiday: the next working day is day 1.
    ['2026-12-26', 1, '2026-12-29'],
    ['2026-12-25', 0, '2026-12-25'],
    // Backwards.
    ['2027-01-04', -1, '2026-12-31'],
    ['2026-12-29', -2, '2026-12-23'],
  ])('%s + %i working days = %s', (start, n, expected) => {
    expect(addWorkingDays(start, n)).toBe(expected)
  })
})

describe('workingDaysBetween', () => {
  it.each([
    ['2026-12-22', '2026-12-31', 5],
    ['2026-12-31', '2026-12-22', -5],
    ['2026-12-18', '2027-01-13', 15],
    ['2026-12-24', '2026-12-29', 1],
    ['2026-12-24', '2026-12-28', 0],
    ['2026-04-02', '2026-04-07', 1],
    ['2026-06-01', '2026-06-01', 0],
    // A whole year: 261 weekdays less 8 holidays in 2026; 260 weekdays less 10 holidays in 2022.
    ['2025-12-31', '2026-12-31', 253],
    ['2021-12-31', '2022-12-31', 250],
  ])('%s to %s: %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected)
  })

  it('undoes addWorkingDays', () => {
    for (const start of ['2026-12-18', '2026-12-25', '2027-03-25', '2025-08-22'])
      for (const n of [1, 5, 15, -5]) expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n)
  })
})

describe('invalid dates', () => {
  it.each(['2026-02-30', '2026-13-01', '2026-1-5', '26-12-2026', 'not a date', '2026-12-25T00:00:00Z', ''])(
    '%j throws',
    (bad) => {
      expect(() => parseIsoDate(bad)).toThrow(RangeError)
      expect(() => isBankHoliday(bad)).toThrow(RangeError)
      expect(() => isWorkingDay(bad)).toThrow(RangeError)
      expect(() => addWorkingDays(bad, 5)).toThrow(RangeError)
      expect(() => addWorkingDays(bad, 0)).toThrow(RangeError)
      expect(() => workingDaysBetween(bad, '2026-12-01')).toThrow(RangeError)
      expect(() => workingDaysBetween('2026-12-01', bad)).toThrow(RangeError)
      expect(() => workingDaysBetween(bad, bad)).toThrow(RangeError)
    },
  )

  it('refuses a number of working days that is not a whole number', () => {
    expect(() => addWorkingDays('2026-12-01', 1.5)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-12-01', Number.NaN)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-12-01', Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('dates', () => {
  it('adds calendar days across month, leap-day and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28') // the clocks go forward: no hour lost
  })

  it('formats dates the way cards show them', () => {
    expect(formatDate('2026-12-01')).toBe('Tue 1 Dec 2026')
    expect(formatDate('2027-01-13')).toBe('Wed 13 Jan 2027')
  })

  it("gives the partnership's local date, not UTC's", () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST); on 31 December London is on UTC.
    expect(todayIn('Europe/London', new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01')
    expect(todayIn('Europe/London', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31')
  })
})

describe('toWorkingDay', () => {
  it('keeps a working day and moves a weekend or bank holiday on (or back) to a working day', () => {
    expect(toWorkingDay('2027-05-28')).toBe('2027-05-28') // Fri
    // Sat 29 May 2027, Sun 30, then the spring bank holiday Mon 31 May: Tue 1 Jun.
    expect(toWorkingDay('2027-05-29')).toBe('2027-06-01')
    expect(toWorkingDay('2027-02-28')).toBe('2027-03-01') // Sun to Mon
    expect(toWorkingDay('2027-05-29', -1)).toBe('2027-05-28')
  })
})
