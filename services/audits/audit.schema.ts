/** Audits: types, statuses, their labels, the inputs of every audit use case, and the views cards are given. */
import { z } from 'zod'
import { isRealCalendarDate } from '../../lib/validation.js'
import type { Answers, PageQuestion, RatingKind } from './audit-tool.schema.js'

export const AUDIT_TYPES = {
  'section-11': 'Section 11 audit',
  'section-175': 'Section 175/157 schools audit',
  'case-audit': 'Multi-agency case audit',
  themed: 'Themed audit',
  'single-agency': 'Single-agency audit return',
} as const
export type AuditType = keyof typeof AUDIT_TYPES
const TYPE_KEYS = Object.keys(AUDIT_TYPES) as [AuditType, ...AuditType[]]

/** Who takes part: agencies, or schools and colleges (settings) for a Section 175/157 audit. */
export const participantKind = (type: AuditType): 'agency' | 'setting' =>
  type === 'section-175' ? 'setting' : 'agency'

export const AUDIT_STATUSES = { PLANNED: 'Planned', OPEN: 'Open', CLOSED: 'Closed' } as const
export type AuditStatus = keyof typeof AUDIT_STATUSES

export const RETURN_STATUSES = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  SUBMITTED: 'Submitted: waiting for sign-off',
  SIGNED_OFF: 'Signed off: waiting for moderation',
  CHALLENGED: 'Moderated with a challenge: waiting for the response',
  MODERATED: 'Moderated',
} as const
export type ReturnStatus = keyof typeof RETURN_STATUSES
/** Statuses in which a return has been sent in (received, for the summary). */
export const RECEIVED: readonly ReturnStatus[] = ['SUBMITTED', 'SIGNED_OFF', 'CHALLENGED', 'MODERATED']

export const MODERATION_DECISIONS = { agree: 'Agree with the self-assessment', change: 'Change the rating' } as const
export const RESPONSE_DECISIONS = {
  accept: 'We accept the moderated rating',
  disagree: 'We disagree: here is why',
} as const

const isoDate = (what: string) =>
  z
    .string({ required_error: `Enter ${what}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what}.`)
    .refine(isRealCalendarDate, 'That date does not exist: check the day and month.')
const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(min, `Enter ${label}${min > 1 ? ` (at least ${min} characters)` : ''}.`)
    .max(max, `Keep it under ${max} characters.`)
const id = z.string().uuid()
const token = z.string().uuid()

export const ZPlanAudit = z
  .object({
    formToken: token,
    type: z.enum(TYPE_KEYS, { errorMap: () => ({ message: 'Choose the type of audit.' }) }),
    title: text('a title', 5, 120),
    toolId: z.string({ required_error: 'Choose the tool.' }).uuid('Choose the tool.'),
    theme: z.string().trim().max(60).optional(),
    participants: z
      .array(z.string(), { required_error: 'Choose who takes part.' })
      .min(1, 'Choose who takes part.')
      .max(60),
    openingDate: isoDate('the opening date'),
    deadline: isoDate('the deadline'),
  })
  .superRefine((v, ctx) => {
    if (v.deadline <= v.openingDate)
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'The deadline must be after the opening date.' })
    if ((v.type === 'case-audit' || v.type === 'themed') && !v.theme)
      ctx.addIssue({ code: 'custom', path: ['theme'], message: 'Choose the theme this audit looks at.' })
  })
export type PlanAudit = z.infer<typeof ZPlanAudit>

export const ZAuditId = z.object({ auditId: id })
export const ZReturnId = z.object({ returnId: id })

/** One page of a return as the person leaves it. */
export const ZSaveSection = z.object({
  returnId: id,
  sectionKey: z.string().min(1).max(60),
  /** The section's version the person's page was built from. */
  seenVersion: z.coerce.number().int().min(0),
  /** The form's raw values by field id (read against the tool in the use case). */
  values: z.record(z.unknown()),
  /** Where to leave the person: the index of the page they go to next. */
  nextSection: z.coerce.number().int().min(0).max(100),
  confirmSensitive: z.boolean().default(false),
})

export const ZSignOff = z.object({
  returnId: id,
  /** Section 175/157 only: when the governing body reviewed safeguarding. */
  governorsReviewOn: isoDate('the date of the governors\u2019 annual review').optional(),
})

export const ZModerate = z
  .object({
    returnId: id,
    sectionKey: z.string().min(1).max(60),
    decision: z.enum(['agree', 'change'], { errorMap: () => ({ message: 'Choose whether you agree.' }) }),
    rating: z.string().optional(),
    reason: z.string().trim().max(3000).optional(),
    confirmSensitive: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== 'change') return
    if (!v.rating) ctx.addIssue({ code: 'custom', path: ['rating'], message: 'Choose the moderated rating.' })
    if (!v.reason || v.reason.length < 10)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Give the reason for the change (at least 10 characters).',
      })
  })

export const ZRespond = z
  .object({
    returnId: id,
    sectionKey: z.string().min(1).max(60),
    decision: z.enum(['accept', 'disagree'], { errorMap: () => ({ message: 'Choose your response.' }) }),
    response: z.string().trim().max(3000).optional(),
    confirmSensitive: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'disagree' && (!v.response || v.response.length < 10))
      ctx.addIssue({ code: 'custom', path: ['response'], message: 'Say why you disagree (at least 10 characters).' })
  })

export const ZAgreeFinal = z.object({
  returnId: id,
  sectionKey: z.string().min(1).max(60),
  rating: z.string({ required_error: 'Choose the final rating.' }).min(1, 'Choose the final rating.'),
})

export const ZSelectCase = z.object({
  formToken: token,
  auditId: id,
  /** Each involved agency and its own case reference (rows left empty are dropped by the form). */
  rows: z.array(z.object({ agencyKey: z.string().optional(), reference: z.string().trim().max(40).optional() })).max(6),
})

export const ZAgreeGrade = z.object({
  caseId: id,
  sectionKey: z.string().min(1).max(60),
  grade: z.string({ required_error: 'Choose the agreed grade.' }).min(1, 'Choose the agreed grade.'),
})

export const ZDiscussion = z.object({
  caseId: id,
  goodPractice: text('the good practice', 10, 3000),
  areasForDevelopment: text('the areas for development', 10, 3000),
  /** One recommendation a line. */
  recommendations: text('at least one recommendation', 10, 3000),
  confirmSensitive: z.boolean().default(false),
})

export const ZCopyTool = z.object({
  formToken: token,
  toolId: z.string({ required_error: 'Choose the tool to copy.' }).uuid('Choose the tool to copy.'),
  name: text('a name for the new version', 5, 120),
  /** Questions to leave out of the new version, by id. */
  remove: z.array(z.string()).max(200).default([]),
  /** One question to add: to which section, its wording, kind and whether it must be answered. */
  addSection: z.string().optional(),
  addLabel: z.string().trim().max(300).optional(),
  addKind: z.string().optional(),
  addRequired: z.boolean().default(false),
  /** Open audits on the copied version move to the new one for returns not yet started. */
  applyToOpen: z.boolean().default(false),
  /** A whole new question set instead of the changes above (scripts and the bench). */
  definition: z.unknown().optional(),
})

// ------------------------------------------------------------------ views

/** An audit in the programme list. */
export type AuditLine = {
  id: string
  reference: string
  title: string
  type: AuditType
  typeLabel: string
  status: AuditStatus
  openingDate: string
  deadline: string
  expected: number
  received: number
}

/** A return (or a case audit's part) in a list, with what the reader may do. */
export type ReturnLine = {
  id: string
  auditId: string
  auditReference: string
  auditTitle: string
  participant: string
  /** For a case audit part: the case, and the agency's own case reference (only for that agency's people). */
  caseLabel?: string
  caseReference?: string
  lead: string | null
  status: ReturnStatus
  statusLabel: string
  deadline: string
  isLate: boolean
  answered: number
  questions: number
  /** What the reader can do next: continue, sign off, respond, moderate. */
  next: 'complete' | 'sign-off' | 'respond' | 'moderate' | 'reopen' | 'view'
}

/** A standard of one return, as its moderation shows it. */
export type StandardLine = {
  sectionKey: string
  title: string
  kind: RatingKind
  options: { value: string; label: string }[]
  selfRating: string | null
  selfLabel: string | null
  evidence: string | null
  decision: 'agree' | 'change' | null
  moderatedRating: string | null
  moderatedLabel: string | null
  reason: string | null
  responseDecision: 'accept' | 'disagree' | null
  response: string | null
  finalRating: string | null
  finalLabel: string | null
}

/** One return with its standards, for moderation, the response to a challenge and reading. */
export type ReturnView = {
  id: string
  auditId: string
  auditReference: string
  auditTitle: string
  auditType: AuditType
  participant: string
  lead: string | null
  status: ReturnStatus
  statusLabel: string
  deadline: string
  submittedBy: string | null
  signedOffBy: string | null
  governorsReviewOn: string | null
  standards: StandardLine[]
  /** What the reader may do. */
  can: { moderate: boolean; respond: boolean; signOff: boolean; reopen: boolean; complete: boolean }
}

/** One page of a return as the dialog shows it. */
export type ReturnPage = {
  returnId: string
  auditType: AuditType
  title: string
  index: number
  count: number
  sectionKey: string
  sectionTitle: string
  intro: string | null
  questions: PageQuestion[]
  answers: Answers
  version: number
  finishLabel: string
  /** Who saved this section last, and when (HH:MM where the partnership is). */
  lastSaved: { by: string; at: string } | null
  /** Why answers cannot change now (sent in, or closed at the deadline), or null while they can. */
  closedNote: string | null
}

/** The audit's summary: returns received against expected, ratings by standard, change, findings by theme. */
export type AuditSummary = {
  id: string
  reference: string
  title: string
  type: AuditType
  typeLabel: string
  status: AuditStatus
  theme: string | null
  toolName: string
  openingDate: string
  deadline: string
  expected: number
  received: number
  outstanding: { participant: string; lead: string | null; status: string; isLate: boolean }[]
  standards: {
    sectionKey: string
    title: string
    /** Per participant whose return the reader may see. */
    ratings: { participant: string; self: string | null; moderated: string | null }[]
    /** Mean points of the moderated (or, until then, self-assessed) ratings, this cycle and last. */
    mean: number | null
    lastMean: number | null
  }[]
  findings: { id: string; text: string; themes: string[]; actions: string[] }[]
  cases: { id: string; label: string; parts: { participant: string; status: string }[]; discussed: boolean }[]
  can: { plan: boolean; moderate: boolean; selectCases: boolean; open: boolean }
  /** A link to the audit's web page and its XLSX export, signed for the reader. */
  pageUrl?: string
}

/** A case of a case audit, as its card shows it to the reader. */
export type CaseView = {
  id: string
  auditId: string
  auditReference: string
  label: string
  theme: string | null
  /** Case references the reader may see (their own agency's; all for the chair). */
  refs: { agency: string; reference: string }[]
  parts: {
    returnId: string
    agency: string
    status: ReturnStatus
    statusLabel: string
    /** Grades by area, only when the reader may see this part's answers. */
    grades: Record<string, string> | null
  }[]
  areas: { sectionKey: string; title: string; options: { value: string; label: string }[]; agreed: string | null }[]
  goodPractice: string | null
  areasForDevelopment: string | null
  recommendations: string[]
  can: { discuss: boolean }
  /** Why the other agencies' answers are hidden from the reader, if they are. */
  hiddenNote: string | null
}
