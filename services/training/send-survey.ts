/**
 * The learning or quality assurance sub-group sends a survey to an audience (agencies, roles, sub-groups, schools
 * and colleges, or everyone) with open and close dates, named or anonymous, and optionally with a public link for
 * children and families (no sign-in). A survey opening today is sent at once; a later one is opened by the
 * training job on its day. A double submit sends one survey.
 */
import { randomBytes } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { isEmptyAudience, resolveAudience, ZAudience } from '../audiences/index.js'
import { ROLES, type Role } from '../people/people.schema.js'
import { AUDIENCE_SURVEY_KEYS, TRAINING_SURVEY_KEYS } from './survey-defaults.js'
import { invite } from './training.change.js'
import { ensureDefinition, findPartnershipBasics, type PartnershipBasics } from './training.repo.js'
import { type SendSurvey, ZSendSurvey } from './training.schema.js'
import { instantOf } from '../calendar/local-time.js'

type Loaded = { existing: { id: string } | null; p: PartnershipBasics; known: Record<string, Set<string>> }

const audienceOf = (input: SendSurvey) =>
  ZAudience.parse({
    everyone: input.everyone,
    agencies: input.agencies,
    // Unknown roles are refused by the policy, next to the field; here they are left out.
    roles: input.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    subGroups: input.subGroups,
    settings: input.settings,
  })

/** Sends (or schedules) the survey; a repeat submit answers with the first one. */
export const sendSurvey = useCase({
  input: ZSendSurvey,
  load: async (ctx, actor, input): Promise<Loaded> => {
    const [existing, p, agencies, groups, settings, own] = await Promise.all([
      ctx.db.survey.findUnique({ where: { formKey: input.formToken }, select: { id: true } }),
      findPartnershipBasics(ctx.db, actor.partnershipId),
      ctx.db.agency.findMany({ where: { partnershipId: actor.partnershipId }, select: { key: true } }),
      ctx.db.subGroup.findMany({ where: { partnershipId: actor.partnershipId }, select: { key: true } }),
      ctx.db.setting.findMany({ where: { partnershipId: actor.partnershipId }, select: { key: true } }),
      ctx.db.surveyDefinition.findMany({ where: { partnershipId: actor.partnershipId }, select: { key: true } }),
    ])
    const keys = (rows: { key: string }[]) => new Set(rows.map((r) => r.key))
    const surveys = new Set([...AUDIENCE_SURVEY_KEYS, ...own.map((d) => d.key)])
    for (const key of Object.values(TRAINING_SURVEY_KEYS)) surveys.delete(key)
    return {
      existing,
      p,
      known: { agencies: keys(agencies), subGroups: keys(groups), settings: keys(settings), surveys },
    }
  },
  policy: (actor, input, { existing, p, known }, ctx) => {
    assertCan(actor, 'survey.send')
    if (existing) return
    const errors: Record<string, string> = {}
    if (!known.surveys!.has(input.definitionKey)) errors.definitionKey = 'Choose a survey from the list.'
    for (const part of ['agencies', 'subGroups', 'settings'] as const)
      if (input[part].some((k) => !known[part]!.has(k))) errors[part] = 'Choose from the list.'
    if (input.roles.some((r) => !(ROLES as readonly string[]).includes(r))) errors.roles = 'Choose from the list.'
    if (isEmptyAudience(audienceOf(input)) && !input.publicLink)
      errors.everyone = 'Choose who it goes to, or give it a public link.'
    if (input.opensOn < todayIn(p.timeZone, ctx.clock.now())) errors.opensOn = 'It cannot open in the past.'
    if (Object.keys(errors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: errors })
  },
  change: async (w, input, { existing, p }) => {
    if (existing) return { surveyId: existing.id, isNew: false, invited: 0, publicToken: null, opensNow: false }
    const definition = await ensureDefinition(w.tx, p.id, input.definitionKey, w.now)
    const opensAt = instantOf(input.opensOn, '08:00', p.timeZone)
    const opensNow = input.opensOn <= todayIn(p.timeZone, w.now)
    const audience = audienceOf(input)
    const survey = await w.tx.survey.create({
      data: {
        partnershipId: p.id,
        definitionId: definition.id,
        kind: 'audience',
        title: definition.title,
        anonymous: !input.namedAnswers,
        opensAt: opensNow ? w.now : opensAt,
        closesAt: instantOf(input.closesOn, '23:59', p.timeZone),
        status: opensNow ? 'OPEN' : 'SCHEDULED',
        publicToken: input.publicLink ? randomBytes(18).toString('base64url') : null,
        audience: audience as Prisma.InputJsonValue,
        createdById: w.actor.personId,
        createdAt: w.now,
        formKey: input.formToken,
      },
    })
    let invited = 0
    if (opensNow) {
      const people = await resolveAudience(w.tx, p.id, ZAudience.parse(audience))
      const notices = await invite(
        w.tx,
        p,
        survey,
        people.map((m) => ({ personId: m.personId })),
        { now: w.now },
      )
      invited = notices.length
      await w.notify(notices)
    }
    await w.audit({
      action: 'SURVEY_SENT',
      subjectType: 'survey',
      subjectId: survey.id,
      after: {
        kind: 'audience',
        definitionKey: input.definitionKey,
        invited,
        anonymous: survey.anonymous,
        publicLink: input.publicLink,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
      },
    })
    return { surveyId: survey.id, isNew: true, invited, publicToken: survey.publicToken, opensNow }
  },
  recover: async (ctx, _actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const again = await ctx.db.survey.findUnique({ where: { formKey: input.formToken } })
    return again ? { surveyId: again.id, isNew: false, invited: 0, publicToken: null, opensNow: false } : undefined
  },
})
