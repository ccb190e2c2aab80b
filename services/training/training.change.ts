/**
 * What several training use cases and the scheduled steps share: who may manage a course, creating a session's
 * survey for a stage, inviting people to a survey (with its reminders), and the 1:1 notices that go with them.
 * Everything here runs inside the caller's transaction.
 */
import type { Prisma } from '@prisma/client'
import { addWorkingDays } from '../calendar/working-days.js'
import { todayIn } from '../calendar/dates.js'
import type { OutboxPayload } from '../notifications/notification.schema.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { namesOf } from '../people/people.repo.js'
import { type PartnershipBasics, ensureDefinition, optOutScopes } from './training.repo.js'
import { TRAINING_SURVEY_KEYS, type TrainingStage } from './survey-defaults.js'
import { instantOf, localOf } from '../calendar/local-time.js'

/** Refuses anyone but the course's trainer, the learning sub-group's chair and the business manager. */
export const assertCanManage = (actor: Actor, course: { trainerId: string }) =>
  assertCan(actor, 'training.manage', { responsiblePersonId: course.trainerId })

/** The reminder after `from`: 09:00 where the partnership is, `workingDays` working days later. */
export function reminderAfter(from: Date, workingDays: number, timeZone: string): Date {
  return instantOf(addWorkingDays(todayIn(timeZone, from), workingDays), '09:00', timeZone)
}

/** How long each stage's survey stays open. */
const OPEN_DAYS: Record<Exclude<TrainingStage, 'before' | 'after'>, number> = { 'follow-up': 28, manager: 28 }

type SessionRef = { id: string; startsAt: Date; endsAt: Date }
type CourseRef = { id: string; title: string; anonymous: boolean; partnershipId: string }
export type SurveyRow = Awaited<ReturnType<Prisma.TransactionClient['survey']['create']>>

/**
 * The session's survey for a stage, created once (unique per session and stage). Before: open until the session
 * starts. After: open until the follow-up. Follow-up and manager: open 4 weeks. The manager's card is always
 * named: a manager sees what they said about their own staff.
 */
export async function stageSurvey(
  tx: Prisma.TransactionClient,
  p: PartnershipBasics,
  course: CourseRef,
  session: SessionRef,
  kind: TrainingStage,
  now: Date,
): Promise<{ survey: SurveyRow; isNew: boolean }> {
  const existing = await tx.survey.findUnique({ where: { sessionId_kind: { sessionId: session.id, kind } } })
  if (existing) return { survey: existing, isNew: false }
  const definition = await ensureDefinition(tx, p.id, TRAINING_SURVEY_KEYS[kind], now)
  const closesAt =
    kind === 'before'
      ? session.startsAt
      : kind === 'after'
        ? new Date(session.endsAt.getTime() + p.training.followUpWeeks * 7 * 86_400_000)
        : new Date(now.getTime() + OPEN_DAYS[kind] * 86_400_000)
  const survey = await tx.survey.create({
    data: {
      partnershipId: p.id,
      definitionId: definition.id,
      kind,
      courseId: course.id,
      sessionId: session.id,
      title: course.title,
      anonymous: kind === 'manager' ? false : course.anonymous,
      opensAt: now,
      closesAt,
      createdAt: now,
    },
  })
  return { survey, isNew: true }
}

export type Invitee = { personId: string; aboutPersonId?: string }

/**
 * Invites people to a survey (once each: an invitation that exists is left alone) and queues their 1:1 card.
 * Reminders are planned for every stage but "before" (rating confidence before a session is offered, not
 * chased). Returns how many were newly invited.
 */
export async function invite(
  tx: Prisma.TransactionClient,
  p: PartnershipBasics,
  survey: SurveyRow,
  invitees: Invitee[],
  context: { courseTitle?: string; sessionStartsAt?: Date; now: Date },
): Promise<OutboxPayload[]> {
  if (!invitees.length) return []
  const existing = await tx.surveyInvitation.findMany({
    where: { surveyId: survey.id, personId: { in: invitees.map((i) => i.personId) } },
    select: { personId: true, aboutPersonId: true },
  })
  const seen = new Set(existing.map((e) => `${e.personId}:${e.aboutPersonId}`))
  // "Don't ask me again for this course": nobody who said so is asked by any later survey of it.
  const optedOut = new Set(
    (
      await tx.surveyOptOut.findMany({
        where: { personId: { in: invitees.map((i) => i.personId) }, scope: { in: optOutScopes(survey) } },
        select: { personId: true },
      })
    ).map((o) => o.personId),
  )
  const fresh = invitees.filter((i) => !seen.has(`${i.personId}:${i.aboutPersonId ?? ''}`) && !optedOut.has(i.personId))
  if (!fresh.length) return []
  const reminds = survey.kind !== 'before'
  await tx.surveyInvitation.createMany({
    data: fresh.map((i) => ({
      surveyId: survey.id,
      personId: i.personId,
      aboutPersonId: i.aboutPersonId ?? '',
      invitedAt: context.now,
      nextReminderAt: reminds ? reminderAfter(context.now, p.training.reminderWorkingDays, p.timeZone) : null,
    })),
    skipDuplicates: true,
  })
  const names = await namesOf(
    tx,
    fresh.map((i) => i.aboutPersonId),
  )
  return fresh.map((i) =>
    surveyNotice(p, survey, {
      personId: i.personId,
      aboutPersonId: i.aboutPersonId,
      aboutName: i.aboutPersonId ? names.get(i.aboutPersonId) : undefined,
      courseTitle: context.courseTitle,
      sessionStartsAt: context.sessionStartsAt,
    }),
  )
}

/** The 1:1 card asking someone to answer a survey (or reminding them: `reminder` 1 or 2). */
export function surveyNotice(
  p: PartnershipBasics,
  survey: SurveyRow,
  who: { personId: string; aboutPersonId?: string; aboutName?: string; courseTitle?: string; sessionStartsAt?: Date },
  reminder?: number,
): OutboxPayload {
  return {
    kind: 'person.notice',
    personId: who.personId,
    notice: {
      template: 'training.survey',
      surveyId: survey.id,
      kind: survey.kind,
      title: survey.title,
      ...(who.courseTitle ? { courseTitle: who.courseTitle } : {}),
      ...(who.sessionStartsAt ? { sessionDate: localOf(who.sessionStartsAt, p.timeZone).date } : {}),
      anonymous: survey.anonymous,
      ...(who.aboutPersonId ? { aboutPersonId: who.aboutPersonId } : {}),
      ...(who.aboutName ? { aboutName: who.aboutName } : {}),
      ...(survey.closesAt ? { closesOn: localOf(survey.closesAt, p.timeZone).date } : {}),
      ...(reminder ? { reminder } : {}),
      isCourse: Boolean(survey.courseId),
    },
  }
}

/** The 1:1 card about a place on a session: registered, moved, cancelled, or (to the trainer) attendance due. */
export function sessionNotice(
  p: PartnershipBasics,
  personId: string,
  session: SessionRef,
  courseTitle: string,
  change: 'registered' | 'rescheduled' | 'cancelled',
  by: string,
  beforeSurveyId?: string,
): OutboxPayload {
  const start = localOf(session.startsAt, p.timeZone)
  return {
    kind: 'person.notice',
    personId,
    notice: {
      template: 'training.session',
      sessionId: session.id,
      courseTitle,
      date: start.date,
      startTime: start.time,
      endTime: localOf(session.endsAt, p.timeZone).time,
      change,
      by,
      ...(beforeSurveyId ? { beforeSurveyId } : {}),
    },
  }
}
