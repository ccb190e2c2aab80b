/**
 * The person asked for an agency's chronology and learning passes the request on to someone of that agency: the
 * business manager stands in when the agency has no safeguarding lead registered, and hands it to the right person.
 *
 * Once only: the request moves only while it is open and still with the person passing it on, so two presses
 * (or a press after someone answered) change nothing twice. The new person gets the request 1:1, with the case.
 */
import { AppError } from '../../../lib/errors.js'
import { assertCan } from '../../people/policy.js'
import { useCase } from '../../use-case.js'
import { findMilestoneWithReview } from '../review.repo.js'
import { agencyOfLabel } from '../review.rules.js'
import { ZPassOn } from '../review.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)

/** Reassigns the open request to a person of its agency and sends them the request. */
export const passOnInformationRequest = useCase({
  input: ZPassOn,
  load: async (ctx, actor, input) => {
    const m = await findMilestoneWithReview(ctx.db, input.milestoneId)
    if (!m || m.review.partnershipId !== actor.partnershipId || !m.key.startsWith('agency-information')) {
      throw new AppError('NOT_FOUND', 'That request could not be found.')
    }
    const [person, agency, referral] = await Promise.all([
      ctx.db.person.findFirst({
        where: { id: input.personId, partnershipId: actor.partnershipId, active: true },
        include: { agency: true },
      }),
      m.agencyKey ? ctx.db.agency.findFirst({ where: { partnershipId: actor.partnershipId, key: m.agencyKey } }) : null,
      m.review.referralId ? ctx.db.referral.findUnique({ where: { id: m.review.referralId } }) : null,
    ])
    return { m, person, agency, referral }
  },
  policy: (actor, _input, { m, person, agency }) => {
    assertCan(actor, 'review.answer-information', { responsiblePersonId: m.responsiblePersonId ?? undefined })
    if (m.status !== 'OPEN') throw new AppError('ALREADY_DONE', `${m.review.reference}: this request was answered.`)
    if (!person || !agency || person.agency?.key !== agency.key)
      throw new AppError('INVALID_INPUT', 'Please check who should answer.', {
        fieldErrors: { personId: `Choose someone from ${agency?.name ?? 'the agency asked'}.` },
      })
  },
  change: async (w, _input, { m, person, referral }) => {
    const result = { reference: m.review.reference, name: person?.name ?? '' }
    if (!person) return result
    const moved = await w.tx.milestone.updateMany({
      where: { id: m.id, status: 'OPEN', responsiblePersonId: m.responsiblePersonId },
      data: { responsiblePersonId: person.id },
    })
    if (moved.count === 0) throw new AppError('ALREADY_DONE', `${m.review.reference}: this request has moved on.`)
    await w.audit({
      action: 'REVIEW_INFORMATION_PASSED_ON',
      subjectType: 'review',
      subjectId: m.reviewId,
      before: { responsiblePersonId: m.responsiblePersonId },
      after: { milestoneId: m.id, agencyKey: m.agencyKey, responsiblePersonId: person.id },
    })
    const referrerAgency = referral?.referrerAgencyId
      ? await w.tx.agency.findUnique({ where: { id: referral.referrerAgencyId }, select: { key: true } })
      : null
    await w.notify([
      {
        kind: 'person.notice',
        personId: person.id,
        notice: {
          template: 'review.information-request',
          reviewId: m.reviewId,
          milestoneId: m.id,
          reference: m.review.reference,
          agency: agencyOfLabel(m.label),
          dueDate: day(m.dueDate),
          ...(referral
            ? { ageBand: referral.ageBand, incidentDate: day(referral.incidentDate), criteria: referral.criteria }
            : {}),
          // The referring agency's own case reference goes only to that agency's people (need to know).
          ...(referral && referrerAgency && person.agency?.key === referrerAgency.key
            ? { caseReference: referral.caseReference }
            : {}),
        },
      },
    ])
    return result
  },
})
