/**
 * A survey definition is data, and a partnership can write its own (or change one of the defaults). A definition
 * that has been sent is never changed, so every answer stays readable against the questions it answered: saving it
 * again makes the next version, which later surveys use. One never sent is changed in place.
 */
import type { Prisma } from '@prisma/client'
import { z } from 'zod'
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { TRAINING_SURVEY_KEYS } from './survey-defaults.js'
import { ZSurveyDefinition } from './survey-definition.schema.js'

const ZSave = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{2,40}$/, 'A key is a short lower-case name with hyphens.'),
  definition: ZSurveyDefinition,
})

/** Saves a definition: in place while unsent, else as its next version. Returns the version saved. */
export const saveSurveyDefinition = useCase({
  input: ZSave,
  load: async (ctx, actor, input) => {
    const latest = await ctx.db.surveyDefinition.findFirst({
      where: { partnershipId: actor.partnershipId, key: input.key },
      orderBy: { version: 'desc' },
    })
    const sent = latest ? (await ctx.db.survey.count({ where: { definitionId: latest.id } })) > 0 : false
    return { latest, sent }
  },
  policy: (actor, input) => {
    assertCan(actor, 'survey.send')
    // The training stages are the partnership's evaluation: the learning sub-group's chair changes them.
    if ((Object.values(TRAINING_SURVEY_KEYS) as string[]).includes(input.key) && !actor.chairs.includes('learning'))
      throw new AppError(
        'NOT_PERMITTED',
        "Only the Learning and Development Sub-group's chair changes the training surveys.",
      )
  },
  change: async (w, input, { latest, sent }) => {
    const data = input.definition as Prisma.InputJsonValue
    if (latest && !sent) {
      await w.tx.surveyDefinition.update({
        where: { id: latest.id },
        data: { title: input.definition.title, definition: data },
      })
      await w.audit({
        action: 'SURVEY_DEFINITION_SAVED',
        subjectType: 'survey-definition',
        subjectId: latest.id,
        after: { key: input.key, version: latest.version },
      })
      return { key: input.key, version: latest.version, isNewVersion: false }
    }
    const version = latest ? latest.version + 1 : 1
    const row = await w.tx.surveyDefinition.create({
      data: {
        partnershipId: w.actor.partnershipId,
        key: input.key,
        version,
        title: input.definition.title,
        definition: data,
        createdById: w.actor.personId,
        createdAt: w.now,
      },
    })
    await w.audit({
      action: 'SURVEY_DEFINITION_SAVED',
      subjectType: 'survey-definition',
      subjectId: row.id,
      after: { key: input.key, version },
    })
    return { key: input.key, version, isNewVersion: true }
  },
})
