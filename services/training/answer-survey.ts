/**
 * Opening and answering a survey sent 1:1, and "don't ask me again".
 *
 * Anonymity: the answer of an anonymous survey is stored with no person, no time and no invitation, and the
 * "has responded" row (which stops the reminders) holds only the invitation's id. The two are written in one
 * transaction but share no key, and no audit event is written for an anonymous answer (its actor and time would
 * line up with the answer); insertAnonymousAnswer shuffles the newest answers' order on disk.
 *
 * Refusals change nothing and say why: a survey that has closed, a second answer, a number out of range, a
 * missing answer, and free text that looks like it identifies someone (until edited or confirmed).
 */
import { randomUUID } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { useCase } from '../use-case.js'
import {
  findDefinition,
  hasOptedOut,
  insertAnonymousAnswer,
  optOutScopes,
  readSurveyForAnswer,
  type DefinitionRow,
  type SurveyForAnswer,
} from './training.repo.js'
import { readSurveyAnswers, surveyFields, textSlots, type SurveyField } from './survey-definition.schema.js'
import { refuseIdentifyingDetails } from './training.rules.js'
import { type SurveyForm, type SurveyKind, type SurveyRef, ZSurveyRef } from './training.schema.js'
import { localOf } from '../calendar/local-time.js'

type SurveyRow = SurveyForAnswer
type Opened = {
  survey: SurveyRow
  definition: DefinitionRow
  invitationId: string
  responded: boolean
  fields: SurveyField[]
  form: SurveyForm
}

/** Whether the survey takes answers at `now`. */
const isOpen = (survey: SurveyRow, now: Date) =>
  survey.status === 'OPEN' && survey.opensAt <= now && (!survey.closesAt || survey.closesAt > now)

/** The survey as this person sees it, with their invitation; refuses a survey that was not sent to them. */
async function openFor(ctx: ServiceContext, actor: Actor, ref: SurveyRef): Promise<Opened> {
  const survey = await readSurveyForAnswer(ctx.db, ref.surveyId, actor.personId, ref.aboutPersonId ?? '')
  if (!survey || survey.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That survey could not be found.')
  if (!survey.invitationId)
    throw new AppError('NOT_PERMITTED', 'This survey was not sent to you, so you cannot answer it.')
  const definition = await findDefinition(ctx.db, survey.definitionId)
  const fields = surveyFields(definition.data, {
    outcomes: survey.outcomes ?? [],
    aboutName: survey.aboutName ?? undefined,
    askBefore: !survey.answeredBefore,
  })
  return {
    survey,
    definition,
    invitationId: survey.invitationId,
    responded: survey.responded,
    fields,
    form: {
      surveyId: survey.id,
      ...(ref.aboutPersonId ? { aboutPersonId: ref.aboutPersonId } : {}),
      title: survey.title,
      kind: survey.kind as SurveyKind,
      anonymous: survey.anonymous,
      courseTitle: survey.courseTitle,
      sessionDate: survey.sessionStartsAt ? localOf(survey.sessionStartsAt, survey.timeZone).date : null,
      aboutName: survey.aboutName,
      intro: definition.data.intro ?? null,
      closesOn: survey.closesAt ? localOf(survey.closesAt, survey.timeZone).date : null,
      fields,
    },
  }
}

/** Refuses a closed survey and a second answer. */
function assertCanAnswer(opened: Opened, now: Date) {
  if (opened.responded) throw new AppError('ALREADY_DONE', 'You have already answered this survey. Thank you.')
  if (!isOpen(opened.survey, now))
    throw new AppError(
      'INVALID_TRANSITION',
      opened.survey.status === 'CANCELLED'
        ? 'This survey was cancelled with its session.'
        : opened.survey.opensAt > now
          ? 'This survey is not open yet.'
          : 'This survey has closed, so it no longer takes answers.',
    )
}

/** The survey to answer, for the form: refused when it is closed, already answered, or not sent to this person. */
export async function openSurvey(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<SurveyForm> {
  const ref = ZSurveyRef.parse(raw)
  const opened = await openFor(ctx, actor, ref)
  assertCanAnswer(opened, ctx.clock.now())
  return opened.form
}

const ZAnswer = ZSurveyRef.passthrough()

/** Stores the answer (named or anonymous) and the "has responded" record, once. */
export const answerSurvey = useCase({
  input: ZAnswer,
  freeText: [],
  load: (ctx, actor, input) => openFor(ctx, actor, input),
  policy: (_actor, input, opened, ctx) => {
    assertCanAnswer(opened, ctx.clock.now())
    const { errors } = readSurveyAnswers(opened.fields, input)
    const texts = textSlots(opened.fields)
    if (Object.keys(errors).length) {
      // Warnings about identifying details come in the same reply as the other messages.
      const sensitive = (() => {
        try {
          refuseIdentifyingDetails(input, texts)
          return {}
        } catch (error) {
          return error instanceof AppError ? error.fieldErrors : {}
        }
      })()
      throw new AppError(
        Object.keys(sensitive).length ? 'SENSITIVE_TEXT' : 'INVALID_INPUT',
        'Please check the highlighted answers.',
        {
          fieldErrors: { ...sensitive, ...errors },
        },
      )
    }
    refuseIdentifyingDetails(input, texts)
  },
  change: async (w, input, opened) => {
    const { answers } = readSurveyAnswers(opened.fields, input)
    const claimed = await w.tx.surveyResponded.createMany({
      data: [{ invitationId: opened.invitationId }],
      skipDuplicates: true,
    })
    if (claimed.count !== 1) throw new AppError('ALREADY_DONE', 'You have already answered this survey. Thank you.')
    if (opened.survey.anonymous) {
      await insertAnonymousAnswer(w.tx, {
        surveyId: opened.survey.id,
        definitionVersion: opened.definition.version,
        answers,
      })
    } else {
      const answerId = randomUUID()
      await w.tx.surveyAnswer.create({
        data: {
          id: answerId,
          surveyId: opened.survey.id,
          personId: w.actor.personId,
          aboutPersonId: input.aboutPersonId ?? null,
          definitionVersion: opened.definition.version,
          answers: answers as Prisma.InputJsonValue,
        },
      })
      await w.audit({
        action: 'SURVEY_ANSWERED',
        subjectType: 'survey',
        subjectId: opened.survey.id,
        after: { answerId },
      })
    }
    return { title: opened.survey.title, kind: opened.survey.kind as SurveyKind, anonymous: opened.survey.anonymous }
  },
})

/** "Don't ask me again": for the survey's course (every later survey of it), or this survey alone. */
export const stopAsking = useCase({
  input: ZSurveyRef,
  load: (ctx, actor, input) => openFor(ctx, actor, input),
  policy: () => undefined,
  change: async (w, _input, opened) => {
    const [scope] = optOutScopes(opened.survey)
    if (await hasOptedOut(w.tx, w.actor.personId, [scope!]))
      return { title: opened.survey.title, isCourse: Boolean(opened.survey.courseId) }
    await w.tx.surveyOptOut.createMany({ data: [{ personId: w.actor.personId, scope: scope! }], skipDuplicates: true })
    await w.audit({
      action: 'SURVEY_OPTED_OUT',
      subjectType: 'survey',
      subjectId: opened.survey.id,
      after: { scope: scope! },
    })
    return { title: opened.survey.title, isCourse: Boolean(opened.survey.courseId) }
  },
})
