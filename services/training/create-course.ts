/**
 * The trainer (or the learning sub-group's chair, or the business manager) creates a course: its title, 1 to 5
 * learning outcomes, the theme it serves, the review or audit it responds to, and whether its surveys are named
 * or anonymous. A double submit creates one course (the form's token is unique).
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { nextReferenceNumber } from '../referrals/referral.repo.js'
import { useCase } from '../use-case.js'
import { findPartnershipBasics, type PartnershipBasics } from './training.repo.js'
import { COURSE_FREE_TEXT, outcomesOf, ZCreateCourse } from './training.schema.js'
import { refuseIdentifyingDetails } from './training.rules.js'

type Loaded = { existing: { id: string; reference: string } | null; p: PartnershipBasics; reviewOk: boolean }

/** Creates the course; a repeat submit answers with the first one's reference. */
export const createCourse = useCase({
  input: ZCreateCourse,
  freeText: COURSE_FREE_TEXT,
  alsoCheck: async (ctx, actor, raw): Promise<Record<string, string>> => {
    const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
    return typeof raw.theme === 'string' && !p.themes.includes(raw.theme)
      ? { theme: 'Choose a theme from the list.' }
      : {}
  },
  load: async (ctx, actor, input): Promise<Loaded> => {
    const existing = await ctx.db.course.findUnique({ where: { formKey: input.formToken } })
    const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
    const review = input.respondsToReviewId
      ? await ctx.db.review.findFirst({ where: { id: input.respondsToReviewId, partnershipId: actor.partnershipId } })
      : null
    return { existing, p, reviewOk: !input.respondsToReviewId || Boolean(review) }
  },
  policy: (actor, input, { existing, p, reviewOk }) => {
    assertCan(actor, 'training.manage')
    if (existing) return
    const errors: Record<string, string> = {}
    if (!p.themes.includes(input.theme)) errors.theme = 'Choose a theme from the list.'
    if (!reviewOk) errors.respondsToReviewId = 'Choose a review from the list.'
    if (Object.keys(errors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: errors })
    refuseIdentifyingDetails(input, COURSE_FREE_TEXT)
  },
  change: async (w, input, { existing, p }) => {
    if (existing) return { courseId: existing.id, reference: existing.reference, isNew: false }
    const today = todayIn(p.timeZone, w.now)
    const seq = await nextReferenceNumber(w.tx, p.id, 'course', Number(today.slice(0, 4)))
    const reference = `${p.referencePrefix}-TRN-${today.slice(0, 4)}-${String(seq).padStart(4, '0')}`
    const outcomes = outcomesOf(input)
    const course = await w.tx.course.create({
      data: {
        partnershipId: p.id,
        reference,
        title: input.title,
        outcomes,
        theme: input.theme,
        respondsToReviewId: input.respondsToReviewId ?? null,
        respondsToAudit: input.respondsToAudit ?? null,
        trainerId: w.actor.personId,
        anonymous: !input.namedAnswers,
        formKey: input.formToken,
        createdAt: w.now,
      },
    })
    await w.audit({
      action: 'COURSE_CREATED',
      subjectType: 'course',
      subjectId: course.id,
      after: {
        reference,
        theme: input.theme.replace(/\s+/g, '_'),
        outcomes: outcomes.length,
        respondsToReviewId: input.respondsToReviewId ?? null,
        respondsToAudit: input.respondsToAudit ?? null,
        anonymous: course.anonymous,
      },
      fields: ['title', 'outcomes'],
    })
    return { courseId: course.id, reference, isNew: true }
  },
  recover: async (ctx, _actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const again = await ctx.db.course.findUnique({ where: { formKey: input.formToken } })
    return again ? { courseId: again.id, reference: again.reference, isNew: false } : undefined
  },
})
