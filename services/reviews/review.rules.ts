/**
 * Pure rules: milestone due dates and who is responsible for them, who should be nudged when, identifying
 * details in free text, and the refusal a version-checked update gives when someone else changed a review.
 */
import { AppError } from '../../lib/errors.js'
import { addDays, parseIsoDate, isoDate } from '../calendar/dates.js'
import { addWorkingDays, isWorkingDay, toWorkingDay, workingDaysBetween } from '../calendar/working-days.js'
import { describeFindings, findSensitiveFields } from '../privacy/sensitive-text.js'
import type { MilestoneTemplate } from './review.schema.js'

/** Adds calendar months, keeping the day where it exists (31 Jan + 1 month = 28/29 Feb). */
function addMonths(date: string, months: number): string {
  const d = parseIsoDate(date)
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay))
  return isoDate(target)
}

/**
 * A due date counted in calendar months: `months` after `date`, moved on to the next working day when it
 * falls on a weekend or bank holiday (back to the one before when counting backwards).
 */
export function dueInMonths(date: string, months: number): string {
  return toWorkingDay(addMonths(date, months), months < 0 ? -1 : 1)
}

/** "7 working days", "1 calendar month": a milestone's due period in words. */
export function periodWords(due: MilestoneTemplate['due']): string {
  const unit = due.unit.replace('-', ' ')
  return `${due.amount} ${due.amount === 1 ? unit.replace(/s$/, '') : unit}`
}

/** The dates a review's milestones count from; `publication` only once its publication date is known. */
export type Anchors = { awareness: string; start: string; publication?: string }

/**
 * When a milestone falls due: its amount after (or, with `before`, before) its anchor. A milestone counted from
 * publication falls back to the start while no publication date is known.
 */
export function dueDateOf(
  template: Pick<MilestoneTemplate, 'due' | 'from'> & { before?: boolean },
  anchors: Anchors,
): string {
  const from =
    template.from === 'awareness'
      ? anchors.awareness
      : template.from === 'publication'
        ? (anchors.publication ?? anchors.start)
        : anchors.start
  const amount = template.before ? -template.due.amount : template.due.amount
  switch (template.due.unit) {
    case 'working-days':
      return addWorkingDays(from, amount)
    case 'calendar-days':
      return addDays(from, amount)
    case 'calendar-months':
      return dueInMonths(from, amount)
  }
}

/**
 * The earliest publication date the advance copy allows: the advance-copy milestone's period (7 working days by
 * default) after the full report was sent to the Panel and the Secretary of State.
 */
export function earliestPublication(advance: Pick<MilestoneTemplate, 'due'>, sentOn: string): string {
  return dueDateOf({ due: advance.due, from: 'start' }, { awareness: sentOn, start: sentOn })
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
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  )
  const hour = Number(parts.hour)
  const today = `${parts.year}-${parts.month}-${parts.day}`
  return isWorkingDay(today) && hour >= 8 && hour < 19
}

/** The people a timeline is assigned to (see findResponsible in review.repo.ts). */
export type Assignees = {
  withRole(role: string): { id: string } | null
  chairOf(subGroupKey: string): { id: string } | null
  leadOf(agencyKey: string): { id: string } | null
  /** The safeguarding partner who chairs the Partnership Executive. */
  partnershipChair?(): { id: string } | null
}

/** One milestone of a new review's timeline, before it is stored. */
export type PlannedMilestone = {
  key: string
  label: string
  dueDate: string
  responsibleRole: MilestoneTemplate['responsible']
  responsiblePersonId: string | null
  agencyKey: string | null
}

/**
 * A new review's timeline from its type's templates: one milestone per template (one per involved agency
 * for an agency lead's), due from the awareness date or the start, skipping serious-incident-only ones
 * when the criteria are not met. An agency with no safeguarding lead falls to the business manager; lead
 * reviewers are usually independent of the partnership, so the owning chair follows their milestones.
 */
export function planMilestones(
  templates: MilestoneTemplate[],
  review: {
    anchors: Anchors
    agencies: string[]
    isSeriousIncident: boolean
    owningSubGroupKey: string
  },
  who: Assignees,
  agencyName: (agencyKey: string) => string,
): PlannedMilestone[] {
  const planned: PlannedMilestone[] = []
  // Milestones counted from publication follow the date the review is due to be published.
  const published = templates.find((t) => t.key === 'published' && t.from !== 'publication')
  const anchors: Anchors = {
    ...review.anchors,
    ...(published ? { publication: dueDateOf(published, review.anchors) } : {}),
  }
  for (const t of templates) {
    if (t.onlyIfSerious && !review.isSeriousIncident) continue
    const dueDate = dueDateOf(t, anchors)
    if (t.responsible === 'agency-lead') {
      for (const agencyKey of review.agencies) {
        const person = who.leadOf(agencyKey) ?? who.withRole('business-manager')
        planned.push({
          key: `${t.key}:${agencyKey}`,
          label: `${t.label}: ${agencyName(agencyKey)}`,
          dueDate,
          responsibleRole: t.responsible,
          responsiblePersonId: person?.id ?? null,
          agencyKey,
        })
      }
      continue
    }
    const person =
      t.responsible === 'business-manager' || t.responsible === 'independent-chair'
        ? who.withRole(t.responsible)
        : t.responsible === 'partnership-chair'
          ? (who.partnershipChair?.() ?? who.withRole('business-manager'))
          : who.chairOf(review.owningSubGroupKey)
    planned.push({
      key: t.key,
      label: t.label,
      dueDate,
      responsibleRole: t.responsible,
      responsiblePersonId: person?.id ?? null,
      agencyKey: null,
    })
  }
  return planned
}

/** An agency-information milestone's agency, from its label ("…: Northshire Police"). */
export const agencyOfLabel = (label: string): string => label.split(': ').at(-1) ?? ''

/**
 * Free text that looks like it names a child or family member (a name, a date of birth, an NHS number, a
 * postcode) must be edited or confirmed before it is saved: SENSITIVE_TEXT with a message per field.
 */
export function refuseSensitive(fields: Record<string, string | undefined>, isConfirmed: boolean): void {
  const findings = findSensitiveFields(fields)
  if (Object.keys(findings).length === 0 || isConfirmed) return
  throw new AppError('SENSITIVE_TEXT', 'Some of your answers may identify a child or family member.', {
    fieldErrors: Object.fromEntries(Object.entries(findings).map(([field, list]) => [field, describeFindings(list)])),
  })
}

/** A version-checked update matched nothing: someone else changed the review between reading and writing. */
export function changedMeanwhile(reference: string): AppError {
  return new AppError('ALREADY_DONE', `${reference} was changed by someone else a moment ago. Please look at it again.`)
}
