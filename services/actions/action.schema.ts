/** Actions: inputs, statuses and labels. */
import { z } from 'zod'
import { isRealCalendarDate } from '../../lib/validation.js'

export const ACTION_STATUSES = {
  PROPOSED: 'Waiting for the owner to accept',
  OPEN: 'In progress',
  DATE_CHANGE_REQUESTED: 'New date requested',
  HANDED_BACK: 'Handed back to the chair',
  AWAITING_VERIFICATION: 'Awaiting verification',
  VERIFIED: 'Verified: impact check to come',
  CLOSED_MET: 'Closed: measure of success met',
  CLOSED_PARTLY: 'Closed: measure partly met',
  CLOSED_NOT_MET: 'Closed: measure not met (new action proposed)',
} as const
export type ActionStatus = keyof typeof ACTION_STATUSES

export const IMPACT_RESULTS = { met: 'Met', partly: 'Partly met', 'not-met': 'Not met' } as const

const isoDate = z
  .string({ required_error: 'Enter a date.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date.')
  .refine(isRealCalendarDate, 'That date does not exist: check the day and month.')
const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(min, `Enter ${label}${min > 1 ? ` (at least ${min} characters)` : ''}.`)
    .max(max)

const ZNewAction = z.object({
  what: text('what will be done', 10, 2000),
  agencyKey: z.string({ required_error: 'Choose the owning agency.' }).min(1, 'Choose the owning agency.'),
  ownerId: z.string({ required_error: 'Choose the owner.' }).uuid('Choose the owner.'),
  dueDate: isoDate,
  measureOfSuccess: text('what we would see if this worked', 10, 2000),
  verifyingSubGroupKey: z
    .string({ required_error: 'Choose the sub-group that will verify it.' })
    .min(1, 'Choose the sub-group that will verify it.'),
  impactMonths: z.coerce.number().int().min(1).max(24).default(3),
})

/**
 * Where an action came from. 'other' is any action not from a review, an audit or the national Panel (e.g.
 * `new actions` typed in chat); it is what a create without a source and without a recommendation records.
 */
const ACTION_SOURCES = ['review', 'audit', 'national', 'other'] as const
export type ActionSource = (typeof ACTION_SOURCES)[number]

const ZCreateActions = z.object({
  /** Omitted: 'review' when a recommendation is given, else 'other' (never assumed to be national). */
  source: z.enum(ACTION_SOURCES).optional(),
  recommendationId: z.string().uuid().optional(),
  sourceNote: z.string().trim().max(500).optional(),
  /** A stable key from the form, so a double submit creates the actions once. */
  formToken: z.string().uuid(),
  actions: z.array(ZNewAction).min(1, 'Add at least one action.').max(10),
})
export type CreateActions = z.infer<typeof ZCreateActions>

/** The field id of an issue on the bulk form: row n's fields are "<field><n>" (e.g. `ownerId2`). */
export function bulkFieldId(path: (string | number)[]): string {
  const [first, index, field] = path
  return first === 'actions' && typeof index === 'number' && field !== undefined
    ? `${String(field)}${index + 1}`
    : String(first ?? 'form')
}

/** ZCreateActions with each issue reported on the bulk form's field id, so errors show next to their row. */
export const ZCreateActionsForm = z.unknown().transform((raw, ctx): CreateActions => {
  const parsed = ZCreateActions.safeParse(raw)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: 'custom', message: issue.message, path: [bulkFieldId(issue.path)] })
  return z.NEVER
})

/** Any use case on one action that needs nothing else (accept). */
export const ZActionId = z.object({ actionId: z.string().uuid() })

export const ZProposeDate = z.object({
  actionId: z.string().uuid(),
  proposedDueDate: isoDate,
  reason: text('the reason', 10, 1000),
})
export const ZHandBack = z.object({ actionId: z.string().uuid(), reason: text('who it belongs to, and why', 10, 1000) })
export const ZDateDecision = z.object({ actionId: z.string().uuid(), approve: z.boolean() })
export const ZReassign = z.object({
  actionId: z.string().uuid(),
  ownerId: z.string({ required_error: 'Choose the new owner.' }).uuid('Choose the new owner.'),
})
export const ZProgress = z.object({ actionId: z.string().uuid(), note: text('the progress', 5, 2000) })
export const ZComplete = z.object({
  actionId: z.string().uuid(),
  description: text('what was done', 10, 3000),
  links: z
    .string({ required_error: 'Add at least one link or file reference.' })
    .trim()
    .min(3, 'Add at least one link or file reference.')
    .max(3000),
})
export const ZVerify = z.object({
  actionId: z.string().uuid(),
  accept: z.boolean(),
  reason: z.string().trim().max(2000).optional(),
})
export const ZImpact = z.object({
  actionId: z.string().uuid(),
  result: z.enum(['met', 'partly', 'not-met'], { errorMap: () => ({ message: 'Choose met, partly met or not met.' }) }),
  note: text('what you found', 10, 3000),
})

/** One choice in a form's list: the stored value and what the person sees. */
type ActionOption = { value: string; label: string }
/** The lists the action forms offer: agencies, people and sub-groups. */
export type ActionChoices = { agencies: ActionOption[]; people: ActionOption[]; subGroups: ActionOption[] }

/** What a form about one action shows of it. */
export type ActionSummary = {
  id: string
  reference: string
  what: string
  status: ActionStatus
  statusLabel: string
  dueDate: string
  measure: string
}

/** One action in a list (my actions, the overview, escalations), as of the service clock. */
export type ActionLine = {
  id: string
  reference: string
  what: string
  status: ActionStatus
  statusLabel: string
  dueDate: string
  workingDaysLate: number
  agency: string
  owner: string
  measure: string
  /** The person reading the list chairs the sub-group that verifies it (the overview only). */
  canVerify?: boolean
}

/** A chair's overview of their sub-groups' actions. */
export type ActionOverview = {
  open: ActionLine[]
  overdue: ActionLine[]
  awaitingVerification: ActionLine[]
  notYetMeasured: ActionLine[]
}
