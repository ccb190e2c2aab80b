/**
 * Referral inputs, enums and labels. The form in cards/ is built from these, so the wording a practitioner
 * sees and the rules that check it live in one place.
 */
import { z } from 'zod'
import { isRealCalendarDate } from '../../lib/validation.js'

/**
 * The referral form's age bands. A referral may be about an unborn baby or a care leaver (WT2023 ch.5 covers
 * care leavers over 21: DOMAIN.md 1.2); a child death review may not (CDOP_AGE_BANDS).
 */
export const AGE_BANDS = {
  unborn: 'Unborn',
  'under-1': 'Under 1',
  '1-4': '1 to 4',
  '5-9': '5 to 9',
  '10-15': '10 to 15',
  '16-17': '16 to 17',
  'care-leaver-18-25': 'Care leaver, 18 to 25',
} as const
export type AgeBand = keyof typeof AGE_BANDS

/** The child death review covers children aged 0 to 17 and excludes stillbirths (DOMAIN.md 1.8). */
export const CDOP_AGE_BANDS = {
  'under-1': 'Under 1',
  '1-4': '1 to 4',
  '5-9': '5 to 9',
  '10-15': '10 to 15',
  '16-17': '16 to 17',
} as const satisfies Partial<Record<AgeBand, string>>

export const CRITERIA = {
  'abuse-or-neglect': 'Abuse or neglect is known or suspected',
  died: 'The child died',
  'seriously-harmed': 'The child was seriously harmed',
  'caused-serious-harm': 'The child caused serious harm to someone else',
  'agencies-working-together': 'Concerns about how agencies worked together',
  'good-practice': 'Good practice worth sharing',
} as const
export type Criterion = keyof typeof CRITERIA

/** Where the incident happened: the Panel notification covers the local authority's area, and a child normally
 * resident there harmed outside England (DOMAIN.md 1.4). */
export const LOCATIONS = {
  'in-area': "In the partnership's area",
  'elsewhere-england': 'Elsewhere in England',
  'outside-england': 'Outside England',
} as const
export type Location = keyof typeof LOCATIONS

export const REFERRAL_STATUSES = {
  AWAITING_SCREENING: 'Awaiting screening',
  INFO_REQUESTED: 'More information requested',
  RAPID_REVIEW: 'Rapid review started',
  LEARNING_REVIEW: 'Multi-agency learning review started',
  SINGLE_AGENCY_REVIEW: 'Single-agency review started',
  GOOD_PRACTICE_REVIEW: 'Good practice review started',
  NO_REVIEW: 'No review',
} as const
export type ReferralStatus = keyof typeof REFERRAL_STATUSES

/**
 * The chair's screening decisions. A notified serious incident has one (the rapid review, which is then
 * mandatory: DOMAIN.md 1.5); any other case one of the rest. The review each starts is its type key.
 */
export const DECISIONS = {
  'start-rapid-review': { status: 'RAPID_REVIEW', reviewType: 'rapid-review', label: 'Start a rapid review' },
  'learning-review': {
    status: 'LEARNING_REVIEW',
    reviewType: 'learning-review',
    label: 'Start a multi-agency learning review',
  },
  'single-agency': {
    status: 'SINGLE_AGENCY_REVIEW',
    reviewType: 'single-agency',
    label: 'Ask one agency for a single-agency review',
  },
  'good-practice': {
    status: 'GOOD_PRACTICE_REVIEW',
    reviewType: 'good-practice',
    label: 'Start a good practice review',
  },
  'no-review': { status: 'NO_REVIEW', reviewType: null, label: 'No review' },
} as const satisfies Record<string, { status: ReferralStatus; reviewType: string | null; label: string }>
export type Decision = keyof typeof DECISIONS
/** The decisions open to a case that is not a notified serious incident. */
export const OTHER_DECISIONS = ['learning-review', 'single-agency', 'good-practice', 'no-review'] as const

const keysOf = <T extends Record<string, unknown>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const isoDate = z
  .string({ required_error: 'Enter a date.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.')
  .refine(isRealCalendarDate, 'That date does not exist: check the day and month.')
const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .min(min, `Please say a little more (at least ${min} characters).`)
    .max(max, `Keep this under ${max} characters.`)

/** Free-text fields checked for names, dates of birth, NHS numbers and postcodes before saving. */
export const REFERRAL_FREE_TEXT_FIELDS = ['caseReference', 'whatHappened', 'whyReview'] as const

/**
 * The referral form's fields. "Not in the future" depends on the partnership's local date, so the use case
 * checks it (referralDateErrors); everything else is here.
 */
const ZReferralFields = z.object({
  formToken: z.string().uuid('This form has expired. Please open a new referral form.'),
  caseReference: z
    .string({ required_error: "Enter the case reference from your agency's system." })
    .trim()
    .min(1, "Enter the case reference from your agency's system.")
    .max(40, 'A case reference is at most 40 characters.')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, 'Use only letters, numbers, spaces and . / _ -'),
  ageBand: z.enum(keysOf(AGE_BANDS), { errorMap: () => ({ message: "Choose the child's age band." }) }),
  incidentDate: isoDate,
  awarenessDate: isoDate,
  criteria: z
    .array(z.enum(keysOf(CRITERIA)), { required_error: 'Choose at least one criterion.' })
    .min(1, 'Choose at least one criterion.'),
  location: z
    .enum(keysOf(LOCATIONS), { errorMap: () => ({ message: 'Choose where it happened.' }) })
    .default('in-area'),
  normallyResident: z.boolean().default(false),
  lookedAfter: z.boolean().default(false),
  agencies: z.array(z.string().min(1)).max(20).default([]),
  whatHappened: text('what happened', 20, 4000),
  whyReview: text('why a review could help', 10, 2000),
  confirmSensitive: z.boolean().default(false),
})
export type ReferralInput = z.infer<typeof ZReferralFields>

/**
 * The submitted referral form, checked in one round: every field and the rules across fields together
 * (zod would run an object refinement only once every field is valid, so a person would see the date
 * order message only after fixing everything else).
 */
export const ZReferralSubmit = z.unknown().transform((raw, ctx): ReferralInput => {
  const parsed = ZReferralFields.safeParse(raw)
  const crossField = typeof raw === 'object' && raw !== null ? referralCrossFieldErrors(raw) : {}
  if (parsed.success && Object.keys(crossField).length === 0) return parsed.data
  // Field issues first: a field's own message wins over a cross-field one (fieldErrorsOf keeps the first).
  for (const issue of parsed.success ? [] : parsed.error.issues)
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  for (const [field, message] of Object.entries(crossField)) ctx.addIssue({ code: 'custom', path: [field], message })
  return z.NEVER
})

/** Rules across fields: the agency cannot have become aware before the incident. */
function referralCrossFieldErrors(v: { incidentDate?: unknown; awarenessDate?: unknown }): Record<string, string> {
  const iso = (x: unknown): x is string => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x)
  if (iso(v.incidentDate) && iso(v.awarenessDate) && v.awarenessDate < v.incidentDate)
    return { awarenessDate: 'Your agency cannot have become aware before the incident date.' }
  return {}
}

/** The dates that lie after `today` (the partnership's local date), as messages by field. */
export function referralDateErrors(
  v: { incidentDate: string; awarenessDate: string },
  today: string,
): Record<string, string> {
  const errors: Record<string, string> = {}
  if (v.incidentDate > today) errors.incidentDate = 'The incident date cannot be in the future.'
  if (v.awarenessDate > today) errors.awarenessDate = 'The date your agency became aware cannot be in the future.'
  return errors
}

/** Free text a decision may carry: checked for identifying details like every other free-text field. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined))

/**
 * The chair's screening decision. "No review" needs a rationale; a single-agency review needs the agency; the
 * others may give one. Which decisions the case allows is the use case's rule (it depends on the notification).
 */
export const ZDecisionInput = z
  .object({
    referralId: z.string().uuid(),
    decision: z.enum(keysOf(DECISIONS), { errorMap: () => ({ message: 'Choose what happens next.' }) }),
    rationale: optionalText(2000),
    agency: z.string().trim().optional(),
    confirmSensitive: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'no-review' && (v.rationale?.length ?? 0) < 10)
      ctx.addIssue({
        code: 'custom',
        path: ['rationale'],
        message: v.rationale
          ? 'Give the rationale for no review (at least 10 characters).'
          : 'Give the rationale for no review.',
      })
    if (v.decision === 'single-agency' && !v.agency)
      ctx.addIssue({ code: 'custom', path: ['agency'], message: 'Choose the agency that will review its practice.' })
  })

export const ZAskInput = z.object({
  referralId: z.string().uuid(),
  question: z
    .string({ required_error: 'Write the question for the referrer.' })
    .trim()
    .min(5, 'Write the question for the referrer.')
    .max(1000),
  confirmSensitive: z.boolean().default(false),
})

/** A referral id from a button or a link: anything else is simply not found. */
export const ZReferralId = z.string().uuid()
/** A question id from the referrer's answer button. */
export const ZQuestionId = z.string().uuid()

export const ZAnswerInput = z.object({
  questionId: z.string().uuid(),
  answer: z.string({ required_error: 'Write your answer.' }).trim().min(2, 'Write your answer.').max(2000),
  confirmSensitive: z.boolean().default(false),
})
