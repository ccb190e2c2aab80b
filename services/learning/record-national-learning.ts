/**
 * The business manager records national learning (a national review, a national Panel report, a thematic
 * review) with its themes and links, so local actions, learning products and audits can point to it.
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import { nextLearningReference } from './learning.repo.js'
import { ZRecordNationalLearning } from './learning.schema.js'

export const recordNationalLearning = useCase({
  input: ZRecordNationalLearning,
  freeText: ['title'],
  load: async (ctx, actor, input) => {
    const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
    return {
      existing: await ctx.db.nationalLearning.findUnique({ where: { formKey: input.formKey } }),
      themes: ZPartnershipSettings.parse(partnership.settings).themes,
      today: todayIn(partnership.timeZone, ctx.clock.now()),
    }
  },
  policy: (actor, input, loaded) => {
    assertCan(actor, 'national-learning.record')
    if (loaded.existing) return
    if (input.themes.some((t) => !loaded.themes.includes(t)))
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: { themes: 'Choose themes from the list.' },
      })
    refuseSensitive({ title: input.title }, input.confirmSensitive === true)
  },
  change: async (w, input, loaded) => {
    if (loaded.existing) return { id: loaded.existing.id, reference: loaded.existing.reference, isNew: false }
    const reference = await nextLearningReference(w.tx, w.actor.partnershipId, 'NL', Number(loaded.today.slice(0, 4)))
    const row = await w.tx.nationalLearning.create({
      data: {
        partnershipId: w.actor.partnershipId,
        reference,
        kind: input.kind,
        title: input.title,
        publishedOn: input.publishedOn ? new Date(`${input.publishedOn}T00:00:00Z`) : null,
        themes: input.themes,
        links: input.links,
        formKey: input.formKey,
        createdById: w.actor.personId,
        createdAt: w.now,
      },
    })
    await w.audit({
      action: 'NATIONAL_LEARNING_RECORDED',
      subjectType: 'national-learning',
      subjectId: row.id,
      after: { reference, kind: input.kind, publishedOn: input.publishedOn ?? null, links: input.links.length },
      fields: ['title', 'themes'],
    })
    return { id: row.id, reference, isNew: true }
  },
  recover: async (ctx, _actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const winner = await ctx.db.nationalLearning.findUnique({ where: { formKey: input.formKey } })
    return winner ? { id: winner.id, reference: winner.reference, isNew: false } : undefined
  },
})
