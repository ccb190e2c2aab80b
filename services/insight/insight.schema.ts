/**
 * The insight tab's vocabulary: whose work a dashboard looks at (a scope), over which period, and the figures
 * it returns in the three questions of outcomes based accountability (DOMAIN.md §5): how much did we do, how
 * well did we do it, is anyone better off. References, counts, dates and themes only: never case detail.
 */
import { z } from 'zod'
import { isRealCalendarDate } from '../../lib/validation.js'

const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-04-01.')
  .refine(isRealCalendarDate, 'That date does not exist.')

/** Whose work: the whole partnership, one sub-group, one agency, or one learning theme. */
const ZInsightScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('partnership') }),
  z.object({ kind: z.literal('sub-group'), key: z.string().min(1).max(60) }),
  z.object({ kind: z.literal('agency'), key: z.string().min(1).max(60) }),
  z.object({ kind: z.literal('theme'), key: z.string().min(1).max(120) }),
])
export type InsightScope = z.infer<typeof ZInsightScope>

/** A dashboard request: the scope and the period (default: the four quarters up to today). */
export const ZDashboardQuery = z
  .object({
    scope: ZInsightScope.default({ kind: 'partnership' }),
    from: ZDate.optional(),
    to: ZDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'The period must end after it starts.', path: ['to'] })

/** The three questions, in the order a dashboard shows them. */
export const OBA_QUESTIONS = {
  'how-much': 'How much did we do?',
  'how-well': 'How well did we do it?',
  'better-off': 'Is anyone better off?',
} as const
export type ObaQuestion = keyof typeof OBA_QUESTIONS

/** One figure per quarter: a count, or a share of n (null when nothing was measured in that quarter). */
export type QuarterFigure = { quarter: string; value: number | null; n: number }

/** One panel of the dashboard: a measure, its figure for the period and its quarterly trend. */
export type Panel = {
  key: string
  question: ObaQuestion
  label: string
  /** `count` panels add up; `share` panels are a percentage of `n`. */
  unit: 'count' | 'share' | 'points'
  /** The figure for the whole period (null: nothing to measure yet). */
  value: number | null
  /** What the share or mean is of, e.g. 12 notifications. */
  n: number
  trend: QuarterFigure[]
  /** Why there is no figure yet, e.g. "No audits are recorded yet." */
  empty?: string
  /** The period's figure split by agency (actions done on time, by agency). */
  breakdown?: { label: string; value: number | null; n: number }[]
  /** "The story behind the curve": the latest note a chair wrote on this panel, dated and attributed. */
  story?: { text: string; by: string; on: string }
}

/** A dashboard: its scope in words, the period, and the panels by question. */
export type Dashboard = {
  scope: InsightScope
  scopeLabel: string
  from: string
  to: string
  quarters: string[]
  panels: Panel[]
  /** May the viewer write the story behind the curve on these panels. */
  canWriteStory: boolean
  /** May the viewer draft the yearly report (the page offers the link). */
  canDraftReport: boolean
}

/** The story behind the curve: a chair's short note on one panel of one scope. */
export const ZPanelStory = z.object({
  panelKey: z.string().regex(/^[a-z][a-z-]{0,59}$/, 'Choose a panel.'),
  scope: ZInsightScope,
  text: z.string().trim().min(1, 'Write a sentence or two.').max(1500, 'Keep it to 1,500 characters.'),
})

/** The chair's answers to a recurrence flag (DOMAIN.md §5: learning that did not transfer). */
export const RECURRENCE_RESPONSES = {
  'new-action': 'A new action will be agreed',
  audit: 'An audit will test whether practice changed',
  'not-same-issue': 'Not the same issue',
} as const
export type RecurrenceResponse = keyof typeof RECURRENCE_RESPONSES

export const ZRecurrenceResponse = z
  .object({
    flagId: z.string().uuid(),
    response: z.enum(['new-action', 'audit', 'not-same-issue'], { required_error: 'Choose a response.' }),
    note: z.string().trim().max(1500, 'Keep it to 1,500 characters.').optional(),
    /** The flag's version the chair saw: a second response (another chair, a double submit) changes nothing. */
    version: z.coerce.number().int().min(0),
  })
  .refine((r) => r.response !== 'not-same-issue' || (r.note ?? '').length >= 5, {
    message: 'Say why this is not the same issue.',
    path: ['note'],
  })

/** A recurrence flag as the chair, the tab and the yearly report see it. */
export type RecurrenceFlagView = {
  id: string
  theme: string
  findingReference: string
  raisedOn: string
  earlier: { reference: string; verifiedOn: string }[]
  status: 'OPEN' | 'RESPONDED'
  response?: { label: string; note?: string; by: string; on: string }
  version: number
  /** "Learning did not transfer: this theme came back after actions … were verified on …". */
  sentence: string
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const andList = (items: string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`

/** "Learning did not transfer: Neglect came back in NSCP-LR-2026-0002 after actions A and B were verified on …". */
export function recurrenceSentence(flag: {
  theme: string
  findingReference: string
  earlier: { reference: string; verifiedOn: string }[]
}): string {
  const days = flag.earlier.map(
    (a) =>
      `${Number(a.verifiedOn.slice(8, 10))} ${MONTH_NAMES[Number(a.verifiedOn.slice(5, 7)) - 1]} ${a.verifiedOn.slice(0, 4)}`,
  )
  const actions = flag.earlier.length === 1 ? 'action' : 'actions'
  return (
    `Learning did not transfer: ${flag.theme} came back in ${flag.findingReference} after ${actions} ` +
    `${andList(flag.earlier.map((a) => a.reference))} ${flag.earlier.length === 1 ? 'was' : 'were'} verified on ${andList(days)}.`
  )
}
