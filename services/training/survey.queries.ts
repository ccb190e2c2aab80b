/**
 * Surveys sent to an audience: the list and results for the people who send them (the chairs of the learning and
 * quality assurance sub-groups, trainers, the business manager), the send form's lists, and the public link's
 * survey, which anyone holding the link may read and answer without signing in. Results count answers only: an
 * anonymous or public answer names nobody, so nobody (the business manager included) can see who gave it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { ROLE_LABELS, type Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { auditKey } from '../audit-log/audit-hash.js'
import { summariseAnswers, themesIn } from './results.rules.js'
import { AUDIENCE_SURVEY_KEYS, DEFAULT_SURVEYS, TRAINING_SURVEY_KEYS } from './survey-defaults.js'
import { readSurveyAnswers, surveyFields, textSlots, type SurveyField } from './survey-definition.schema.js'
import {
  answersBySurvey,
  countsBySurvey,
  findDefinition,
  findPartnershipBasics,
  insertAnonymousAnswer,
} from './training.repo.js'
import { refuseIdentifyingDetails } from './training.rules.js'
import type { AudienceSurveyLine, SurveyResults } from './training.schema.js'
import { localOf } from '../calendar/local-time.js'

const statusOf = (s: { status: string; closesAt: Date | null }, now: Date): AudienceSurveyLine['status'] =>
  s.status === 'SCHEDULED' ? 'SCHEDULED' : s.closesAt && s.closesAt <= now ? 'CLOSED' : 'OPEN'

/** Surveys sent to an audience, newest first. */
export async function listAudienceSurveys(ctx: ServiceContext, actor: Actor): Promise<AudienceSurveyLine[]> {
  assertCan(actor, 'survey.send')
  const now = ctx.clock.now()
  const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
  const surveys = await ctx.db.survey.findMany({
    where: { partnershipId: actor.partnershipId, kind: 'audience' },
    orderBy: { createdAt: 'desc' },
    take: 20,
  })
  const ids = surveys.map((s) => s.id)
  const [counts, answers] = await Promise.all([countsBySurvey(ctx.db, ids), answersBySurvey(ctx.db, ids)])
  const base = ctx.publicUrl?.() ?? ''
  return surveys.map((s) => ({
    id: s.id,
    title: s.title,
    opensOn: localOf(s.opensAt, p.timeZone).date,
    closesOn: s.closesAt ? localOf(s.closesAt, p.timeZone).date : null,
    anonymous: s.anonymous,
    invited: counts.get(s.id)?.invited ?? 0,
    answered: answers.get(s.id)?.length ?? 0,
    publicUrl: s.publicToken ? `${base}/s/${s.publicToken}` : null,
    status: statusOf(s, now),
  }))
}

/** One audience survey's results: per question, withheld below the minimum; themes in its free text. */
export async function surveyResults(ctx: ServiceContext, actor: Actor, surveyId: string): Promise<SurveyResults> {
  assertCan(actor, 'survey.send')
  const survey = await ctx.db.survey.findUnique({ where: { id: surveyId } })
  if (!survey || survey.partnershipId !== actor.partnershipId || survey.kind !== 'audience')
    throw new AppError('NOT_FOUND', 'That survey could not be found.')
  const [p, definition, counts, answers] = await Promise.all([
    findPartnershipBasics(ctx.db, actor.partnershipId),
    findDefinition(ctx.db, survey.definitionId),
    countsBySurvey(ctx.db, [survey.id]),
    answersBySurvey(ctx.db, [survey.id]),
  ])
  const list = answers.get(survey.id) ?? []
  const min = p.training.minAnswers
  const texts = list.flatMap((a) => Object.values(a).filter((v): v is string => typeof v === 'string' && v.length > 12))
  return {
    id: survey.id,
    title: survey.title,
    anonymous: survey.anonymous,
    invited: counts.get(survey.id)?.invited ?? 0,
    answered: list.length,
    minAnswers: min,
    suppressed: list.length < min,
    questions: summariseAnswers(definition.data, list, min),
    themes: list.length >= min ? themesIn(texts, p.themes) : [],
  }
}

/** The send form's lists: the surveys, agencies, roles, sub-groups and schools and colleges. */
export async function sendSurveyChoices(ctx: ServiceContext, actor: Actor) {
  assertCan(actor, 'survey.send')
  const [agencies, groups, settings, own] = await Promise.all([
    ctx.db.agency.findMany({ where: { partnershipId: actor.partnershipId }, orderBy: { name: 'asc' } }),
    ctx.db.subGroup.findMany({ where: { partnershipId: actor.partnershipId }, orderBy: { name: 'asc' } }),
    ctx.db.setting.findMany({ where: { partnershipId: actor.partnershipId }, orderBy: { name: 'asc' } }),
    ctx.db.surveyDefinition.findMany({
      where: { partnershipId: actor.partnershipId, key: { notIn: Object.values(TRAINING_SURVEY_KEYS) } },
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
      distinct: ['key'],
      select: { key: true, title: true },
    }),
  ])
  const option = (r: { key: string; name: string }) => ({ value: r.key, label: r.name })
  return {
    surveys: [
      ...AUDIENCE_SURVEY_KEYS.filter((key) => !own.some((d) => d.key === key)).map((key) => ({
        value: key,
        label: DEFAULT_SURVEYS[key]!.title,
      })),
      ...own.map((d) => ({ value: d.key, label: d.title })),
    ],
    agencies: agencies.map(option),
    roles: Object.entries(ROLE_LABELS)
      .filter(([key]) => key !== 'independent-chair')
      .map(([value, label]) => ({ value, label: label[0]!.toUpperCase() + label.slice(1) })),
    subGroups: groups.map(option),
    settings: settings.map(option),
  }
}

/** What the public page shows. */
export type PublicSurvey = {
  title: string
  intro: string | null
  fields: SurveyField[]
  isOpen: boolean
  closesOn: string | null
  /** Goes back with the answers: proves the page was loaded a few seconds before, and not too long ago. */
  formToken: string
}

/** A public form must be at least this old when sent (a person reads it first), and at most this old. */
const FORM_MIN_AGE_MS = 3_000
const FORM_MAX_AGE_MS = 6 * 3_600_000
const formSignature = (surveyToken: string, issuedAt: number) =>
  createHmac('sha256', auditKey()).update(`public-survey-form\n${surveyToken}\n${issuedAt}`).digest('base64url')

/** Whether a public form token was issued for this survey between 3 seconds and 6 hours ago. */
function isFreshFormToken(surveyToken: string, formToken: unknown, now: number): boolean {
  if (typeof formToken !== 'string') return false
  const [issued, signature] = formToken.split('.')
  const issuedAt = Number(issued)
  if (!Number.isInteger(issuedAt) || !signature) return false
  const expected = Buffer.from(formSignature(surveyToken, issuedAt))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false
  return now - issuedAt >= FORM_MIN_AGE_MS && now - issuedAt <= FORM_MAX_AGE_MS
}

async function findPublic(ctx: ServiceContext, token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null
  const survey = await ctx.db.survey.findUnique({ where: { publicToken: token } })
  return survey && survey.status !== 'CANCELLED' ? survey : null
}

/** The survey behind a public link, or NOT_FOUND. */
export async function getPublicSurvey(ctx: ServiceContext, token: string): Promise<PublicSurvey> {
  const survey = await findPublic(ctx, token)
  if (!survey) throw new AppError('NOT_FOUND', 'This survey could not be found.')
  const [definition, p] = await Promise.all([
    findDefinition(ctx.db, survey.definitionId),
    findPartnershipBasics(ctx.db, survey.partnershipId),
  ])
  const now = ctx.clock.now()
  return {
    title: survey.title,
    intro: definition.data.intro ?? null,
    fields: surveyFields(definition.data, { outcomes: [] }),
    isOpen: survey.status === 'OPEN' && survey.opensAt <= now && (!survey.closesAt || survey.closesAt > now),
    closesOn: survey.closesAt ? localOf(survey.closesAt, p.timeZone).date : null,
    formToken: `${now.getTime()}.${formSignature(token, now.getTime())}`,
  }
}

/**
 * An answer through the public link: no sign-in and no personal details. Stored like an anonymous answer (no
 * person, no time, shuffled on disk); nothing about the device is kept. Refusals: closed, out of range, missing,
 * and identifying details until edited or confirmed.
 */
export async function answerPublicSurvey(
  ctx: ServiceContext,
  token: string,
  values: Record<string, unknown>,
): Promise<{ stored: boolean }> {
  const survey = await findPublic(ctx, token)
  if (!survey) throw new AppError('NOT_FOUND', 'This survey could not be found.')
  const now = ctx.clock.now()
  // Spam: a box people never see was filled in (a robot fills every box): thanked, and nothing is kept.
  if (typeof values.website === 'string' && values.website.trim() !== '') return { stored: false }
  if (!isFreshFormToken(token, values.formToken, now.getTime()))
    throw new AppError('INVALID_INPUT', 'Please check your answers and send them again.', {
      fieldErrors: {
        form: 'This page was open too long, or sent too quickly. Please check your answers and send them again.',
      },
    })
  if (survey.status !== 'OPEN' || survey.opensAt > now || (survey.closesAt && survey.closesAt <= now))
    throw new AppError('INVALID_TRANSITION', 'This survey has closed, so it no longer takes answers. Thank you.')
  const definition = await findDefinition(ctx.db, survey.definitionId)
  const fields = surveyFields(definition.data, { outcomes: [] })
  const { answers, errors } = readSurveyAnswers(fields, values)
  let sensitive: Record<string, string> = {}
  try {
    refuseIdentifyingDetails(values, textSlots(fields))
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    sensitive = error.fieldErrors
  }
  if (Object.keys(errors).length || Object.keys(sensitive).length)
    throw new AppError(
      Object.keys(sensitive).length ? 'SENSITIVE_TEXT' : 'INVALID_INPUT',
      'Please check the answers marked below.',
      {
        fieldErrors: { ...sensitive, ...errors },
      },
    )
  await ctx.db.$transaction((tx: Prisma.TransactionClient) =>
    insertAnonymousAnswer(tx, { surveyId: survey.id, definitionVersion: definition.version, answers }),
  )
  return { stored: true }
}

/**
 * Surveys waiting for this person (for `my tasks`): sent to them, open, not answered, and not stopped with
 * "don't ask me again". Each opens its form.
 */
export async function surveysWaiting(ctx: ServiceContext, actor: Actor) {
  const now = ctx.clock.now()
  const rows = await ctx.db.$queryRaw<
    {
      surveyId: string
      aboutPersonId: string
      title: string
      kind: string
      closesAt: Date | null
      reference: string | null
      about: string | null
    }[]
  >`
    select i."surveyId", i."aboutPersonId", s.title, s.kind, s."closesAt", c.reference, ap.name as about
    from "SurveyInvitation" i
    join "Survey" s on s.id = i."surveyId"
    left join "Course" c on c.id = s."courseId"
    left join "Person" ap on ap.id = nullif(i."aboutPersonId", '')
    where i."personId" = ${actor.personId} and s.status = 'OPEN' and s."opensAt" <= ${now}
      and (s."closesAt" is null or s."closesAt" > ${now})
      and not exists (select 1 from "SurveyResponded" r where r."invitationId" = i.id)
      and not exists (select 1 from "SurveyOptOut" o where o."personId" = i."personId"
                      and (o.scope = 'survey:' || s.id or o.scope = 'course:' || s."courseId"))
    order by s."closesAt" nulls last
    limit 20`
  const p = await findPartnershipBasics(ctx.db, actor.partnershipId)
  return rows.map((r) => ({
    what:
      r.kind === 'manager'
        ? `Say whether you have seen a change in ${r.about ?? 'your member of staff'}'s practice since the course`
        : 'Answer the survey',
    reference: r.reference ? `${r.reference} ${r.title}` : r.title,
    dueDate: r.closesAt ? localOf(r.closesAt, p.timeZone).date : null,
    data: { surveyId: r.surveyId, ...(r.aboutPersonId ? { aboutPersonId: r.aboutPersonId } : {}) },
  }))
}
