/**
 * A session of a course: its date and times (in the partnership's time zone), the agencies it is for (none: every
 * agency) and its places. Scheduling it plans its steps in the same transaction: the survey straight after it
 * ends, and the follow-up with the line managers' cards `followUpWeeks` later (run-training-steps.ts runs them).
 * The survey before the session opens at once, for people to rate their confidence when they book.
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { useCase } from '../use-case.js'
import { assertCanManage, stageSurvey } from './training.change.js'
import { findPartnershipBasics, type PartnershipBasics } from './training.repo.js'
import { ZScheduleSession } from './training.schema.js'
import { instantOf } from '../calendar/local-time.js'

type Loaded = {
  course: { id: string; title: string; trainerId: string; anonymous: boolean; partnershipId: string }
  p: PartnershipBasics
  agencyKeys: Set<string>
  existing: { id: string } | null
}

/** Schedules the session and its steps; a repeat submit answers with the first one. */
export const scheduleSession = useCase({
  input: ZScheduleSession,
  alsoCheck: async (ctx, actor, raw): Promise<Record<string, string>> => {
    const { date, startTime } = raw
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return {}
    const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
    const time = typeof startTime === 'string' && /^\d{2}:\d{2}$/.test(startTime) ? startTime : '00:00'
    return instantOf(date, time, p.timeZone) <= ctx.clock.now() ? { date: 'The session must be in the future.' } : {}
  },
  load: async (ctx, actor, input): Promise<Loaded> => {
    const course = await ctx.db.course.findFirst({ where: { id: input.courseId, partnershipId: actor.partnershipId } })
    if (!course) throw new AppError('NOT_FOUND', 'That course could not be found.')
    const [p, agencies, existing] = await Promise.all([
      findPartnershipBasics(ctx.db, actor.partnershipId),
      ctx.db.agency.findMany({ where: { partnershipId: actor.partnershipId }, select: { key: true } }),
      ctx.db.courseSession.findUnique({ where: { formKey: input.formToken }, select: { id: true } }),
    ])
    return { course, p, agencyKeys: new Set(agencies.map((a) => a.key)), existing }
  },
  policy: (actor, input, { course, p, agencyKeys, existing }, ctx) => {
    assertCanManage(actor, course)
    if (existing) return
    const errors: Record<string, string> = {}
    if (instantOf(input.date, input.startTime, p.timeZone) <= ctx.clock.now())
      errors.date = 'The session must be in the future.'
    if (input.agencies.some((a) => !agencyKeys.has(a))) errors.agencies = 'Choose agencies from the list.'
    if (Object.keys(errors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: errors })
  },
  change: async (w, input, { course, p, existing }) => {
    if (existing) return { sessionId: existing.id, isNew: false }
    const startsAt = instantOf(input.date, input.startTime, p.timeZone)
    const endsAt = instantOf(input.date, input.endTime, p.timeZone)
    const session = await w.tx.courseSession.create({
      data: {
        courseId: course.id,
        startsAt,
        endsAt,
        agencyKeys: input.agencies,
        capacity: input.capacity,
        formKey: input.formToken,
        createdAt: w.now,
      },
    })
    await w.tx.trainingStep.createMany({
      data: [
        { sessionId: session.id, kind: 'after', dueAt: endsAt },
        { sessionId: session.id, kind: 'follow-up', dueAt: followUpAt(endsAt, p) },
      ],
    })
    await stageSurvey(w.tx, p, course, session, 'before', w.now)
    await w.audit({
      action: 'SESSION_SCHEDULED',
      subjectType: 'course-session',
      subjectId: session.id,
      after: {
        courseId: course.id,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        capacity: input.capacity,
        agencyKeys: input.agencies,
      },
    })
    return { sessionId: session.id, isNew: true }
  },
  recover: async (ctx, _actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const again = await ctx.db.courseSession.findUnique({ where: { formKey: input.formToken } })
    return again ? { sessionId: again.id, isNew: false } : undefined
  },
})

/** When the follow-up and the managers' cards go out: `followUpWeeks` after the session ends. */
export const followUpAt = (endsAt: Date, p: PartnershipBasics): Date =>
  new Date(endsAt.getTime() + p.training.followUpWeeks * 7 * 86_400_000)
