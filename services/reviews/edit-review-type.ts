/**
 * The business manager changes when one of a review type's milestones falls due: a local timescale. Statutory
 * ones (statutory-timescales.ts) are refused: they are fixed in law and in code. A change needs a reason, kept
 * with it (SettingChange) and named in its audit event. Changes apply to reviews started afterwards; running
 * reviews keep the dates they were given.
 *
 * Concurrency: the type's milestones are one JSON column, so the change re-reads them under a row lock in
 * its transaction; two edits at once apply one after the other and neither loses the other's change.
 */
import type { Prisma } from '@prisma/client'
import { AppError } from '../../lib/errors.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { refuseSensitive } from './review.rules.js'
import { STATUTORY_TIMESCALES, statutoryMilestone } from './statutory-timescales.js'
import { findReviewType } from './review.repo.js'
import { ZEditMilestone } from './review.schema.js'

const FROM_WORDS = {
  awareness: 'the agency became aware',
  start: 'the review starts',
  publication: 'the review is published',
} as const

/** Sets the milestone's due amount and unit; returns the words the confirmation uses ("after the review starts"). */
export const editReviewTypeMilestone = useCase({
  input: ZEditMilestone,
  freeText: ['reason'],
  load: (ctx, actor, input) => findReviewType(ctx.db, actor.partnershipId, input.typeKey),
  policy: (actor, input, type) => {
    assertCan(actor, 'review.edit-types')
    if (!type) {
      throw new AppError('INVALID_INPUT', 'Please check the review type.', {
        fieldErrors: { milestoneKey: 'Choose a milestone from the list.' },
      })
    }
    if (!type.templates.some((m) => m.key === input.milestoneKey)) {
      throw new AppError('INVALID_INPUT', 'Please check the milestone.', {
        fieldErrors: { milestoneKey: 'Choose a milestone from the list.' },
      })
    }
    const statutory = statutoryMilestone(input.typeKey, input.milestoneKey)
    if (statutory) {
      throw new AppError('INVALID_INPUT', 'That timescale is statutory.', {
        fieldErrors: {
          milestoneKey:
            `This timescale is statutory (${STATUTORY_TIMESCALES[statutory].workingDays} working days: ` +
            `${STATUTORY_TIMESCALES[statutory].source}), so it cannot be changed.`,
        },
      })
    }
    refuseSensitive({ reason: input.reason }, input.confirmSensitive)
  },
  change: async (w, input, loaded) => {
    await w.tx.$queryRaw`select id from "ReviewType" where id = ${loaded!.id} for update`
    const type = (await findReviewType(w.tx, w.actor.partnershipId, input.typeKey))!
    const before = type.templates.find((m) => m.key === input.milestoneKey)
    if (!before)
      throw new AppError(
        'ALREADY_DONE',
        `${type.name} was changed by someone else a moment ago. Please look at it again.`,
      )
    const due = { amount: input.amount, unit: input.unit }
    const templates = type.templates.map((m) => (m.key === input.milestoneKey ? { ...m, due } : m))
    await w.tx.reviewType.update({
      where: { id: type.id },
      data: { milestones: templates as unknown as Prisma.InputJsonValue },
    })
    const change = await w.tx.settingChange.create({
      data: {
        partnershipId: w.actor.partnershipId,
        subject: `review-type:${type.key}:${before.key}`,
        reason: input.reason,
        byId: w.actor.personId,
        at: w.now,
      },
    })
    await w.audit({
      action: 'REVIEW_TYPE_CHANGED',
      subjectType: 'review-type',
      subjectId: type.id,
      before: { typeKey: type.key, milestoneKey: before.key, amount: before.due.amount, unit: before.due.unit },
      after: {
        typeKey: type.key,
        milestoneKey: before.key,
        amount: due.amount,
        unit: due.unit,
        settingChangeId: change.id,
      },
      fields: ['reason'],
    })
    const from = `${before.before ? 'before' : 'after'} ${FROM_WORDS[before.from]}`
    return { typeName: type.name, label: before.label, from }
  },
})
