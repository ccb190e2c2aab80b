/**
 * "I briefed my team": a manager records delivering a 7-minute briefing in a team meeting (the partnership's
 * 7-minute briefing proforma): the date, how many staff, and the team's reflections on the three questions.
 * The reflections get the identifying-details check. The same form submitted twice records it once.
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'
import { useCase } from '../use-case.js'
import { markProgressStale } from './refresh-progress.js'
import { findProduct, isManager } from './learning.repo.js'
import { ZRecordBriefing } from './learning.schema.js'

const FREE_TEXT = ['keyThoughts', 'embedding', 'plans'] as const

const record = useCase({
  input: ZRecordBriefing,
  freeText: FREE_TEXT,
  load: async (ctx, actor, input) => {
    const product = await findProduct(ctx.db, actor.partnershipId, input.productId)
    const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
    return {
      product,
      existing: await ctx.db.productBriefing.findUnique({ where: { formKey: input.formKey } }),
      manager: await isManager(ctx.db, actor.personId, actor.roles),
      today: todayIn(partnership.timeZone, ctx.clock.now()),
    }
  },
  policy: (actor, input, loaded) => {
    assertCan(actor, 'learning.brief-team', { isManager: loaded.manager })
    if (loaded.existing) return
    if (!['SENDING', 'SENT', 'CANCELLED'].includes(loaded.product.status))
      throw new AppError('INVALID_TRANSITION', `${loaded.product.reference} has not been sent yet.`)
    if (input.briefedOn > loaded.today)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: { briefedOn: 'The briefing date cannot be in the future.' },
      })
    refuseSensitive(Object.fromEntries(FREE_TEXT.map((f) => [f, input[f]])), input.confirmSensitive === true)
  },
  change: async (w, input, loaded) => {
    const { product } = loaded
    if (loaded.existing) return { productId: product.id, reference: product.reference, isNew: false }
    const briefing = await w.tx.productBriefing.create({
      data: {
        productId: product.id,
        personId: w.actor.personId,
        briefedOn: new Date(`${input.briefedOn}T00:00:00Z`),
        staffCount: input.staffCount,
        keyThoughts: input.keyThoughts,
        embedding: input.embedding,
        plans: input.plans,
        formKey: input.formKey,
        at: w.now,
      },
    })
    await markProgressStale(w.tx, [product.id])
    // Briefing the team means the manager read it.
    await w.tx.productRead.createMany({
      data: [{ productId: product.id, personId: w.actor.personId, via: 'button', at: w.now }],
      skipDuplicates: true,
    })
    await w.audit({
      action: 'LEARNING_PRODUCT_BRIEFED',
      subjectType: 'learning-product',
      subjectId: product.id,
      after: { briefingId: briefing.id, briefedOn: input.briefedOn, staffCount: input.staffCount },
      fields: [...FREE_TEXT],
    })
    return { productId: product.id, reference: product.reference, isNew: true }
  },
  recover: async (ctx, actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const product = await findProduct(ctx.db, actor.partnershipId, input.productId)
    return { productId: product.id, reference: product.reference, isNew: false }
  },
})

/** Records the briefing; the author's card then counts it. */
export async function recordBriefing(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const result = await record(ctx, actor, raw)
  if (result.isNew) ctx.startBroadcasts?.()
  return result
}
