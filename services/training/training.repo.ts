/**
 * Prisma queries of training and surveys. Every function takes `db` (the client or a transaction) first. The
 * writes that must happen once (a step, a reminder, an audience survey opening) are conditional updates that
 * report whether they claimed the row.
 */
import { randomUUID } from 'node:crypto'
import { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { DEFAULT_SURVEYS } from './survey-defaults.js'
import { type SurveyAnswers, type SurveyDefinitionData, ZSurveyDefinition } from './survey-definition.schema.js'

export type PartnershipBasics = {
  id: string
  timeZone: string
  referencePrefix: string
  themes: string[]
  training: { followUpWeeks: number; minAnswers: number; reminderWorkingDays: number }
}

/** The partnership's time zone, reference prefix, themes and training settings. */
export async function findPartnershipBasics(db: Db, partnershipId: string): Promise<PartnershipBasics> {
  const p = await db.partnership.findUniqueOrThrow({
    where: { id: partnershipId },
    select: { id: true, timeZone: true, referencePrefix: true, settings: true },
  })
  const settings = ZPartnershipSettings.parse(p.settings ?? {})
  return {
    id: p.id,
    timeZone: p.timeZone,
    referencePrefix: p.referencePrefix,
    themes: settings.themes,
    training: settings.training,
  }
}

export type DefinitionRow = { id: string; key: string; version: number; title: string; data: SurveyDefinitionData }

const toDefinition = (row: { id: string; key: string; version: number; title: string; definition: unknown }) => ({
  id: row.id,
  key: row.key,
  version: row.version,
  title: row.title,
  data: ZSurveyDefinition.parse(row.definition),
})

/**
 * The newest version of a survey definition, writing version 1 from the defaults the first time it is needed.
 * Two first uses at once both try to insert; the loser reads the winner's row.
 */
export async function ensureDefinition(db: Db, partnershipId: string, key: string, now: Date): Promise<DefinitionRow> {
  const latest = await db.surveyDefinition.findFirst({ where: { partnershipId, key }, orderBy: { version: 'desc' } })
  if (latest) return toDefinition(latest)
  const data = DEFAULT_SURVEYS[key]
  if (!data) throw new AppError('NOT_FOUND', 'That survey could not be found.')
  await db.surveyDefinition.createMany({
    data: [
      { partnershipId, key, version: 1, title: data.title, definition: data as Prisma.InputJsonValue, createdAt: now },
    ],
    skipDuplicates: true,
  })
  return toDefinition(
    await db.surveyDefinition.findFirstOrThrow({ where: { partnershipId, key }, orderBy: { version: 'desc' } }),
  )
}

/** Definitions already read, by id: a definition row never changes (an edit makes a new version). */
const definitions = new Map<string, DefinitionRow>()

/** A definition by the id a survey was sent with (the version it was answered on). */
export async function findDefinition(db: Db, id: string): Promise<DefinitionRow> {
  const known = definitions.get(id)
  if (known) return known
  const row = toDefinition(await db.surveyDefinition.findUniqueOrThrow({ where: { id } }))
  if (definitions.size > 500) definitions.clear()
  definitions.set(id, row)
  return row
}

/** The course with its sessions (newest last) and their bookings. */
export const findCourse = (db: Db, id: string) =>
  db.course.findUnique({
    where: { id },
    include: { sessions: { orderBy: { startsAt: 'asc' }, include: { bookings: true } } },
  })

/** A session with its course and bookings. */
export const findSession = (db: Db, id: string) =>
  db.courseSession.findUnique({ where: { id }, include: { course: true, bookings: true } })

/** Takes the session's row lock for the rest of the transaction, so two bookings never both take the last place. */
export async function lockSession(tx: Prisma.TransactionClient, sessionId: string): Promise<void> {
  await tx.$queryRaw`select id from "CourseSession" where id = ${sessionId} for update`
}

/** Whether the person asked not to be asked again for this course (or this survey). */
export async function hasOptedOut(db: Db, personId: string, scopes: string[]): Promise<boolean> {
  return (await db.surveyOptOut.count({ where: { personId, scope: { in: scopes } } })) > 0
}

/** The opt-out scopes of a survey: its course's, and its own. */
export const optOutScopes = (survey: { id: string; courseId: string | null }) =>
  survey.courseId ? [`course:${survey.courseId}`, `survey:${survey.id}`] : [`survey:${survey.id}`]

/**
 * Stores an anonymous answer where its position on disk says nothing about when it came: up to four earlier
 * answers of the same survey are taken out and written back with it, in random order. A table dump or a
 * sequential scan returns rows in the order they were written, so without this the newest "has responded" row
 * and the last answer could be lined up; now the newest answer is one of the last five rows, in no order.
 */
export async function insertAnonymousAnswer(
  tx: Prisma.TransactionClient,
  answer: { surveyId: string; definitionVersion: number; answers: SurveyAnswers },
): Promise<void> {
  // SKIP LOCKED: answers being moved by another submit at this moment are left to it, so submits never queue.
  const moved = await tx.$queryRaw<{ id: string; definitionVersion: number; answers: Prisma.JsonValue }[]>`
    delete from "SurveyAnswer" where id in (
      select id from "SurveyAnswer" where "surveyId" = ${answer.surveyId}
      order by random() limit 4 for update skip locked
    ) returning id, "definitionVersion", answers`
  const rows = [
    { id: randomUUID(), definitionVersion: answer.definitionVersion, answers: answer.answers as Prisma.InputJsonValue },
    ...moved.map((m) => ({
      id: m.id,
      definitionVersion: m.definitionVersion,
      answers: m.answers as Prisma.InputJsonValue,
    })),
  ]
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[rows[i], rows[j]] = [rows[j]!, rows[i]!]
  }
  // One statement, rows in the shuffled order.
  await tx.surveyAnswer.createMany({ data: rows.map((row) => ({ ...row, surveyId: answer.surveyId })) })
}

/** The answers of several surveys, by survey id (the JSON as stored). */
export async function answersBySurvey(db: Db, surveyIds: string[]): Promise<Map<string, SurveyAnswers[]>> {
  const out = new Map<string, SurveyAnswers[]>(surveyIds.map((id) => [id, []]))
  if (!surveyIds.length) return out
  const rows = await db.$queryRaw<{ surveyId: string; answers: SurveyAnswers }[]>`
    select "surveyId", answers from "SurveyAnswer" where "surveyId" in (${Prisma.join(surveyIds)})`
  for (const r of rows) out.get(r.surveyId)?.push(r.answers)
  return out
}

/** How many were asked, and how many answered, per survey. */
export async function countsBySurvey(
  db: Db,
  surveyIds: string[],
): Promise<Map<string, { invited: number; answered: number }>> {
  const out = new Map(surveyIds.map((id) => [id, { invited: 0, answered: 0 }]))
  if (!surveyIds.length) return out
  const rows = await db.$queryRaw<{ surveyId: string; invited: number; answered: number }[]>`
    select i."surveyId", count(*)::int as invited, count(r."invitationId")::int as answered
    from "SurveyInvitation" i left join "SurveyResponded" r on r."invitationId" = i.id
    where i."surveyId" in (${Prisma.join(surveyIds)}) group by i."surveyId"`
  for (const r of rows) out.set(r.surveyId, { invited: r.invited, answered: r.answered })
  return out
}

/** What answering a survey needs to know, about the survey and this person, read in one statement. */
export type SurveyForAnswer = {
  id: string
  partnershipId: string
  definitionId: string
  kind: string
  courseId: string | null
  sessionId: string | null
  title: string
  anonymous: boolean
  opensAt: Date
  closesAt: Date | null
  status: string
  invitationId: string | null
  responded: boolean
  courseTitle: string | null
  outcomes: string[] | null
  sessionStartsAt: Date | null
  aboutName: string | null
  timeZone: string
  /** Straight after a session: whether this person rated their confidence before it. */
  answeredBefore: boolean
}

/**
 * A survey with this person's invitation, whether they answered, its course and session, the person a manager's
 * card is about, and (straight after a session) whether they answered before it: one round trip, since every
 * answer of a busy session comes through here.
 */
export async function readSurveyForAnswer(
  db: Db,
  surveyId: string,
  personId: string,
  aboutPersonId: string,
): Promise<SurveyForAnswer | null> {
  const [row] = await db.$queryRaw<SurveyForAnswer[]>`
    select s.id, s."partnershipId", s."definitionId", s.kind, s."courseId", s."sessionId", s.title, s.anonymous,
           s."opensAt", s."closesAt", s.status, i.id as "invitationId",
           (i.id is not null and exists (select 1 from "SurveyResponded" r where r."invitationId" = i.id)) as responded,
           c.title as "courseTitle", c.outcomes, cs."startsAt" as "sessionStartsAt", ap.name as "aboutName",
           pt."timeZone",
           case when s.kind = 'after' and s."sessionId" is not null then exists (
             select 1 from "Survey" b
             join "SurveyInvitation" bi on bi."surveyId" = b.id and bi."personId" = ${personId}
             join "SurveyResponded" br on br."invitationId" = bi.id
             where b."sessionId" = s."sessionId" and b.kind = 'before'
           ) else true end as "answeredBefore"
    from "Survey" s
    join "Partnership" pt on pt.id = s."partnershipId"
    left join "SurveyInvitation" i
      on i."surveyId" = s.id and i."personId" = ${personId} and i."aboutPersonId" = ${aboutPersonId}
    left join "Course" c on c.id = s."courseId"
    left join "CourseSession" cs on cs.id = s."sessionId"
    left join "Person" ap on ap.id = ${aboutPersonId || null}
    where s.id = ${surveyId}`
  return row ?? null
}
