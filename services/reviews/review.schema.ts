/**
 * Review types, milestones and the rapid review's decisions, the inputs of every review use case that is
 * not a local-review step, and the shapes the review queries return. Review types and their milestones are
 * data (ReviewType rows) that a partnership can change; DEFAULT_REVIEW_TYPES is what a new partnership
 * starts with. Stored as JSON: keep old rows readable when changing these shapes.
 */
import { z } from 'zod'
import { CDOP_AGE_BANDS } from '../referrals/referral.schema.js'
import { isRealCalendarDate } from '../../lib/validation.js'

export const ZMilestoneTemplate = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]*$/),
  label: z.string().min(3).max(120),
  /** How far after the anchor the milestone is due. */
  due: z.object({
    amount: z.number().int().min(0).max(400),
    unit: z.enum(['working-days', 'calendar-days', 'calendar-months']),
  }),
  /**
   * awareness = the date the agency became aware; start = the day the review started; publication = the date
   * the review is to be published (the `published` milestone's due date, then the date it was published).
   */
  from: z.enum(['awareness', 'start', 'publication']),
  /** Due `due` before the anchor rather than after it (the advance copy, before publication). */
  before: z.boolean().default(false),
  /** A timescale DOMAIN.md could not confirm: shown as a setting "to be confirmed against" this source. */
  toBeConfirmedAgainst: z.string().max(120).optional(),
  /**
   * Who is responsible: a role, or "agency-lead" for one milestone per involved agency's safeguarding lead.
   * `independent-chair` is read from old rows only: under WT2023 no independent chair holds a task.
   */
  responsible: z.enum([
    'business-manager',
    'owning-chair',
    'agency-lead',
    'lead-reviewer',
    'partnership-chair',
    'independent-chair',
  ]),
  /** Only when the serious-incident criteria are met (e.g. the Panel notification). */
  onlyIfSerious: z.boolean().default(false),
})
export type MilestoneTemplate = z.infer<typeof ZMilestoneTemplate>

type DefaultType = {
  key: string
  name: string
  legacyName?: string
  owningSubGroupKey: string
  learningAudience: string[]
  milestones: z.input<typeof ZMilestoneTemplate>[]
}

/** Defaults follow DOMAIN.md 1.4 to 1.7; marked [UNVERIFIED] there means "a setting", not a fact. */
export const DEFAULT_REVIEW_TYPES: DefaultType[] = [
  {
    key: 'rapid-review',
    name: 'Rapid review',
    owningSubGroupKey: 'case-review',
    learningAudience: ['case-review', 'executive'],
    milestones: [
      {
        key: 'panel-notification',
        label: 'Serious incident notified to the national Panel',
        due: { amount: 5, unit: 'working-days' },
        from: 'awareness',
        responsible: 'business-manager',
        onlyIfSerious: true,
      },
      {
        key: 'agency-information',
        label: 'Agency chronology summary and immediate learning',
        due: { amount: 10, unit: 'working-days' },
        from: 'awareness',
        responsible: 'agency-lead',
      },
      {
        key: 'rapid-review-meeting',
        label: 'Rapid review meeting held and outcome recorded',
        due: { amount: 12, unit: 'working-days' },
        from: 'awareness',
        responsible: 'owning-chair',
      },
      {
        key: 'sent-to-panel',
        label: 'Rapid review sent to the national Panel',
        due: { amount: 15, unit: 'working-days' },
        from: 'awareness',
        responsible: 'business-manager',
      },
    ],
  },
  {
    key: 'lcspr',
    name: 'Local child safeguarding practice review',
    legacyName: 'Serious case review',
    owningSubGroupKey: 'case-review',
    learningAudience: ['case-review', 'learning', 'executive'],
    milestones: [
      {
        key: 'terms-of-reference',
        label: 'Terms of reference agreed',
        due: { amount: 1, unit: 'calendar-months' },
        from: 'start',
        responsible: 'owning-chair',
      },
      {
        key: 'practitioner-event',
        label: 'Practitioner learning event held',
        due: { amount: 2, unit: 'calendar-months' },
        from: 'start',
        responsible: 'lead-reviewer',
      },
      {
        key: 'family-invited',
        label: 'Family invited to contribute',
        due: { amount: 2, unit: 'calendar-months' },
        from: 'start',
        responsible: 'lead-reviewer',
      },
      {
        key: 'draft-report',
        label: 'Draft report',
        due: { amount: 4, unit: 'calendar-months' },
        from: 'start',
        responsible: 'lead-reviewer',
      },
      {
        key: 'final-report',
        label: 'Final report',
        due: { amount: 5, unit: 'calendar-months' },
        from: 'start',
        responsible: 'lead-reviewer',
      },
      {
        // [UNVERIFIED] in DOMAIN.md 1.7: the full report to the Panel and the Secretary of State 7 working days
        // before publication. A setting (the type's milestone), marked to be confirmed.
        key: 'sent-before-publication',
        label: 'Full report sent to the Panel and the Secretary of State before publication',
        due: { amount: 7, unit: 'working-days' },
        from: 'publication',
        before: true,
        responsible: 'business-manager',
        toBeConfirmedAgainst: 'Working Together 2023, chapter 5',
      },
      {
        // The partnership chair publishes (WT2023 ch.2).
        key: 'published',
        label: 'Published',
        due: { amount: 6, unit: 'calendar-months' },
        from: 'start',
        responsible: 'partnership-chair',
      },
      {
        // DOMAIN.md 1.7 and 8: on the partnership's website for at least 12 months after publication.
        key: 'kept-online',
        label: 'Published report kept online for at least a year',
        due: { amount: 12, unit: 'calendar-months' },
        from: 'publication',
        responsible: 'business-manager',
      },
    ],
  },
  {
    key: 'learning-review',
    name: 'Multi-agency learning review',
    owningSubGroupKey: 'case-review',
    learningAudience: ['case-review', 'learning'],
    milestones: [
      {
        key: 'terms-of-reference',
        label: 'Terms of reference agreed',
        due: { amount: 1, unit: 'calendar-months' },
        from: 'start',
        responsible: 'owning-chair',
      },
      {
        key: 'practitioner-event',
        label: 'Practitioner learning event held',
        due: { amount: 2, unit: 'calendar-months' },
        from: 'start',
        responsible: 'lead-reviewer',
      },
      {
        key: 'final-report',
        label: 'Learning summary agreed',
        due: { amount: 4, unit: 'calendar-months' },
        from: 'start',
        responsible: 'lead-reviewer',
      },
    ],
  },
  {
    key: 'single-agency',
    name: 'Single-agency review notified to the partnership',
    owningSubGroupKey: 'qa-audit',
    learningAudience: ['qa-audit'],
    milestones: [
      {
        key: 'findings-shared',
        label: 'Findings shared with the partnership',
        due: { amount: 3, unit: 'calendar-months' },
        from: 'start',
        responsible: 'agency-lead',
      },
    ],
  },
  {
    key: 'good-practice',
    name: 'Good practice review',
    owningSubGroupKey: 'learning',
    learningAudience: ['learning'],
    milestones: [
      {
        key: 'learning-shared',
        label: 'Good practice written up and shared',
        due: { amount: 2, unit: 'calendar-months' },
        from: 'start',
        responsible: 'owning-chair',
      },
    ],
  },
  {
    // A lighter review with the practitioners involved (DOMAIN.md 1.6 and 6): a current type of its own.
    key: 'practice-learning-review',
    name: 'Practice learning review',
    owningSubGroupKey: 'learning',
    learningAudience: ['learning', 'case-review'],
    milestones: [
      {
        key: 'terms-of-reference',
        label: 'Scope and questions agreed',
        due: { amount: 1, unit: 'calendar-months' },
        from: 'start',
        responsible: 'owning-chair',
      },
      {
        key: 'practitioner-event',
        label: 'Practice learning session held with the practitioners',
        due: { amount: 2, unit: 'calendar-months' },
        from: 'start',
        responsible: 'owning-chair',
      },
      {
        key: 'learning-shared',
        label: 'Learning summary agreed and shared',
        due: { amount: 3, unit: 'calendar-months' },
        from: 'start',
        responsible: 'owning-chair',
      },
    ],
  },
  {
    // Each agency's management review of its own involvement, brought together by an independent author.
    key: 'management-review',
    name: 'Multi-agency management review (independent author)',
    owningSubGroupKey: 'case-review',
    learningAudience: ['case-review', 'learning'],
    milestones: [
      {
        key: 'terms-of-reference',
        label: 'Terms of reference agreed and independent author commissioned',
        due: { amount: 1, unit: 'calendar-months' },
        from: 'start',
        responsible: 'owning-chair',
      },
      {
        key: 'agency-report',
        label: 'Agency management review report',
        due: { amount: 2, unit: 'calendar-months' },
        from: 'start',
        responsible: 'agency-lead',
      },
      {
        key: 'draft-report',
        label: "Independent author's overview report drafted",
        due: { amount: 4, unit: 'calendar-months' },
        from: 'start',
        responsible: 'lead-reviewer',
      },
      {
        key: 'final-report',
        label: 'Overview report agreed',
        due: { amount: 5, unit: 'calendar-months' },
        from: 'start',
        responsible: 'lead-reviewer',
      },
    ],
  },
  {
    key: 'cdop-notification',
    name: 'Child death review notification (CDOP)',
    owningSubGroupKey: 'case-review',
    learningAudience: ['case-review'],
    milestones: [
      {
        key: 'screened',
        label: 'Screened for a rapid review',
        due: { amount: 5, unit: 'working-days' },
        from: 'start',
        responsible: 'owning-chair',
      },
    ],
  },
]

/** Keys are stored: AWAITING_APPROVAL and APPROVED keep their names for reviews decided under the old model. */
export const REVIEW_STATUSES = {
  GATHERING: 'Gathering agency information',
  AWAITING_APPROVAL: "Waiting for the safeguarding partners' sign-off",
  APPROVED: 'Agreed by the safeguarding partners',
  IN_PROGRESS: 'In progress',
  PUBLISHED: 'Published',
  NOT_PUBLISHED: 'Completed, not published',
} as const
export type ReviewStatus = keyof typeof REVIEW_STATUSES

export const LOCAL_REVIEW_TESTS = {
  'improvements-needed': 'The case may show improvements are needed',
  'recurring-themes': 'The case may show recurring themes',
  'agencies-working-together': 'The case may show concerns about two or more agencies working together',
  'panel-suggests-local': 'The national Panel has said a local review fits better',
} as const

export const RECOMMENDATIONS = {
  lcspr: 'Commission a local child safeguarding practice review',
  'learning-review': 'Commission another kind of learning review',
  'no-further-review': 'No further review',
} as const
export type Recommendation = keyof typeof RECOMMENDATIONS

const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

/** Passing an agency's information request on to someone of that agency. */
export const ZPassOn = z.object({
  milestoneId: z.string().uuid(),
  personId: z.string({ required_error: 'Choose who should answer.' }).uuid('Choose who should answer.'),
})

/** Whom an agency's information request can be passed on to: that agency's active people. */
export type PassOnChoices = {
  milestoneId: string
  reference: string
  agencyLabel: string
  people: Choice[]
}

export const ZInformationAnswer = z.object({
  milestoneId: z.string().uuid(),
  chronology: z
    .string({ required_error: "Summarise your agency's involvement." })
    .trim()
    .min(20, "Summarise your agency's involvement (at least 20 characters).")
    .max(4000),
  immediateLearning: z
    .string({ required_error: 'Say what your agency has learnt so far.' })
    .trim()
    .min(5, 'Say what your agency has learnt so far.')
    .max(2000),
  confirmSensitive: z.boolean().default(false),
})

export const ZPanelNotification = z.object({
  reviewId: z.string().uuid(),
  sentOn: z
    .string({ required_error: 'Enter the date the notification was sent.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date the notification was sent.')
    .refine(isRealCalendarDate, 'That date does not exist: check the day and month.'),
})

export const ZRapidReviewOutcome = z.object({
  reviewId: z.string().uuid(),
  tests: z.array(z.enum(keysOf(LOCAL_REVIEW_TESTS))).default([]),
  recommendation: z.enum(keysOf(RECOMMENDATIONS), { errorMap: () => ({ message: 'Choose a recommendation.' }) }),
  immediateLearning: z
    .string({ required_error: 'Record the immediate learning and actions.' })
    .trim()
    .min(10, 'Record the immediate learning and actions.')
    .max(4000),
  rationale: z
    .string({ required_error: 'Give the rationale for the recommendation.' })
    .trim()
    .min(10, 'Give the rationale for the recommendation.')
    .max(2000),
  confirmSensitive: z.boolean().default(false),
})

/**
 * A safeguarding partner's sign-off of a rapid review's recommendation: agree, or send it back with a reason.
 * `approve` is what buttons sent before the partners decided; it means agree. `round` is the round the card
 * was for (absent on old cards: the current one).
 */
export const ZSignOff = z
  .object({
    reviewId: z.string().uuid(),
    decision: z.enum(['agree', 'approve', 'send-back']).transform((d) => (d === 'approve' ? 'agree' : d)),
    note: z.string().trim().max(2000, 'Keep the reason under 2,000 characters.').optional(),
    round: z.coerce.number().int().min(1).optional(),
    confirmSensitive: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'send-back' && (!v.note || v.note.length < 5))
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why it goes back to the Case Review Group.' })
  })
export type SignOff = z.infer<typeof ZSignOff>

/** What a partner's press did: their own sign-off, and whether it decided the recommendation. */
export type SignOffResult = {
  reference: string
  decision: 'agree' | 'send-back'
  /** False when this partner had already signed off this round (nothing changed). */
  isNew: boolean
  /** The statutory partners (PARTNERS keys) who have agreed this round. */
  agreed: string[]
  /** The recommendation is agreed by all three, was sent back, or waits for the others. */
  outcome: 'waiting' | 'agreed' | 'sent-back'
}

/** The decisions independent scrutiny can challenge. */
export const CHALLENGEABLE_DECISIONS = {
  'recommendation-agreed': 'The safeguarding partners agreed the recommendation',
  'recommendation-sent-back': 'A safeguarding partner sent the recommendation back',
  'not-published': 'The partnership decided not to publish the report',
  published: 'The partnership chair published the review',
} as const
export type ChallengeableDecision = keyof typeof CHALLENGEABLE_DECISIONS

export const ZChallenge = z.object({
  reviewId: z.string().uuid(),
  decision: z.enum(keysOf(CHALLENGEABLE_DECISIONS), { errorMap: () => ({ message: 'Choose the decision.' }) }),
  round: z.coerce.number().int().min(0),
  text: z
    .string({ required_error: 'Say what you challenge and why.' })
    .trim()
    .min(10, 'Say what you challenge and why (at least 10 characters).')
    .max(4000),
  confirmSensitive: z.boolean().default(false),
})

export const ZPanelReply = z.object({
  reviewId: z.string().uuid(),
  reply: z.string({ required_error: "Record the Panel's reply." }).trim().min(5, "Record the Panel's reply.").max(4000),
  confirmSensitive: z.boolean().default(false),
})

const isoDate = (what: string) =>
  z
    .string({ required_error: `Enter ${what}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what}.`)
    .refine(isRealCalendarDate, 'That date does not exist: check the day and month.')

/** The national Panel has taken the case for a national review (reg. 3): its reference and the date it said so. */
export const ZNationalReview = z.object({
  reviewId: z.string().uuid(),
  panelReference: z
    .string({ required_error: "Enter the Panel's reference for the national review." })
    .trim()
    .min(2, "Enter the Panel's reference for the national review.")
    .max(60, 'Keep the reference under 60 characters.'),
  takenOn: isoDate('the date the Panel took the case'),
})

/** The review types someone can start by hand (`new review`), outside a rapid review. */
export const STARTABLE_TYPES = [
  'learning-review',
  'practice-learning-review',
  'management-review',
  'single-agency',
  'good-practice',
  'lcspr',
] as const

/** What the `new review` form offers, by the catalogue's names. */
export const STARTABLE_TYPE_NAMES = Object.fromEntries(
  STARTABLE_TYPES.map((key) => [key, DEFAULT_REVIEW_TYPES.find((t) => t.key === key)?.name ?? key]),
) as Record<(typeof STARTABLE_TYPES)[number], string>

export const ZStartReview = z.object({
  typeKey: z.enum(STARTABLE_TYPES, { errorMap: () => ({ message: 'Choose the kind of review.' }) }),
  caseReference: z
    .string({ required_error: "Enter the case reference or the review's subject." })
    .trim()
    .min(2, "Enter the case reference or the review's subject.")
    .max(60),
  agencies: z.array(z.string()).default([]),
})

export const ZCdopNotification = z.object({
  formToken: z.string().uuid(),
  cdopReference: z
    .string({ required_error: 'Enter the CDOP reference.' })
    .trim()
    .min(2, 'Enter the CDOP reference.')
    .max(40),
  // The child death review covers children aged 0 to 17, never a stillbirth (DOMAIN.md 1.8).
  ageBand: z.enum(keysOf(CDOP_AGE_BANDS), {
    errorMap: () => ({ message: "Choose the child's age band (the child death review covers 0 to 17)." }),
  }),
  dateOfDeath: isoDate('the date of death'),
  notifiedOn: isoDate('the date the CDOP notified the partnership'),
  abuseOrNeglectSuspected: z.boolean().default(false),
  /** A looked-after child's death is notified to the Secretary of State and Ofsted whatever the finding. */
  lookedAfter: z.boolean().default(false),
  agencies: z.array(z.string()).default([]),
  summary: z
    .string({ required_error: "Summarise the CDOP's finding." })
    .trim()
    .min(20, "Summarise the CDOP's finding (at least 20 characters).")
    .max(4000),
  confirmSensitive: z.boolean().default(false),
})

export const ZEditMilestone = z.object({
  typeKey: z.string({ required_error: 'Choose a review type.' }).min(1, 'Choose a review type.'),
  milestoneKey: z.string({ required_error: 'Enter the milestone.' }).trim().min(1, 'Enter the milestone.'),
  amount: z.coerce
    .number({ invalid_type_error: 'Enter a whole number.' })
    .int('Enter a whole number.')
    .min(0, 'Enter 0 or more.')
    .max(400, 'At most 400.'),
  unit: z.enum(['working-days', 'calendar-days', 'calendar-months'], {
    errorMap: () => ({ message: 'Choose working days, calendar days or calendar months.' }),
  }),
  /** Why the local timescale changes: kept with the change (SettingChange), the audit event names the field. */
  reason: z
    .string({ required_error: 'Give the reason for the change.' })
    .trim()
    .min(10, 'Give the reason for the change (at least 10 characters).')
    .max(1000, 'Keep this under 1000 characters.'),
  confirmSensitive: z.boolean().default(false),
})

export const ZThemes = z.object({
  themes: z
    .string({ required_error: 'List the themes, one per line.' })
    .transform((s) => [
      ...new Set(
        s
          .split('\n')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(
          z.string().min(2, 'Each theme needs at least 2 characters.').max(60, 'Keep each theme under 60 characters.'),
        )
        .min(1, 'List at least one theme.')
        .max(40, 'At most 40 themes.'),
    ),
})

// ---------------------------------------------------------------- what the review queries return

/** A choice in a form's select field. */
export type Choice = { value: string; label: string }

/** Enough about a review to title a form: never its free text. */
export type ReviewSummary = { id: string; reference: string; typeKey: string; status: ReviewStatus }

/** An agency lead's information request (a rapid review's agency-information milestone). */
export type InformationRequest = { milestoneId: string; reference: string; agencyLabel: string; due: string }

/**
 * What the Case Review Group chair sees while recording a rapid review's outcome: how many agencies replied
 * and what each sent (case detail: for the chair only).
 */
export type OutcomeContext = {
  id: string
  reference: string
  asked: number
  replies: { agency: string; chronology: string; immediateLearning: string }[]
  /** The agencies yet to reply. */
  waitingFor: string[]
}

/** Enough about a milestone to title its form. */
export type MilestoneSummary = { id: string; reviewId: string; reference: string; label: string; key: string }

/** One line of `review status`. */
export type ReviewStatusLine = {
  reviewId: string
  reference: string
  typeKey: string
  /** The type's name in the partnership's catalogue. */
  typeName: string
  status: string
  next: {
    milestoneId: string
    key: string
    label: string
    dueDate: string
    workingDaysLate: number
    responsible: string | null
  } | null
  openMilestones: number
  /** A rapid review notified to the Panel whose reply is not recorded yet. */
  awaitsPanelReply: boolean
  /** A rapid review whose outcome can be recorded: gathering, or waiting for an approver from before WT2023. */
  canRecordOutcome: boolean
  /** A rapid review the partners agreed, not yet sent to the Panel: its "sent to the Panel" milestone. */
  toSendToPanel: string | null
  /** The national review the Panel took this case for, if it did (recorded on this review or one linked to it). */
  nationalReview: NationalReviewLink | null
}

/** A national review by the Panel and the local work linked to it (the reviews under the same case reference). */
export type NationalReviewLink = {
  panelReference: string
  takenOn: string
  /** The review it was recorded on. */
  reviewId: string
  /** The local work linked to it: each review's type name. */
  linked: { reviewId: string; typeName: string }[]
}

/** A review type with its milestones, for the types card and the edit form. */
export type ReviewTypeView = {
  key: string
  name: string
  legacyName: string | null
  owningSubGroupKey: string
  templates: MilestoneTemplate[]
}
