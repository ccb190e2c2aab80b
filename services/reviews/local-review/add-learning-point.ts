/**
 * The chair or business manager adds a finding (good practice or an area for improvement) with its themes. An
 * area for improvement on a theme that came back after verified actions is flagged (services/insight).
 */
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { flagRecurrences } from '../../insight/flag-recurrence.js'
import { useCase } from '../../use-case.js'
import { ZLearningPoint } from '../local-review.schema.js'
import { assertEditable, loadLocalReview } from '../review.change.js'
import { findPartnership } from '../review.repo.js'
import { refuseSensitive } from '../review.rules.js'

/** Themes come from the partnership's list; the finding's text is checked for identifying details. */
export const addLearningPoint = useCase({
  input: ZLearningPoint,
  freeText: ['text'],
  load: async (ctx, actor, input) => {
    const review = await loadLocalReview(ctx, actor, input.reviewId)
    const [{ settings }, type] = await Promise.all([
      findPartnership(ctx.db, actor.partnershipId),
      ctx.db.reviewType.findUnique({
        where: { partnershipId_key: { partnershipId: actor.partnershipId, key: review.typeKey } },
        select: { owningSubGroupKey: true },
      }),
    ])
    return { review, themes: settings.themes, owningSubGroupKey: type?.owningSubGroupKey ?? 'case-review' }
  },
  policy: (actor, input, { review, themes }) => {
    assertCan(actor, 'review.manage')
    assertEditable(review)
    const unknown = input.themes.filter((t) => !themes.includes(t))
    if (unknown.length) {
      throw new AppError('INVALID_INPUT', 'Please check the themes.', {
        fieldErrors: { themes: `Choose themes from the partnership's list (not ${unknown.join(', ')}).` },
      })
    }
    refuseSensitive({ text: input.text }, input.confirmSensitive)
  },
  change: async (w, input, { review, owningSubGroupKey }) => {
    const point = await w.tx.learningPoint.create({
      data: {
        reviewId: review.id,
        kind: input.kind,
        text: input.text,
        themes: input.themes,
        createdById: w.actor.personId,
        createdAt: w.now,
      },
    })
    await w.audit({
      action: 'REVIEW_LEARNING_POINT_ADDED',
      subjectType: 'review',
      subjectId: review.id,
      after: { learningPointId: point.id, kind: point.kind, themeCount: point.themes.length },
      fields: ['text', 'themes'],
    })
    // An area for improvement on a theme whose earlier actions were all verified: the learning did not transfer.
    const recurrences =
      point.kind === 'improvement'
        ? await flagRecurrences(w, {
            kind: 'learning-point',
            findingId: point.id,
            sourceId: review.id,
            reference: review.reference,
            themes: point.themes,
            owningSubGroupKey,
          })
        : []
    return { reference: review.reference, learningPointId: point.id, recurrences }
  },
})
