/** Pure rules of audits: when a return is nudged, how far it has got, and the time a section was last saved. */
import { isWorkingDay, workingDaysBetween } from '../calendar/working-days.js'
import { type Answers, isShown, type ToolDefinition } from './audit-tool.schema.js'

export type AuditNudge = { reason: 'due-soon' | 'due-today' | 'overdue'; daysLate: number }

/** Working days before the deadline that the lead is first reminded. */
const REMIND_BEFORE_WORKING_DAYS = 5
/** The sub-group chair is told once, when a return is exactly this many working days late. */
export const TELL_CHAIR_AFTER_WORKING_DAYS = 10

/**
 * When to nudge the lead of a return not yet sent in, on `today` (a working day): 5 working days before the
 * deadline, on the day, and every 2 working days after it (the first working day after, then every other one).
 */
export function auditNudgeFor(deadline: string, today: string): AuditNudge | null {
  if (!isWorkingDay(today)) return null
  const late = workingDaysBetween(deadline, today)
  if (late === -REMIND_BEFORE_WORKING_DAYS) return { reason: 'due-soon', daysLate: 0 }
  if (late === 0) return isWorkingDay(deadline) ? { reason: 'due-today', daysLate: 0 } : null
  if (late === 1 && !isWorkingDay(deadline)) return { reason: 'due-today', daysLate: 0 }
  if (late > 0 && late % 2 === 1) return { reason: 'overdue', daysLate: late }
  return null
}

/** Whether the chair is told today about a return this late. */
export const isChairToldToday = (deadline: string, today: string): boolean =>
  isWorkingDay(today) && workingDaysBetween(deadline, today) === TELL_CHAIR_AFTER_WORKING_DAYS

/** Questions answered and questions to answer (shown, required or not), across the tool. */
export function progressOf(def: ToolDefinition, answers: Answers): { answered: number; questions: number } {
  let answered = 0
  let questions = 0
  for (const section of def.sections)
    for (const q of section.questions) {
      if (!isShown(q, answers)) continue
      questions += 1
      if (answers[q.id] !== undefined) answered += 1
    }
  return { answered, questions }
}

/** "10:42": the time of day where the partnership is. */
export function timeOfDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}
