/** Inputs for a local review (LCSPR or another learning review) after it is commissioned, and its card's view. */
import { z } from 'zod'
import type { NationalReviewLink } from './review.schema.js'
import { isRealCalendarDate } from '../../lib/validation.js'

const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(min, `Enter ${label}${min > 1 ? ` (at least ${min} characters)` : ''}.`)
    .max(max)

export const FAMILY_INVOLVEMENT = {
  made: 'Offer made, waiting for an answer',
  accepted: 'The family accepted',
  declined: 'The family declined',
  'not-appropriate': 'Not appropriate to involve the family',
} as const

export const LEARNING_KINDS = { 'good-practice': 'Good practice', improvement: 'Area for improvement' } as const

export const ZLeadReviewer = z.object({
  reviewId: z.string().uuid(),
  name: text('the lead reviewer\u2019s name', 2, 120),
  organisation: text('their organisation', 2, 120),
  agencies: z.array(z.string()).default([]),
})

export const ZTermsOfReference = z.object({
  reviewId: z.string().uuid(),
  termsOfReference: text('the terms of reference', 20, 8000),
  confirmSensitive: z.boolean().default(false),
})

export const ZInvitePractitioners = z.object({
  reviewId: z.string().uuid(),
  people: z.array(z.string().uuid(), { required_error: 'Choose who to invite.' }).min(1, 'Choose who to invite.'),
})

export const ZPerspective = z.object({
  reviewId: z.string().uuid(),
  wentWell: text('what went well', 5, 3000),
  wasHard: text('what was hard', 5, 3000),
  wouldHelp: text('what would help', 5, 3000),
  confirmSensitive: z.boolean().default(false),
})

export const ZFamilyInvolvement = z
  .object({
    reviewId: z.string().uuid(),
    status: z.enum(Object.keys(FAMILY_INVOLVEMENT) as [keyof typeof FAMILY_INVOLVEMENT], {
      errorMap: () => ({ message: 'Choose what happened.' }),
    }),
    reason: z.string().trim().max(2000).optional(),
    confirmSensitive: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'not-appropriate' && (!v.reason || v.reason.length < 10))
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Say why it is not appropriate (at least 10 characters).',
      })
  })

export const ZVoiceOfChild = z.object({
  reviewId: z.string().uuid(),
  voiceOfChild: text("the child's lived experience", 30, 8000),
  confirmSensitive: z.boolean().default(false),
})

export const ZLearningPoint = z.object({
  reviewId: z.string().uuid(),
  kind: z.enum(['good-practice', 'improvement'], {
    errorMap: () => ({ message: 'Choose good practice or area for improvement.' }),
  }),
  text: text('the learning point', 10, 3000),
  themes: z.array(z.string()).min(1, 'Choose at least one theme.'),
  confirmSensitive: z.boolean().default(false),
})

export const ZRecommendation = z.object({
  reviewId: z.string().uuid(),
  recommendation: text('the recommendation', 10, 2000),
  learningPoints: z.array(z.string().uuid()).min(1, 'Choose the findings it comes from.'),
  confirmSensitive: z.boolean().default(false),
})

export const ZCompleteMilestone = z.object({
  milestoneId: z.string().uuid(),
  /** Sent by publication forms from before the partnership chair published: publication is now its own step. */
  publicationUrl: z.string().optional(),
})

/** How a review is published (WT2023; DOMAIN.md 1.7): normally in full; a summary, or not at all, with reasons. */
export const PUBLICATION_FORMS = {
  full: 'The full report',
  summary: 'A summary (the full report goes to the Panel and the Secretary of State)',
  'not-published': 'Not published (with the reasons; the Panel is told)',
} as const
export type PublicationForm = keyof typeof PUBLICATION_FORMS

const isoDay = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what}.`)
    .refine(isRealCalendarDate, 'That date does not exist: check the day and month.')
    .optional()

/** The partnership chair records how the review is published, or that it is not, and when. */
export const ZPublication = z
  .object({
    reviewId: z.string().uuid(),
    form: z.enum(Object.keys(PUBLICATION_FORMS) as [PublicationForm], {
      errorMap: () => ({ message: 'Choose how the review is published.' }),
    }),
    publishedOn: isoDay('the date it was published'),
    publicationUrl: z.string().trim().url('Enter the web address where it is published.').optional(),
    reasons: z.string().trim().max(4000).optional(),
    panelToldOn: isoDay('the date the Panel was told'),
    confirmSensitive: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    if (v.form !== 'not-published') {
      if (!v.publishedOn) need('publishedOn', 'Enter the date it was published.')
      if (!v.publicationUrl) need('publicationUrl', 'Enter the web address where it is published.')
    } else if (!v.panelToldOn) need('panelToldOn', 'Enter the date the Panel was told it will not be published.')
    if (v.form !== 'full' && (!v.reasons || v.reasons.length < 10))
      need('reasons', 'Give the reasons for not publishing the full report (at least 10 characters).')
  })
export type Publication = z.infer<typeof ZPublication>

export const ZPartnershipResponse = z.object({
  reviewId: z.string().uuid(),
  response: text("the partnership's response to the findings", 20, 8000),
  confirmSensitive: z.boolean().default(false),
})

/** A choice in a form's select field. */
type Choice = { value: string; label: string }

/** What the chair's review card shows about a local review, with the choices its forms offer. */
export type LocalReviewView = {
  id: string
  reference: string
  /** The type's name, with its former name ("formerly serious case review") where it had one. */
  typeName: string
  status: string
  dueBy: string | null
  leadReviewer: string | null
  hasTerms: boolean
  family: string | null
  hasVoiceOfChild: boolean
  publicationUrl: string | null
  invited: number
  perspectives: number
  /** The national review the Panel took this case for, with the local work linked to it. */
  nationalReview: NationalReviewLink | null
  /** The partnership's response to the findings, published with the report. */
  partnershipResponse: string | null
  /** How it was published (or not), and the advance copy's rule. */
  publication: {
    /** PUBLICATION_FORMS key, once decided. */
    form: PublicationForm | null
    publishedOn: string | null
    reasons: string | null
    panelToldOn: string | null
    /** The advance copy to the Panel and the Secretary of State: how long before publication ("7 working days"). */
    advanceCopy: { period: string; toBeConfirmedAgainst: string | null; sentOn: string | null } | null
    /** The earliest publication date the advance copy allows, once it is sent. */
    earliestPublication: string | null
  }
  milestones: {
    id: string
    key: string
    label: string
    dueDate: string
    isDone: boolean
    /** No longer applies (e.g. "kept online" for a report not published). */
    isNotNeeded?: boolean
    workingDaysLate: number
  }[]
  learningPoints: { id: string; kind: string; text: string; themes: string[] }[]
  recommendations: { id: string; text: string; findings: number }[]
  choices: { agencies: Choice[]; people: Choice[]; themes: string[]; learningPoints: Choice[] }
}
