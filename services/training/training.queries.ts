/**
 * What the training cards and pages read: a person's training (sessions to book, their places, their courses),
 * a course with its sessions, the choices the forms offer, and the results of a course. Each query takes the
 * actor and refuses what they may not see: results are for the course's trainer and the Learning and Development
 * Sub-group; a manager sees only what they themselves said about their own staff; nobody sees who gave an
 * anonymous answer (the answers hold no person to show).
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan, can } from '../people/policy.js'
import { resultsBlock, type SessionAnswers } from './results.rules.js'
import { readResultsToken, resultsToken } from './results-link.js'
import { findActorById } from '../people/people.repo.js'
import { assertCanManage } from './training.change.js'
import {
  answersBySurvey,
  countsBySurvey,
  findCourse,
  findPartnershipBasics,
  type PartnershipBasics,
} from './training.repo.js'
import { isInAudience } from './training.rules.js'
import {
  BOOKING_STATUSES,
  type BookingStatus,
  type CourseResults,
  type CourseView,
  type SessionLine,
  type TrainingOverview,
} from './training.schema.js'
import { localOf } from '../calendar/local-time.js'

type SessionRow = {
  id: string
  courseId: string
  startsAt: Date
  endsAt: Date
  status: string
  capacity: number
  agencyKeys: string[]
  bookings: { id: string; personId: string; status: string }[]
  course: { reference: string; title: string }
}

/** One session as a line on a card, as the reader sees it. */
function lineOf(
  s: SessionRow,
  p: PartnershipBasics,
  agencyNames: Map<string, string>,
  reader: string,
  now: Date,
): SessionLine {
  const start = localOf(s.startsAt, p.timeZone)
  const mine = s.bookings.find((b) => b.personId === reader)
  return {
    id: s.id,
    courseId: s.courseId,
    courseReference: s.course.reference,
    courseTitle: s.course.title,
    date: start.date,
    startTime: start.time,
    endTime: localOf(s.endsAt, p.timeZone).time,
    status: s.status === 'CANCELLED' ? 'CANCELLED' : 'SCHEDULED',
    capacity: s.capacity,
    booked: s.bookings.filter((b) => b.status === 'BOOKED' || b.status === 'ATTENDED').length,
    audience: s.agencyKeys.length ? s.agencyKeys.map((k) => agencyNames.get(k) ?? k).join(', ') : 'every agency',
    myBooking: (mine?.status as BookingStatus | undefined) ?? null,
    isPast: s.startsAt <= now,
  }
}

const agencyNamesOf = async (ctx: ServiceContext, partnershipId: string) =>
  new Map(
    (await ctx.db.agency.findMany({ where: { partnershipId }, select: { key: true, name: true } })).map((a) => [
      a.key,
      a.name,
    ]),
  )

/** The reader's training: sessions they can book, their places, their courses, and their answers as a manager. */
export async function trainingOverview(ctx: ServiceContext, actor: Actor): Promise<TrainingOverview> {
  const now = ctx.clock.now()
  const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
  const recent = new Date(now.getTime() - 90 * 86_400_000)
  const sessions = (await ctx.db.courseSession.findMany({
    where: { course: { partnershipId: actor.partnershipId }, startsAt: { gte: recent } },
    include: { bookings: { select: { id: true, personId: true, status: true } }, course: true },
    orderBy: { startsAt: 'asc' },
    take: 200,
  })) as SessionRow[]
  const names = await agencyNamesOf(ctx, actor.partnershipId)
  const lines = sessions.map((s) => lineOf(s, p, names, actor.personId, now))
  const mayManageAll = can(actor, 'training.manage') && !actor.roles.includes('trainer')
  const courses = await ctx.db.course.findMany({
    where: {
      partnershipId: actor.partnershipId,
      ...(actor.memberOf.includes('learning') || mayManageAll ? {} : { trainerId: actor.personId }),
    },
    include: { _count: { select: { sessions: true } } },
    orderBy: { createdAt: 'desc' },
    take: 20,
  })
  const managerRows = await ctx.db.surveyAnswer.findMany({
    where: { personId: actor.personId, aboutPersonId: { not: null } },
    select: { surveyId: true, aboutPersonId: true, answers: true },
    take: 50,
  })
  const managerSurveys = new Map(
    (
      await ctx.db.survey.findMany({
        where: { id: { in: managerRows.map((r) => r.surveyId) } },
        select: { id: true, title: true },
      })
    ).map((s) => [s.id, s.title]),
  )
  const aboutNames = new Map(
    (
      await ctx.db.person.findMany({
        where: { id: { in: managerRows.map((r) => r.aboutPersonId!) } },
        select: { id: true, name: true },
      })
    ).map((x) => [x.id, x.name]),
  )
  const CHANGE: Record<string, string> = { yes: 'Yes', partly: 'Partly', no: 'No', 'too-early': 'Too early to say' }
  return {
    open: lines.filter(
      (l, i) =>
        !l.isPast &&
        l.status === 'SCHEDULED' &&
        !l.myBooking &&
        isInAudience(sessions[i]!.agencyKeys, actor.agencyKey) &&
        l.booked < l.capacity,
    ),
    mine: lines.filter((l) => l.myBooking && l.myBooking !== 'CANCELLED'),
    courses: courses.map((c) => ({ id: c.id, reference: c.reference, title: c.title, sessions: c._count.sessions })),
    canCreate: can(actor, 'training.manage'),
    canSendSurveys: can(actor, 'survey.send'),
    managerAnswers: managerRows.map((r) => ({
      course: managerSurveys.get(r.surveyId) ?? '',
      about: aboutNames.get(r.aboutPersonId!) ?? '',
      change: CHANGE[String((r.answers as Record<string, unknown>).change)] ?? '',
    })),
  }
}

/** A course with its sessions and who has a place: for its trainer, the learning sub-group and the business manager. */
export async function courseView(ctx: ServiceContext, actor: Actor, courseId: string): Promise<CourseView> {
  const course = await findCourse(ctx.db, courseId)
  if (!course || course.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That course could not be found.')
  const canManage = can(actor, 'training.manage', { responsiblePersonId: course.trainerId })
  const canSeeResults = can(actor, 'training.view-results', { responsiblePersonId: course.trainerId })
  if (!canManage && !canSeeResults) assertCanManage(actor, course)
  const now = ctx.clock.now()
  const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
  const names = await agencyNamesOf(ctx, actor.partnershipId)
  const people = new Map(
    (
      await ctx.db.person.findMany({
        where: { id: { in: [course.trainerId, ...course.sessions.flatMap((s) => s.bookings.map((b) => b.personId))] } },
        select: { id: true, name: true },
      })
    ).map((x) => [x.id, x.name]),
  )
  const review = course.respondsToReviewId
    ? await ctx.db.review.findUnique({ where: { id: course.respondsToReviewId }, select: { reference: true } })
    : null
  return {
    id: course.id,
    reference: course.reference,
    title: course.title,
    outcomes: course.outcomes,
    theme: course.theme,
    respondsTo: [review?.reference, course.respondsToAudit].filter(Boolean).join(', ') || null,
    trainer: people.get(course.trainerId) ?? '',
    anonymous: course.anonymous,
    sessions: course.sessions.map((s) => ({
      ...lineOf({ ...s, course }, p, names, actor.personId, now),
      attendees: s.bookings
        .filter((b) => b.status !== 'CANCELLED' || canManage)
        .map((b) => ({
          bookingId: b.id,
          personId: b.personId,
          name: people.get(b.personId) ?? '',
          status: b.status as BookingStatus,
        })),
    })),
    canManage,
    canSeeResults,
  }
}

/** The new course form's lists: the partnership's themes and its reviews. */
export async function courseChoices(ctx: ServiceContext, actor: Actor) {
  assertCan(actor, 'training.manage')
  const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
  const reviews = await ctx.db.review.findMany({
    where: { partnershipId: actor.partnershipId },
    select: { id: true, reference: true },
    orderBy: { reference: 'desc' },
    take: 50,
  })
  return { themes: p.themes, reviews: reviews.map((r) => ({ value: r.id, label: r.reference })) }
}

/** The session form's data: the course, and the agencies to choose the audience from. */
export async function sessionChoices(ctx: ServiceContext, actor: Actor, courseId: string) {
  const course = await ctx.db.course.findFirst({ where: { id: courseId, partnershipId: actor.partnershipId } })
  if (!course) throw new AppError('NOT_FOUND', 'That course could not be found.')
  assertCanManage(actor, course)
  const names = await agencyNamesOf(ctx, actor.partnershipId)
  return {
    course: { id: course.id, reference: course.reference, title: course.title },
    agencies: [...names].map(([value, label]) => ({ value, label })),
  }
}

/** A session and its people, for the trainer's forms (register, attendance, move, cancel). */
export async function sessionForTrainer(ctx: ServiceContext, actor: Actor, sessionId: string) {
  const session = await ctx.db.courseSession.findUnique({
    where: { id: sessionId },
    include: { course: true, bookings: { orderBy: { bookedAt: 'asc' } } },
  })
  if (!session || session.course.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That session could not be found.')
  assertCanManage(actor, session.course)
  const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
  const start = localOf(session.startsAt, p.timeZone)
  const inAudience = await ctx.db.person.findMany({
    where: {
      partnershipId: actor.partnershipId,
      active: true,
      ...(session.agencyKeys.length ? { agency: { key: { in: session.agencyKeys } } } : {}),
    },
    select: { id: true, name: true, jobTitle: true },
    orderBy: { name: 'asc' },
    take: 100,
  })
  const names = new Map(inAudience.map((x) => [x.id, x.name]))
  const missing = session.bookings.filter((b) => !names.has(b.personId)).map((b) => b.personId)
  for (const x of await ctx.db.person.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } }))
    names.set(x.id, x.name)
  const holding = new Set(session.bookings.filter((b) => b.status !== 'CANCELLED').map((b) => b.personId))
  return {
    id: session.id,
    courseId: session.courseId,
    courseTitle: session.course.title,
    date: start.date,
    startTime: start.time,
    endTime: localOf(session.endsAt, p.timeZone).time,
    capacity: session.capacity,
    bookings: session.bookings.map((b) => ({
      bookingId: b.id,
      name: names.get(b.personId) ?? '',
      status: b.status as BookingStatus,
      statusLabel: BOOKING_STATUSES[b.status as BookingStatus] ?? b.status,
    })),
    people: inAudience
      .filter((x) => !holding.has(x.id))
      .map((x) => ({ value: x.id, label: `${x.name}, ${x.jobTitle}` })),
  }
}

/**
 * The course a person means by "training results <words>": its reference, or words of its title. Several
 * matches: the choice, newest first.
 */
export async function findCourses(ctx: ServiceContext, actor: Actor, words: string) {
  const text = words.trim()
  const byReference = await ctx.db.course.findFirst({
    where: { partnershipId: actor.partnershipId, reference: text.toUpperCase() },
    select: { id: true, reference: true, title: true },
  })
  if (byReference) return [byReference]
  return ctx.db.course.findMany({
    where: { partnershipId: actor.partnershipId, title: { contains: text, mode: 'insensitive' } },
    select: { id: true, reference: true, title: true },
    orderBy: { createdAt: 'desc' },
    take: 10,
  })
}

/** The answers of a course's sessions, read once, for its results. */
async function sessionAnswers(
  ctx: ServiceContext,
  course: NonNullable<Awaited<ReturnType<typeof findCourse>>>,
  p: PartnershipBasics,
) {
  const live = course.sessions.filter((s) => s.status !== 'CANCELLED')
  const surveys = await ctx.db.survey.findMany({
    where: { sessionId: { in: live.map((s) => s.id) } },
    select: { id: true, sessionId: true, kind: true },
  })
  const ids = surveys.map((s) => s.id)
  const [answers, counts] = await Promise.all([answersBySurvey(ctx.db, ids), countsBySurvey(ctx.db, ids)])
  return live.map((s): SessionAnswers => {
    const of = (kind: string) => surveys.find((x) => x.sessionId === s.id && x.kind === kind)
    const stage = (kind: string) => {
      const survey = of(kind)
      return {
        invited: survey ? (counts.get(survey.id)?.invited ?? 0) : 0,
        answers: survey ? (answers.get(survey.id) ?? []) : [],
      }
    }
    return {
      sessionId: s.id,
      date: localOf(s.startsAt, p.timeZone).date,
      attended: s.bookings.filter((b) => b.status === 'ATTENDED').length,
      before: stage('before').answers,
      after: stage('after'),
      followUp: stage('follow-up'),
      manager: stage('manager'),
    }
  })
}

/** A course's results, per session and overall; refused to anyone but its trainer and the learning sub-group. */
export async function courseResults(ctx: ServiceContext, actor: Actor, courseId: string): Promise<CourseResults> {
  const course = await findCourse(ctx.db, courseId)
  if (!course || course.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That course could not be found.')
  assertCan(actor, 'training.view-results', { responsiblePersonId: course.trainerId })
  const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
  const sessions = await sessionAnswers(ctx, course, p)
  const min = p.training.minAnswers
  const token = resultsToken(actor.personId, course.id, ctx.clock.now())
  const base = ctx.publicUrl?.() ?? ''
  return {
    courseId: course.id,
    reference: course.reference,
    title: course.title,
    outcomes: course.outcomes,
    anonymous: course.anonymous,
    minAnswers: min,
    course: resultsBlock(sessions, course.outcomes, min),
    sessions: sessions.map((s) => ({
      ...resultsBlock([s], course.outcomes, min),
      sessionId: s.sessionId,
      date: s.date,
      attended: s.attended,
    })),
    pageUrl: `${base}/training/results?t=${token}`,
    spreadsheetUrl: `${base}/training/results.xlsx?t=${token}`,
  }
}

/** The results a signed link shows: the holder's rights are checked again now. */
export async function resultsForLink(ctx: ServiceContext, token: string): Promise<CourseResults> {
  const claims = readResultsToken(token, ctx.clock.now())
  if (!claims) throw new AppError('NOT_FOUND', 'This link has expired. Open the results again from the card.')
  const actor = await findActorById(ctx.db, claims.personId)
  if (!actor) throw new AppError('NOT_FOUND', 'This link has expired. Open the results again from the card.')
  return courseResults(ctx, actor, claims.courseId)
}
