/** The business manager changes a review type's milestone (how long after its anchor it is due). */
import { z } from 'zod'
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { fieldErrorsOf } from '../../lib/validation.js'
import { findReviewType } from './review.repo.js'

export const ZEditMilestone = z.object({
  typeKey: z.string({ required_error: 'Choose a review type.' }).min(1, 'Choose a review type.'),
  milestoneKey: z.string({ required_error: 'Enter the milestone.' }).trim().min(1, 'Enter the milestone.'),
  amount: z.coerce.number({ invalid_type_error: 'Enter a whole number.' }).int('Enter a whole number.').min(0, 'Enter 0 or more.').max(400, 'At most 400.'),
  unit: z.enum(['working-days', 'calendar-days', 'calendar-months'], { errorMap: () => ({ message: 'Choose working days, calendar days or calendar months.' }) }),
})

/** Changes apply to reviews started afterwards; running reviews keep the dates they were given. */
export async function editReviewTypeMilestone(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ typeName: string; label: string; from: string }> {
  assertCan(actor, 'review.edit-types')
  const parsed = ZEditMilestone.safeParse(raw)
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: fieldErrorsOf(parsed.error) })
  const input = parsed.data
  const type = await findReviewType(ctx.db, actor.partnershipId, input.typeKey)
  if (!type) throw new AppError('INVALID_INPUT', 'Please check the review type.', { fieldErrors: { typeKey: 'Choose a review type from the list.' } })
  const index = type.templates.findIndex((m) => m.key === input.milestoneKey)
  if (index < 0) throw new AppError('INVALID_INPUT', 'Please check the milestone.', { fieldErrors: { milestoneKey: `Choose one of: ${type.templates.map((m) => m.key).join(', ')}.` } })
  const before = type.templates[index]!
  const templates = type.templates.map((m, i) => (i === index ? { ...m, due: { amount: input.amount, unit: input.unit } } : m))
  await ctx.db.$transaction(async (tx) => {
    await tx.reviewType.update({ where: { id: type.id }, data: { milestones: templates as unknown as Prisma.InputJsonValue } })
    await recordAudit(tx, {
      partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_TYPE_CHANGED', subjectType: 'review-type', subjectId: type.id,
      before: { milestoneKey: before.key, due: before.due }, after: { milestoneKey: before.key, due: { amount: input.amount, unit: input.unit } }, at: ctx.clock.now(),
    })
  })
  return { typeName: type.name, label: before.label, from: before.from === 'awareness' ? 'the agency became aware' : 'the review starts' }
}

/** Every review type with its milestones, for the types card. */
export async function listReviewTypes(ctx: { db: ServiceContext['db'] }, actor: Actor) {
  assertCan(actor, 'review.view-status')
  const rows = await ctx.db.reviewType.findMany({ where: { partnershipId: actor.partnershipId, active: true }, orderBy: { name: 'asc' } })
  return Promise.all(rows.map(async (r) => ({ key: r.key, name: r.name, legacyName: r.legacyName, owningSubGroupKey: r.owningSubGroupKey, templates: (await findReviewType(ctx.db, actor.partnershipId, r.key))!.templates })))
}
