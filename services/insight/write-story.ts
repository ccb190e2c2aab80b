/**
 * A chair writes "the story behind the curve" on one dashboard panel (DOMAIN.md §5): what lies behind the
 * figures and what the partnership is doing about them. Dated and attributed; a new story is a new row, and
 * the dashboard shows the latest. Text that may identify a child or family is refused.
 */
import { AppError } from '../../lib/errors.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { useCase } from '../use-case.js'
import { scopeKeyOf } from './dashboard.queries.js'
import { mayWriteStory } from './insight-scope.js'
import { ZPanelStory } from './insight.schema.js'

/** Saves the story; returns its id. */
export const writeStory = useCase({
  input: ZPanelStory,
  freeText: ['text'],
  policy: (actor, input) => {
    if (!mayWriteStory(actor, input.scope))
      throw new AppError(
        'NOT_PERMITTED',
        "The story behind the curve is written by the sub-group's chair, the agency's safeguarding lead, the " +
          'partnership chair or the business manager.',
      )
    // A story is about figures: it never needs a name or a date of birth, so there is nothing to confirm.
    refuseSensitive({ text: input.text }, false)
  },
  change: async (w, input) => {
    const story = await w.tx.panelStory.create({
      data: {
        partnershipId: w.actor.partnershipId,
        panelKey: input.panelKey,
        scopeKey: scopeKeyOf(input.scope),
        text: input.text,
        writtenById: w.actor.personId,
        writtenAt: w.now,
      },
    })
    await w.audit({
      action: 'INSIGHT_STORY_WRITTEN',
      subjectType: 'panel-story',
      subjectId: story.id,
      after: { panelKey: input.panelKey, scopeKind: input.scope.kind },
      fields: input.scope.kind === 'theme' ? ['text', 'scope'] : ['text'],
    })
    return { id: story.id }
  },
})
