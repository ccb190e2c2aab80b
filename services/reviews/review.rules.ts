/** Pure rules: milestone due dates from templates, and who should be nudged when. */
import { addDays, parseIsoDate, isoDate } from '../calendar/dates.js'
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../calendar/working-days.js'
import type { MilestoneTemplate } from './review.schema.js'

/** Adds calendar months, keeping the day where it exists (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const d = parseIsoDate(date)
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay))
  return isoDate(target)
}

export function dueDateOf(template: Pick<MilestoneTemplate, 'due' | 'from'>, anchors: { awareness: string; start: string }): string {
  const from = template.from === 'awareness' ? anchors.awareness : anchors.start
  switch (template.due.unit) {
    case 'working-days': return addWorkingDays(from, template.due.amount)
    case 'calendar-days': return addDays(from, template.due.amount)
    case 'calendar-months': return addMonths(from, template.due.amount)
  }
}

export type NudgeReason = 'due-soon' | 'due-today' | 'overdue'

/**
 * When to nudge about an open milestone on `today` (a working day): 3 working days before it is due, on
 * the day, and every 2 working days after. Returns null on the other days. `daysLate` counts working days.
 */
export function nudgeFor(dueDate: string, today: string): { reason: NudgeReason; daysLate: number } | null {
  if (!isWorkingDay(today)) return null
  const late = workingDaysBetween(dueDate, today)
  if (late === -3) return { reason: 'due-soon', daysLate: late }
  if (late === 0) return { reason: 'due-today', daysLate: 0 }
  if (late > 0 && late % 2 === 0) return { reason: 'overdue', daysLate: late }
  // A due date on a weekend or bank holiday: the first working day after counts as "due today".
  if (late === 1 && !isWorkingDay(dueDate)) return { reason: 'due-today', daysLate: 0 }
  return null
}

/** The sub-group chair hears about a milestone once, when it is exactly this many working days late. */
export const ESCALATE_AFTER_WORKING_DAYS = 5

/** Quiet hours: nudges go out on working days between 08:00 and 19:00 where the partnership is. */
export function isWithinSendingHours(now: Date, timeZone: string): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now).map((p) => [p.type, p.value]),
  )
  const hour = Number(parts.hour)
  const today = `${parts.year}-${parts.month}-${parts.day}`
  return isWorkingDay(today) && hour >= 8 && hour < 19
}
