/**
 * Referral inputs, enums and labels. The form in cards/ is built from these, so the wording a practitioner
 * sees and the rules that check it live in one place.
 */
import { z } from 'zod'

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

export const CRITERIA = {
  'abuse-or-neglect': 'Abuse or neglect is known or suspected',
  died: 'The child died',
  'seriously-harmed': 'The child was seriously harmed',
  'agencies-working-together': 'Concerns about how agencies worked together',
  'good-practice': 'Good practice worth sharing',
} as const
export type Criterion = keyof typeof CRITERIA

export const REFERRAL_STATUSES = {
  AWAITING_SCREENING: 'Awaiting screening',
  INFO_REQUESTED: 'More information requested',
  RAPID_REVIEW: 'Rapid review started',
  NO_REVIEW: 'No review: criteria not met',
} as const
export type ReferralStatus = keyof typeof REFERRAL_STATUSES

export const DECISIONS = ['start-rapid-review', 'no-review'] as const
export type Decision = (typeof DECISIONS)[number]

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const isoDate = z.string({ required_error: 'Enter a date.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.')
const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .min(min, `Please say a little more (at least ${min} characters).`)
    .max(max, `Keep this under ${max} characters.`)

/** Field ids of the referral form; zod issue paths use the same ids, so errors land next to the field. */
export const REFERRAL_FIELDS = [
  'caseReference', 'ageBand', 'incidentDate', 'awarenessDate', 'criteria', 'agencies', 'whatHappened', 'whyReview',
] as const
export type ReferralField = (typeof REFERRAL_FIELDS)[number]

/** Free-text fields checked for names, dates of birth, NHS numbers and postcodes before saving. */
export const REFERRAL_FREE_TEXT_FIELDS = ['caseReference', 'whatHappened', 'whyReview'] as const

/** The referral form's rules. `today` is the partnership's local date, so "not in the future" is exact. */
export function makeReferralSchema(today: string) {
  return z
    .object({
      formToken: z.string().uuid('This form has expired. Please open a new referral form.'),
      caseReference: z
        .string({ required_error: "Enter the case reference from your agency's system." })
        .trim()
        .min(1, "Enter the case reference from your agency's system.")
        .max(40, 'A case reference is at most 40 characters.')
        .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, 'Use only letters, numbers, spaces and . / _ -'),
      ageBand: z.enum(keysOf(AGE_BANDS), { errorMap: () => ({ message: "Choose the child's age band." }) }),
      incidentDate: isoDate.refine((d) => d <= today, 'The incident date cannot be in the future.'),
      awarenessDate: isoDate.refine((d) => d <= today, 'The date your agency became aware cannot be in the future.'),
      criteria: z
        .array(z.enum(keysOf(CRITERIA)), { required_error: 'Choose at least one criterion.' })
        .min(1, 'Choose at least one criterion.'),
      agencies: z.array(z.string().min(1)).max(20).default([]),
      whatHappened: text('what happened', 20, 4000),
      whyReview: text('why a review could help', 10, 2000),
      confirmSensitive: z.boolean().default(false),
    })
    .superRefine((v, issue) => {
      for (const [field, message] of Object.entries(referralCrossFieldErrors(v)))
        issue.addIssue({ code: 'custom', path: [field], message })
    })
}

/**
 * Rules across fields. zod runs object refinements only when every field is valid, so the service also
 * calls this on raw input to show these messages alongside the others in one round.
 */
export function referralCrossFieldErrors(v: { incidentDate?: unknown; awarenessDate?: unknown }): Record<string, string> {
  const iso = (x: unknown): x is string => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x)
  if (iso(v.incidentDate) && iso(v.awarenessDate) && v.awarenessDate < v.incidentDate)
    return { awarenessDate: 'Your agency cannot have become aware before the incident date.' }
  return {}
}
export type ReferralInput = z.infer<ReturnType<typeof makeReferralSchema>>

export const ZDecisionInput = z.discriminatedUnion('decision', [
  z.object({ referralId: z.string().uuid(), decision: z.literal('start-rapid-review') }),
  z.object({
    referralId: z.string().uuid(),
    decision: z.literal('no-review'),
    rationale: z.string({ required_error: 'Give the rationale for no review.' }).trim().min(10, 'Give the rationale for no review (at least 10 characters).').max(2000),
  }),
])
export type DecisionInput = z.infer<typeof ZDecisionInput>

export const ZAskInput = z.object({
  referralId: z.string().uuid(),
  question: z.string({ required_error: 'Write the question for the referrer.' }).trim().min(5, 'Write the question for the referrer.').max(1000),
})

export const ZAnswerInput = z.object({
  questionId: z.string().uuid(),
  answer: z.string({ required_error: 'Write your answer.' }).trim().min(2, 'Write your answer.').max(2000),
  confirmSensitive: z.boolean().default(false),
})
