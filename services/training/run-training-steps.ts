/**
 * The training job (pg-boss runs it every minute, app/scheduler.ts): the steps sessions planned, audience surveys
 * whose day has come, and reminders. Each piece of work is claimed in the database by a conditional update in the
 * transaction that queues its messages, so two app instances (or a retry) send it once:
 *
 * - a step (TrainingStep, PENDING and due → DONE): straight after a session, the survey to each attendee (and, if
 *   nobody is marked yet, a reminder to the trainer to take the register); `followUpWeeks` later, the follow-up to
 *   each attendee and the card to each attendee's line manager. Moving or cancelling the session moved or
 *   cancelled the step (change-session.ts);
 * - an audience survey (SCHEDULED and open → OPEN): its invitations;
 * - a reminder (remindersSent n → n+1): at most two per invitation, `reminderWorkingDays` apart, never to someone
 *   who answered or said "don't ask me again".
 *
 * Messages go out only inside the digest's working hours (08:00 to 19:00 on working days, services/nudges);
 * outside them the work waits for the next run.
 */
import type { ServiceContext } from '../../lib/context.js'
import { recordAudit } from '../audit-log/index.js'
import { enqueue } from '../notifications/outbox.js'
import type { OutboxPayload } from '../notifications/notification.schema.js'
import { isWithinSendingHours } from '../reviews/review.rules.js'
import { resolveAudience, ZAudience } from '../audiences/index.js'
import { invite, reminderAfter, stageSurvey, surveyNotice } from './training.change.js'
import { namesOf } from '../people/people.repo.js'
import { findPartnershipBasics, type PartnershipBasics } from './training.repo.js'
import { localOf } from '../calendar/local-time.js'

/** At most this many reminders per invitation. */
const MAX_REMINDERS = 2

export type TrainingRunReport = {
  skipped?: 'quiet-hours'
  steps: number
  surveysOpened: number
  invited: number
  reminders: number
}

export async function runTrainingSteps(ctx: ServiceContext): Promise<TrainingRunReport> {
  const now = ctx.clock.now()
  const report: TrainingRunReport = { steps: 0, surveysOpened: 0, invited: 0, reminders: 0 }
  let queued = 0
  for (const partnership of await ctx.db.partnership.findMany({ select: { id: true, timeZone: true } })) {
    if (!isWithinSendingHours(now, partnership.timeZone)) {
      report.skipped = 'quiet-hours'
      continue
    }
    const p = await findPartnershipBasics(ctx.db, partnership.id)
    const steps = await ctx.db.trainingStep.findMany({
      where: { status: 'PENDING', dueAt: { lte: now }, sessionId: { in: await sessionIdsOf(ctx, p.id) } },
      orderBy: { dueAt: 'asc' },
    })
    for (const step of steps) {
      const sent = await runStep(ctx, p, step.id, now)
      if (sent !== null) {
        report.steps++
        report.invited += sent
        queued += sent
      }
    }
    const due = await ctx.db.survey.findMany({
      where: { partnershipId: p.id, kind: 'audience', status: 'SCHEDULED', opensAt: { lte: now } },
      select: { id: true },
    })
    for (const s of due) {
      const sent = await openAudienceSurvey(ctx, p, s.id, now)
      if (sent !== null) {
        report.surveysOpened++
        report.invited += sent
        queued += sent
      }
    }
    const reminded = await sendReminders(ctx, p, now)
    report.reminders += reminded
    queued += reminded
  }
  if (queued > 0) ctx.deliver?.()
  return report
}

const sessionIdsOf = async (ctx: ServiceContext, partnershipId: string) =>
  (
    await ctx.db.courseSession.findMany({
      where: { course: { partnershipId }, status: 'SCHEDULED' },
      select: { id: true },
    })
  ).map((s) => s.id)

/** Claims one step and does it, in one transaction; null when another run claimed it first. */
async function runStep(ctx: ServiceContext, p: PartnershipBasics, stepId: string, now: Date): Promise<number | null> {
  return ctx.db.$transaction(async (tx) => {
    const claimed = await tx.trainingStep.updateMany({
      where: { id: stepId, status: 'PENDING', dueAt: { lte: now } },
      data: { status: 'DONE', doneAt: now },
    })
    if (claimed.count !== 1) return null
    const step = await tx.trainingStep.findUniqueOrThrow({ where: { id: stepId } })
    const session = await tx.courseSession.findUniqueOrThrow({
      where: { id: step.sessionId },
      include: { course: true, bookings: true },
    })
    const attendees = session.bookings.filter((b) => b.status === 'ATTENDED').map((b) => b.personId)
    const context = { courseTitle: session.course.title, sessionStartsAt: session.startsAt, now }
    const notices: OutboxPayload[] = []
    const kinds = step.kind === 'after' ? (['after'] as const) : (['follow-up', 'manager'] as const)
    for (const kind of kinds) {
      const { survey } = await stageSurvey(tx, p, session.course, session, kind, now)
      if (kind === 'manager') {
        const managers = await tx.person.findMany({
          where: { id: { in: attendees }, managerId: { not: null } },
          select: { id: true, managerId: true },
        })
        const active = new Set(
          (
            await tx.person.findMany({
              where: { id: { in: managers.map((m) => m.managerId!) }, active: true },
              select: { id: true },
            })
          ).map((m) => m.id),
        )
        const invitees = managers
          .filter((m) => active.has(m.managerId!))
          .map((m) => ({ personId: m.managerId!, aboutPersonId: m.id }))
        notices.push(...(await invite(tx, p, survey, invitees, context)))
      } else {
        notices.push(
          ...(await invite(
            tx,
            p,
            survey,
            attendees.map((personId) => ({ personId })),
            context,
          )),
        )
      }
      await recordAudit(tx, {
        partnershipId: p.id,
        actorId: null,
        at: now,
        action: 'SURVEY_SENT',
        subjectType: 'survey',
        subjectId: survey.id,
        after: {
          kind,
          sessionId: session.id,
          invited: attendees.length,
          anonymous: survey.anonymous,
          publicLink: false,
        },
      })
    }
    // Nobody marked as attended when the session ends: the trainer is asked to take the register, and the
    // survey follows each person as they are marked (record-attendance.ts).
    if (step.kind === 'after' && attendees.length === 0 && session.bookings.some((b) => b.status === 'BOOKED')) {
      const start = localOf(session.startsAt, p.timeZone)
      notices.push({
        kind: 'person.notice',
        personId: session.course.trainerId,
        notice: {
          template: 'training.session',
          sessionId: session.id,
          courseTitle: session.course.title,
          date: start.date,
          startTime: start.time,
          endTime: localOf(session.endsAt, p.timeZone).time,
          change: 'attendance-due',
          by: 'Learning Loop',
        },
      })
    }
    await enqueue(tx, notices)
    return notices.length
  })
}

/** Opens a scheduled audience survey and invites its audience, once. */
async function openAudienceSurvey(
  ctx: ServiceContext,
  p: PartnershipBasics,
  surveyId: string,
  now: Date,
): Promise<number | null> {
  return ctx.db.$transaction(async (tx) => {
    const claimed = await tx.survey.updateMany({
      where: { id: surveyId, status: 'SCHEDULED', opensAt: { lte: now } },
      data: { status: 'OPEN' },
    })
    if (claimed.count !== 1) return null
    const survey = await tx.survey.findUniqueOrThrow({ where: { id: surveyId } })
    const people = await resolveAudience(tx, p.id, ZAudience.parse(survey.audience ?? {}))
    const notices = await invite(
      tx,
      p,
      survey,
      people.map((m) => ({ personId: m.personId })),
      { now },
    )
    await enqueue(tx, notices)
    return notices.length
  })
}

type Due = {
  id: string
  surveyId: string
  personId: string
  aboutPersonId: string
  remindersSent: number
}

/**
 * Reminds everyone whose reminder is due, has not answered, did not opt out, and whose survey is still open.
 * Each is claimed by moving `remindersSent` on from the value read, so a reminder is sent once.
 */
async function sendReminders(ctx: ServiceContext, p: PartnershipBasics, now: Date): Promise<number> {
  const due = await ctx.db.$queryRaw<Due[]>`
    select i.id, i."surveyId", i."personId", i."aboutPersonId", i."remindersSent"
    from "SurveyInvitation" i
    join "Survey" s on s.id = i."surveyId"
    where s."partnershipId" = ${p.id} and s.status = 'OPEN' and (s."closesAt" is null or s."closesAt" > ${now})
      and i."nextReminderAt" <= ${now} and i."remindersSent" < ${MAX_REMINDERS}
      and not exists (select 1 from "SurveyResponded" r where r."invitationId" = i.id)
      and not exists (select 1 from "SurveyOptOut" o where o."personId" = i."personId"
                      and (o.scope = 'survey:' || s.id or o.scope = 'course:' || s."courseId"))
    order by i."nextReminderAt"
    limit 2000`
  if (!due.length) return 0
  const surveys = new Map(
    (await ctx.db.survey.findMany({ where: { id: { in: [...new Set(due.map((d) => d.surveyId))] } } })).map((s) => [
      s.id,
      s,
    ]),
  )
  const sessions = new Map(
    (
      await ctx.db.courseSession.findMany({
        where: { id: { in: [...surveys.values()].flatMap((s) => (s.sessionId ? [s.sessionId] : [])) } },
        include: { course: { select: { title: true } } },
      })
    ).map((s) => [s.id, s]),
  )
  const names = await namesOf(
    ctx.db,
    due.map((d) => d.aboutPersonId),
  )
  let sent = 0
  for (let i = 0; i < due.length; i += 200) {
    const batch = due.slice(i, i + 200)
    sent += await ctx.db.$transaction(async (tx) => {
      const notices: OutboxPayload[] = []
      for (const d of batch) {
        const next = d.remindersSent + 1
        const claimed = await tx.surveyInvitation.updateMany({
          where: { id: d.id, remindersSent: d.remindersSent },
          data: {
            remindersSent: next,
            nextReminderAt:
              next < MAX_REMINDERS ? reminderAfter(now, p.training.reminderWorkingDays, p.timeZone) : null,
          },
        })
        if (claimed.count !== 1) continue
        const survey = surveys.get(d.surveyId)!
        const session = survey.sessionId ? sessions.get(survey.sessionId) : undefined
        notices.push(
          surveyNotice(
            p,
            survey,
            {
              personId: d.personId,
              ...(d.aboutPersonId ? { aboutPersonId: d.aboutPersonId, aboutName: names.get(d.aboutPersonId) } : {}),
              courseTitle: session?.course.title,
              sessionStartsAt: session?.startsAt,
            },
            next,
          ),
        )
      }
      await enqueue(tx, notices)
      return notices.length
    })
  }
  return sent
}
