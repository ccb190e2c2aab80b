/**
 * The partnership chair records how a local review is published, as WT2023 has it (DOMAIN.md 1.7): the full
 * report, or a summary, on a date and at an address, with the partnership's response to the findings; or not
 * published, with the reasons and the date the national Panel was told. The full report must have reached the
 * Panel and the Secretary of State a number of working days before publication (a setting of the review type's
 * advance-copy milestone, 7 by default, to be confirmed against WT2023 chapter 5). After publication the
 * milestones counted from publication ("kept online", 12 months) follow the date it was published.
 *
 * Idempotent: the `published` milestone is claimed, so publishing twice records it once and says so.
 */
import { AppError } from '../../../lib/errors.js'
import { formatDate, todayIn } from '../../calendar/dates.js'
import type { OutboxPayload } from '../../notifications/notification.schema.js'
import { assertCan } from '../../people/policy.js'
import { useCase, type Writer } from '../../use-case.js'
import { type Publication, ZPublication } from '../local-review.schema.js'
import { changeReview, loadLocalReview } from '../review.change.js'
import {
  completeOpenMilestone,
  findDecisionMakers,
  findLearningAudience,
  findPartnership,
  findReviewType,
} from '../review.repo.js'
import { dueDateOf, earliestPublication, periodWords, refuseSensitive } from '../review.rules.js'
import type { MilestoneTemplate, ReviewStatus } from '../review.schema.js'
import { assertReviewTransition } from '../review.transitions.js'

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)
const refuse = (field: string, message: string) =>
  new AppError('INVALID_INPUT', 'Please check the publication.', { fieldErrors: { [field]: message } })

/** Whether the review has been published (full or summary) or closed without publication. */
export type PublishResult = { reference: string; reviewId: string; isNew: boolean; form: Publication['form'] }

export const publishReview = useCase({
  input: ZPublication,
  freeText: ['reasons'],
  load: async (ctx, actor, input) => {
    const review = await loadLocalReview(ctx, actor, input.reviewId)
    const [partnership, type, milestones] = await Promise.all([
      findPartnership(ctx.db, actor.partnershipId),
      findReviewType(ctx.db, actor.partnershipId, review.typeKey),
      ctx.db.milestone.findMany({ where: { reviewId: review.id } }),
    ])
    return {
      review,
      partnership,
      templates: type?.templates ?? [],
      milestones,
      today: todayIn(partnership.timeZone, ctx.clock.now()),
    }
  },
  policy: (actor, input, { review, partnership, templates, milestones, today }) => {
    assertCan(actor, 'review.publish')
    const published = milestones.find((m) => m.key === 'published')
    if (!published) throw new AppError('INVALID_TRANSITION', `${review.reference} is not a review that is published.`)
    if (published.status !== 'OPEN') return
    assertReviewTransition(review.status as ReviewStatus, input.form === 'not-published' ? 'withhold' : 'publish')
    const final = milestones.find((m) => m.key === 'final-report')
    if (final && final.status !== 'DONE') {
      throw new AppError('INVALID_TRANSITION', 'The final report has to be agreed before the review is published.')
    }
    if (input.form === 'not-published') {
      if (input.panelToldOn! > today) throw refuse('panelToldOn', 'The date cannot be in the future.')
      refuseSensitive({ reasons: input.reasons }, input.confirmSensitive)
      return
    }
    const publishedOn = input.publishedOn!
    const advance = templates.find((t) => t.key === 'sent-before-publication')
    const sent = milestones.find((m) => m.key === 'sent-before-publication')
    if (sent && sent.status !== 'DONE') {
      throw new AppError(
        'INVALID_TRANSITION',
        'Send the full report to the national Panel and the Secretary of State before it is published.',
      )
    }
    if (!review.partnershipResponse) {
      throw new AppError(
        'INVALID_TRANSITION',
        "Record the partnership's response to the findings first: it is published with the report.",
      )
    }
    if (sent?.completedAt && advance) {
      const sentOn = todayIn(partnership.timeZone, sent.completedAt)
      const earliest = earliestPublication(advance, sentOn)
      if (publishedOn < earliest) {
        throw refuse(
          'publishedOn',
          `The Panel and the Secretary of State must have the full report ${periodWords(advance.due)} before ` +
            `publication (sent ${formatDate(sentOn)}): publish on or after ${formatDate(earliest)}.`,
        )
      }
    }
    if (publishedOn > today) throw refuse('publishedOn', 'The date cannot be in the future.')
    if (input.form === 'summary') refuseSensitive({ reasons: input.reasons }, input.confirmSensitive)
  },
  change: async (w, input, { review, templates, milestones }): Promise<PublishResult> => {
    const result = { reference: review.reference, reviewId: review.id, form: input.form }
    const published = milestones.find((m) => m.key === 'published')!
    if (published.status !== 'OPEN')
      return { ...result, isNew: false, form: (review.publicationForm ?? 'full') as Publication['form'] }
    if ((await completeOpenMilestone(w.tx, { id: published.id }, { personId: w.actor.personId, at: w.now })) === 0)
      return { ...result, isNew: false }
    const reasons = input.form === 'full' ? null : (input.reasons ?? null)
    if (input.form === 'not-published') {
      await changeReview(w, review, {
        audit: 'REVIEW_NOT_PUBLISHED',
        event: 'withhold',
        data: {
          publicationForm: 'not-published',
          publicationReasons: reasons,
          panelToldNotPublishedOn: asDate(input.panelToldOn!),
        },
        after: { panelToldNotPublishedOn: input.panelToldOn! },
        fields: ['publicationReasons'],
      })
      // Nothing is put online: the milestones about the published report no longer apply.
      await w.tx.milestone.updateMany({
        where: { reviewId: review.id, status: 'OPEN', key: { in: ['sent-before-publication', 'kept-online'] } },
        data: { status: 'NOT_NEEDED' },
      })
      await tellDecision(w, review, 'not-published', { toPartners: true })
      return { ...result, isNew: true }
    }
    const publishedOn = input.publishedOn!
    await changeReview(w, review, {
      audit: 'REVIEW_PUBLISHED',
      event: 'publish',
      data: {
        publishedAt: w.now,
        publishedOn: asDate(publishedOn),
        publicationUrl: input.publicationUrl!,
        publicationForm: input.form,
        publicationReasons: reasons,
      },
      after: { milestoneId: published.id, publicationForm: input.form, publishedOn },
      fields: ['publicationUrl', ...(reasons ? ['publicationReasons'] : [])],
    })
    await rebaseOnPublication(w, templates, milestones, publishedOn)
    // The partners hear of it with the learning audience (the Executive); independent scrutiny is told here.
    await tellDecision(w, review, 'published', { toPartners: false })
    // The review type says who is told about the learning: the members of those sub-groups.
    const audience = await findLearningAudience(w.tx, w.actor.partnershipId, review.typeKey)
    await w.notify(
      audience.personIds.map((personId) => ({
        kind: 'person.notice' as const,
        personId,
        notice: {
          template: 'review.published' as const,
          reviewId: review.id,
          reference: review.reference,
          typeName: audience.typeName,
          url: input.publicationUrl!,
          form: input.form,
        },
      })),
    )
    return { ...result, isNew: true }
  },
})

/** The open milestones counted from publication (after it) now fall due from the date it was published. */
async function rebaseOnPublication(
  w: Writer,
  templates: MilestoneTemplate[],
  milestones: { id: string; key: string; status: string }[],
  publishedOn: string,
): Promise<void> {
  for (const t of templates.filter((x) => x.from === 'publication' && !x.before)) {
    const m = milestones.find((x) => x.key === t.key && x.status === 'OPEN')
    if (!m) continue
    const due = dueDateOf(t, { awareness: publishedOn, start: publishedOn, publication: publishedOn })
    await w.tx.milestone.update({ where: { id: m.id }, data: { dueDate: asDate(due) } })
  }
}

/**
 * Publishing, or not, is a decision: independent scrutiny is told and may challenge it; for not publishing the
 * partners and the business manager are told too. No reasons or case text travel in the notice.
 */
async function tellDecision(
  w: Writer,
  review: { id: string; reference: string },
  decision: 'published' | 'not-published',
  { toPartners }: { toPartners: boolean },
): Promise<void> {
  const people = await findDecisionMakers(w.tx, w.actor.partnershipId)
  const base = {
    template: 'review.decision' as const,
    reviewId: review.id,
    reference: review.reference,
    decision,
    round: 0,
    by: w.actor.name,
  }
  const told = toPartners
    ? [...people.partners.map((p) => p.id), people.businessManagerId].filter(
        (id): id is string => Boolean(id) && id !== w.actor.personId,
      )
    : []
  const notices: OutboxPayload[] = [...new Set(told)].map((personId) => ({
    kind: 'person.notice',
    personId,
    notice: base,
  }))
  if (people.scrutineerId) {
    notices.push({ kind: 'person.notice', personId: people.scrutineerId, notice: { ...base, canChallenge: true } })
  }
  await w.notify(notices)
}
