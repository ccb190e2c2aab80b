/**
 * Moving or cancelling a session. Its planned steps move (or are cancelled) in the same transaction, so the
 * survey straight after, the follow-up and the managers' cards go out at the new time or never; the survey before
 * it closes at the new start. Everyone with a place is told 1:1. A session that has started cannot be moved.
 * Version-checked: two trainers changing it at once get one change, and the second is told.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { useCase } from '../use-case.js'
import { followUpAt } from './schedule-session.js'
import { assertCanManage, sessionNotice } from './training.change.js'
import { findPartnershipBasics, findSession, type PartnershipBasics } from './training.repo.js'
import { ZRescheduleSession, ZSessionId } from './training.schema.js'
import { instantOf } from '../calendar/local-time.js'

type Session = NonNullable<Awaited<ReturnType<typeof findSession>>>
type Loaded = { session: Session; p: PartnershipBasics }

async function loadSession(ctx: ServiceContext, partnershipId: string, sessionId: string): Promise<Loaded> {
  const session = await findSession(ctx.db, sessionId)
  if (!session || session.course.partnershipId !== partnershipId)
    throw new AppError('NOT_FOUND', 'That session could not be found.')
  return { session, p: await findPartnershipBasics(ctx.db, partnershipId) }
}

function assertChangeable(session: Session, now: Date) {
  if (session.status === 'CANCELLED') throw new AppError('INVALID_TRANSITION', 'This session was cancelled.')
  if (session.startsAt <= now)
    throw new AppError('INVALID_TRANSITION', 'This session has started, so it can no longer be moved or cancelled.')
}

const booked = (session: Session) => session.bookings.filter((b) => b.status === 'BOOKED')

/** Moves the session and its planned steps; tells everyone with a place. */
export const rescheduleSession = useCase({
  input: ZRescheduleSession,
  load: (ctx, actor, input) => loadSession(ctx, actor.partnershipId, input.sessionId),
  policy: (actor, input, { session, p }, ctx) => {
    assertCanManage(actor, session.course)
    assertChangeable(session, ctx.clock.now())
    if (instantOf(input.date, input.startTime, p.timeZone) <= ctx.clock.now())
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: { date: 'The session must be in the future.' },
      })
  },
  change: async (w, input, { session, p }) => {
    const startsAt = instantOf(input.date, input.startTime, p.timeZone)
    const endsAt = instantOf(input.date, input.endTime, p.timeZone)
    const moved = await w.tx.courseSession.updateMany({
      where: { id: session.id, version: session.version, status: 'SCHEDULED' },
      data: { startsAt, endsAt, version: { increment: 1 } },
    })
    if (moved.count !== 1)
      throw new AppError('ALREADY_DONE', 'Someone else changed this session a moment ago. Please look at it again.')
    await w.tx.trainingStep.updateMany({
      where: { sessionId: session.id, kind: 'after', status: 'PENDING' },
      data: { dueAt: endsAt },
    })
    await w.tx.trainingStep.updateMany({
      where: { sessionId: session.id, kind: 'follow-up', status: 'PENDING' },
      data: { dueAt: followUpAt(endsAt, p) },
    })
    await w.tx.survey.updateMany({ where: { sessionId: session.id, kind: 'before' }, data: { closesAt: startsAt } })
    await w.audit({
      action: 'SESSION_RESCHEDULED',
      subjectType: 'course-session',
      subjectId: session.id,
      before: { startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() },
      after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    })
    const next = { id: session.id, startsAt, endsAt }
    await w.notify(
      booked(session).map((b) => sessionNotice(p, b.personId, next, session.course.title, 'rescheduled', w.actor.name)),
    )
    return { courseTitle: session.course.title, startsAt, people: booked(session).length }
  },
})

/** Cancels the session and its planned steps; tells everyone with a place. */
export const cancelSession = useCase({
  input: ZSessionId,
  load: (ctx, actor, input) => loadSession(ctx, actor.partnershipId, input.sessionId),
  policy: (actor, _input, { session }, ctx) => {
    assertCanManage(actor, session.course)
    assertChangeable(session, ctx.clock.now())
  },
  change: async (w, _input, { session, p }) => {
    const cancelled = await w.tx.courseSession.updateMany({
      where: { id: session.id, version: session.version, status: 'SCHEDULED' },
      data: { status: 'CANCELLED', version: { increment: 1 } },
    })
    if (cancelled.count !== 1)
      throw new AppError('ALREADY_DONE', 'Someone else changed this session a moment ago. Please look at it again.')
    await w.tx.trainingStep.updateMany({
      where: { sessionId: session.id, status: 'PENDING' },
      data: { status: 'CANCELLED' },
    })
    await w.tx.survey.updateMany({ where: { sessionId: session.id }, data: { status: 'CANCELLED' } })
    await w.audit({
      action: 'SESSION_CANCELLED',
      subjectType: 'course-session',
      subjectId: session.id,
      after: { status: 'CANCELLED', bookings: booked(session).length },
    })
    await w.notify(
      booked(session).map((b) =>
        sessionNotice(p, b.personId, session, session.course.title, 'cancelled', w.actor.name),
      ),
    )
    return { courseTitle: session.course.title, startsAt: session.startsAt, people: booked(session).length }
  },
})
