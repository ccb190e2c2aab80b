/**
 * Learning products and national learning (issue 14; DOMAIN.md §6): the kinds, the 7-minute briefing's fixed
 * headings, the sources, the statuses, and the inputs of each use case, with the views the cards show.
 * `sections` is stored as JSON on LearningProduct: changing its shape needs care with rows already stored.
 */
import { z } from 'zod'
import { isRealCalendarDate } from '../../lib/validation.js'

const zDateOnly = z
  .string({ required_error: 'Choose a date.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date.')
  .refine(isRealCalendarDate, 'That date does not exist: check the day and month.')

export const PRODUCT_KINDS = {
  'seven-minute-briefing': '7-minute briefing',
  'learning-brief': 'learning brief',
  'newsletter-item': 'newsletter item',
  'practice-guidance': 'practice guidance',
} as const
export type ProductKind = keyof typeof PRODUCT_KINDS
const KIND_KEYS = Object.keys(PRODUCT_KINDS) as [ProductKind, ...ProductKind[]]

/** A 7-minute briefing's fixed headings, in order (other kinds use the same, with fewer required). */
export const SECTION_HEADINGS = {
  background: 'Background',
  whyItMatters: 'Why it matters',
  whatWeFound: 'What we found',
  whatItMeans: 'What it means for practice',
  questions: 'Questions for reflection',
  furtherInformation: 'Further information',
} as const
export type SectionKey = keyof typeof SECTION_HEADINGS
export const SECTION_KEYS = Object.keys(SECTION_HEADINGS) as SectionKey[]
/** What every kind needs; a 7-minute briefing needs every heading. */
const ALWAYS_REQUIRED: SectionKey[] = ['whatWeFound', 'whatItMeans']

/** The three reflective questions managers discuss with their team after a 7-minute briefing (DOMAIN.md §6). */
export const REFLECTION_QUESTIONS = {
  keyThoughts: 'What are your key thoughts on this briefing?',
  embedding: 'How will we embed this learning, and how will we know it is embedded?',
  plans: 'How will we put it into our team or service improvement plans?',
} as const

export const PRODUCT_SOURCES = {
  review: "a review's findings",
  audit: 'an audit',
  national: 'national learning',
} as const

export const PRODUCT_STATUSES = {
  AWAITING_APPROVAL: 'waiting for the learning chair to approve it',
  APPROVED: 'approved, not sent yet',
  SCHEDULED: 'scheduled',
  SENDING: 'sending',
  SENT: 'sent',
  CANCELLED: 'sending cancelled',
} as const
export type ProductStatus = keyof typeof PRODUCT_STATUSES

export const NATIONAL_LEARNING_KINDS = {
  'national-review': 'national review',
  'panel-report': 'national Panel report',
  'thematic-review': 'thematic review',
  other: 'other national learning',
} as const
const NATIONAL_KEYS = Object.keys(NATIONAL_LEARNING_KINDS) as [string, ...string[]]

const text = (max: number) => z.string().trim().max(max, `Keep this under ${max} characters.`)
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).optional())
const optionalId = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).max(80).optional())
const keyList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().min(1).max(80)).max(50),
)
const checkbox = z.preprocess((v) => v === true || v === 'true', z.boolean())

const ZProductSections = z.object(
  Object.fromEntries(SECTION_KEYS.map((k) => [k, optionalText(4000)])) as Record<
    SectionKey,
    ReturnType<typeof optionalText>
  >,
)
export type ProductSections = Partial<Record<SectionKey, string>>

export const ZCreateProduct = ZProductSections.extend({
  formKey: z.string().uuid(),
  kind: z.enum(KIND_KEYS, { errorMap: () => ({ message: 'Choose what kind of product this is.' }) }),
  title: text(150).min(3, 'Give it a title of at least 3 characters.'),
  sourceType: z.enum(['review', 'audit', 'national'], {
    errorMap: () => ({ message: 'Choose where the learning comes from.' }),
  }),
  reviewId: optionalId,
  nationalLearningId: optionalId,
  auditName: optionalText(200),
  themes: keyList,
  confirmSensitive: checkbox.optional(),
}).superRefine((v, ctx) => {
  const required = v.kind === 'seven-minute-briefing' ? SECTION_KEYS : ALWAYS_REQUIRED
  for (const key of required)
    if (!v[key]) ctx.addIssue({ code: 'custom', path: [key], message: `Write the "${SECTION_HEADINGS[key]}" part.` })
  if (v.sourceType === 'review' && !v.reviewId)
    ctx.addIssue({ code: 'custom', path: ['reviewId'], message: 'Choose the review whose findings it shares.' })
  if (v.sourceType === 'national' && !v.nationalLearningId)
    ctx.addIssue({ code: 'custom', path: ['nationalLearningId'], message: 'Choose the national learning it shares.' })
  if (v.sourceType === 'audit' && !v.auditName)
    ctx.addIssue({ code: 'custom', path: ['auditName'], message: 'Name the audit it comes from.' })
})

export const ZProductId = z.object({ productId: z.string().min(1).max(80) })

/** Sending: the audience (services/audiences), channels to post to, and when. */
export const ZSendProduct = z.object({
  productId: z.string().min(1).max(80),
  formKey: z.string().uuid(),
  everyone: checkbox.default(false),
  agencies: keyList,
  roles: keyList,
  subGroups: keyList,
  settings: keyList,
  /** PartnershipChannel keys: "<purpose>:<platform>". */
  channels: keyList,
  sendOn: z.preprocess((v) => (v === '' ? undefined : v), zDateOnly.optional()),
  sendAt: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Choose a time.')
      .optional(),
  ),
})
export type SendProductInput = z.infer<typeof ZSendProduct>

export const ZRecordBriefing = z.object({
  productId: z.string().min(1).max(80),
  formKey: z.string().uuid(),
  briefedOn: zDateOnly,
  staffCount: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z
      .number({
        invalid_type_error: 'Enter how many staff were there, as a number.',
        required_error: 'Enter how many staff were there.',
      })
      .int('Enter a whole number.')
      .min(1, 'Enter at least 1.')
      .max(1000, 'Enter at most 1,000.'),
  ),
  keyThoughts: text(2000).min(1, 'Write your team\u2019s key thoughts.'),
  embedding: text(2000).min(1, 'Write how you will embed it and know it is embedded.'),
  plans: text(2000).min(1, 'Write how it goes into your team or service plans.'),
  confirmSensitive: checkbox.optional(),
})

export const ZReadReceipt = z.object({
  conversationId: z.string().min(1).max(512),
  lastReadMessageId: z.string().min(1).max(128),
})

export const ZRecordNationalLearning = z.object({
  formKey: z.string().uuid(),
  kind: z.enum(NATIONAL_KEYS, { errorMap: () => ({ message: 'Choose what kind of national learning this is.' }) }),
  title: text(200).min(3, 'Give its title.'),
  publishedOn: z.preprocess((v) => (v === '' ? undefined : v), zDateOnly.optional()),
  themes: keyList,
  links: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/\s+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : (v ?? []),
    z
      .array(z.string().url('Each link must be a web address starting https://.').max(500))
      .max(10, 'At most 10 links.')
      .refine((l) => l.every((u) => u.startsWith('https://')), 'Each link must start with https://.'),
  ),
  confirmSensitive: checkbox.optional(),
})

export const ZLinkNationalLearning = z.object({
  nationalLearningId: z.string().min(1).max(80),
  subjectType: z.enum(['action', 'learning-product', 'audit']),
  subjectId: z.string().min(1).max(120),
})

/** A product as its cards show it. */
export type ProductView = {
  id: string
  reference: string
  kind: ProductKind
  kindLabel: string
  title: string
  sections: ProductSections
  themes: string[]
  source: string
  status: ProductStatus
  statusLabel: string
  authorName: string
  approvedBy: string | null
  /** For the person looking: what they may do with it. */
  canApprove: boolean
  canSend: boolean
  canCancel: boolean
  canSeeReach: boolean
  /** They received it: whether they read it, and whether they may record briefing their team. */
  isRecipient: boolean
  hasRead: boolean
  canBrief: boolean
  briefedOn: string | null
}

/** Reach figures for one group (an agency or a role). */
export type ReachRow = {
  key: string
  label: string
  queued: number
  delivered: number
  notReachable: number
  read: number
  teamsBriefed: number
  staffBriefed: number
}
export type ReachView = {
  productId: string
  reference: string
  title: string
  kindLabel: string
  audience: string
  status: string
  scheduledFor: string | null
  totals: Omit<ReachRow, 'key' | 'label'> & { pending: number; channels: number; cancelled: number }
  /** About how many seconds are left while it is sending (null when not sending). */
  secondsLeft: number | null
  byAgency: ReachRow[]
  byRole: ReachRow[]
  notReachable: { name: string; agency: string; reason: string }[]
  /** Cumulative, per day since the send started. */
  overTime: { day: string; delivered: number; read: number; teamsBriefed: number }[]
}
