/**
 * Places on a session: a person books one from a card (if the session is for their agency and has a place), the
 * trainer registers people, and a person can give their place up. The session's row is locked while places are
 * counted, so two bookings never both take the last place; a place booked twice is one place. Each person with a
 * place is invited to rate their confidence before the session.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { OutboxPayload } from '../notifications/notification.schema.js'
import { useCase, type Writer } from '../use-case.js'
import { assertCanManage, invite, sessionNotice, stageSurvey } from './training.change.js'
import { findPartnershipBasics, findSession, lockSession, type PartnershipBasics } from './training.repo.js'
import { isInAudience } from './training.rules.js'
import { ZRegister, ZSessionId } from './training.schema.js'

type Session = NonNullable<Awaited<ReturnType<typeof findSession>>>
type Loaded = { session: Session; p: PartnershipBasics }

async function load(ctx: ServiceContext, partnershipId: string, sessionId: string): Promise<Loaded> {
  const session = await findSession(ctx.db, sessionId)
  if (!session || session.course.partnershipId !== partnershipId)
    throw new AppError('NOT_FOUND', 'That session could not be found.')
  return { session, p: await findPartnershipBasics(ctx.db, partnershipId) }
}

function assertOpenForBooking(session: Session, now: Date) {
  if (session.status === 'CANCELLED') throw new AppError('INVALID_TRANSITION', 'This session was cancelled.')
  if (session.startsAt <= now) throw new AppError('INVALID_TRANSITION', 'This session has already started.')
}

/**
 * Gives each person a place (a cancelled place is taken again), within the session's capacity, counted under the
 * session's lock. Returns the people newly given a place, and the survey before the session.
 */
async function givePlaces(w: Writer, session: Session, p: PartnershipBasics, personIds: string[]) {
  await lockSession(w.tx, session.id)
  const current = await w.tx.booking.findMany({ where: { sessionId: session.id } })
  const taken = current.filter((b) => b.status !== 'CANCELLED')
  const holding = new Set(taken.map((b) => b.personId))
  const fresh = [...new Set(personIds)].filter((id) => !holding.has(id))
  if (taken.length + fresh.length > session.capacity) {
    const left = Math.max(0, session.capacity - taken.length)
    throw new AppError(
      'INVALID_TRANSITION',
      left === 0
        ? 'This session is full.'
        : `This session has ${left} place${left === 1 ? '' : 's'} left: choose fewer people.`,
    )
  }
  for (const personId of fresh) {
    const booking = await w.tx.booking.upsert({
      where: { sessionId_personId: { sessionId: session.id, personId } },
      create: { sessionId: session.id, personId, status: 'BOOKED', bookedById: w.actor.personId, bookedAt: w.now },
      update: { status: 'BOOKED', bookedById: w.actor.personId, bookedAt: w.now, updatedAt: w.now },
    })
    await w.audit({
      action: 'PLACE_BOOKED',
      subjectType: 'booking',
      subjectId: booking.id,
      after: { sessionId: session.id, personId, status: 'BOOKED' },
    })
  }
  const { survey } = await stageSurvey(w.tx, p, session.course, session, 'before', w.now)
  // The survey before is offered on the booking's own card, so its invitation sends nothing more.
  await invite(
    w.tx,
    p,
    survey,
    fresh.map((personId) => ({ personId })),
    { now: w.now },
  )
  return { fresh, beforeSurveyId: survey.id }
}

/** The person books themselves a place. */
export const bookPlace = useCase({
  input: ZSessionId,
  load: (ctx, actor, input) => load(ctx, actor.partnershipId, input.sessionId),
  policy: (actor, _input, { session }, ctx) => {
    assertOpenForBooking(session, ctx.clock.now())
    if (!isInAudience(session.agencyKeys, actor.agencyKey))
      throw new AppError('NOT_PERMITTED', 'This session is for other agencies. Ask the trainer if you should come.')
  },
  change: async (w, _input, { session, p }) => {
    const { fresh, beforeSurveyId } = await givePlaces(w, session, p, [w.actor.personId])
    return { courseTitle: session.course.title, startsAt: session.startsAt, isNew: fresh.length > 0, beforeSurveyId }
  },
})

/** The trainer registers people; each is told 1:1, with the survey before the session on the card. */
export const registerPeople = useCase({
  input: ZRegister,
  load: (ctx, actor, input) => load(ctx, actor.partnershipId, input.sessionId),
  policy: async (actor, input, { session }, ctx) => {
    assertCanManage(actor, session.course)
    assertOpenForBooking(session, ctx.clock.now())
    const known = await ctx.db.person.count({
      where: { id: { in: input.people }, partnershipId: actor.partnershipId, active: true },
    })
    if (known !== new Set(input.people).size)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: { people: 'Choose people from the list.' },
      })
  },
  change: async (w, input, { session, p }) => {
    const { fresh, beforeSurveyId } = await givePlaces(w, session, p, input.people)
    const notices: OutboxPayload[] = fresh.map((personId) =>
      sessionNotice(p, personId, session, session.course.title, 'registered', w.actor.name, beforeSurveyId),
    )
    await w.notify(notices)
    return { courseTitle: session.course.title, registered: fresh.length, already: input.people.length - fresh.length }
  },
})

/** The person gives up their place before the session. */
export const cancelPlace = useCase({
  input: ZSessionId,
  load: (ctx, actor, input) => load(ctx, actor.partnershipId, input.sessionId),
  policy: (actor, _input, { session }, ctx) => {
    assertOpenForBooking(session, ctx.clock.now())
    if (!session.bookings.some((b) => b.personId === actor.personId && b.status === 'BOOKED'))
      throw new AppError('INVALID_TRANSITION', 'You do not have a place on this session.')
  },
  change: async (w, _input, { session }) => {
    const booking = session.bookings.find((b) => b.personId === w.actor.personId)!
    const updated = await w.tx.booking.updateMany({
      where: { id: booking.id, status: 'BOOKED' },
      data: { status: 'CANCELLED', updatedAt: w.now },
    })
    if (updated.count === 1)
      await w.audit({
        action: 'ATTENDANCE_RECORDED',
        subjectType: 'booking',
        subjectId: booking.id,
        before: { status: 'BOOKED' },
        after: { status: 'CANCELLED' },
      })
    return { courseTitle: session.course.title, startsAt: session.startsAt }
  },
})
