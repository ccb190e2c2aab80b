/**
 * Running a local review (LCSPR or another learning review): lead reviewer with an independence check,
 * terms of reference, practitioners' perspectives, family involvement, the child's lived experience,
 * findings with themes, recommendations, and completing milestones up to publication.
 * Each use case validates, checks permissions, and writes its change and audit event in one transaction.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit, type AuditAction } from '../audit-log/index.js'
import { enqueue } from '../notifications/outbox.js'
import { ZPartnershipSettings, type Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { describeFindings, findSensitiveFields } from '../privacy/sensitive-text.js'
import { parseInput } from '../../lib/validation.js'
import { findReviewById } from './review.repo.js'
import {
  ZCompleteMilestone, ZFamilyInvolvement, ZInvitePractitioners, ZLeadReviewer, ZLearningPoint, ZPerspective, ZRecommendation,
  ZTermsOfReference, ZVoiceOfChild,
} from './local-review.schema.js'


function checkSensitive(fields: Record<string, string | undefined>, confirmed: boolean) {
  const findings = findSensitiveFields(fields)
  if (Object.keys(findings).length && !confirmed) {
    throw new AppError('SENSITIVE_TEXT', 'Some of your answers may identify a child or family member.', {
      fieldErrors: Object.fromEntries(Object.entries(findings).map(([f, list]) => [f, describeFindings(list)])),
    })
  }
}

async function loadLocalReview(ctx: ServiceContext, actor: Actor, reviewId: string) {
  const review = await findReviewById(ctx.db, reviewId)
  if (!review || review.partnershipId !== actor.partnershipId || review.typeKey === 'rapid-review') throw new AppError('NOT_FOUND', 'That review could not be found.')
  if (review.status === 'PUBLISHED') throw new AppError('ALREADY_DONE', `${review.reference} has been published and can no longer change.`)
  return review
}

/** Updates a review (and completes a milestone, if named) with its audit event. */
async function change(ctx: ServiceContext, actor: Actor, reviewId: string, action: AuditAction, data: Record<string, unknown>, before: Record<string, unknown>, completeKey?: string) {
  const now = ctx.clock.now()
  await ctx.db.$transaction(async (tx) => {
    await tx.review.update({ where: { id: reviewId }, data: { ...data, version: { increment: 1 } } })
    if (completeKey) await tx.milestone.updateMany({ where: { reviewId, key: completeKey, status: 'OPEN' }, data: { status: 'DONE', completedAt: now, completedById: actor.personId } })
    await recordAudit(tx, { partnershipId: actor.partnershipId, actorId: actor.personId, action, subjectType: 'review', subjectId: reviewId, before, after: data, at: now })
  })
}

/** The agencies involved in the case a review is about (the referral's referrer agency and other agencies). */
async function involvedAgencies(ctx: ServiceContext, review: { referralId: string | null; parentReviewId: string | null }): Promise<string[]> {
  let referralId = review.referralId
  if (!referralId && review.parentReviewId) referralId = (await ctx.db.review.findUnique({ where: { id: review.parentReviewId } }))?.referralId ?? null
  if (!referralId) return []
  const referral = await ctx.db.referral.findUnique({ where: { id: referralId } })
  if (!referral) return []
  const referrerAgency = referral.referrerAgencyId ? await ctx.db.agency.findUnique({ where: { id: referral.referrerAgencyId } }) : null
  return [...new Set([referrerAgency?.key, ...referral.agencyKeys].filter((x): x is string => Boolean(x)))]
}

/** Names the lead reviewer, refusing anyone who belongs to, or has worked for, an agency involved in the case. */
export async function setLeadReviewer(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZLeadReviewer, raw)
  const review = await loadLocalReview(ctx, actor, input.reviewId)
  assertCan(actor, 'review.manage')
  const involved = await involvedAgencies(ctx, review)
  const conflicts = input.agencies.filter((a) => involved.includes(a))
  if (conflicts.length) {
    const names = (await ctx.db.agency.findMany({ where: { partnershipId: actor.partnershipId, key: { in: conflicts } } })).map((a) => a.name)
    throw new AppError('INVALID_INPUT', 'The lead reviewer must be independent of the agencies involved.', {
      fieldErrors: { agencies: `${input.name} belongs to or has worked for ${names.join(' and ')}, which ${names.length > 1 ? 'were' : 'was'} involved in this case. A lead reviewer must be independent of every agency involved.` },
    })
  }
  await change(ctx, actor, review.id, 'REVIEW_LEAD_REVIEWER_SET',
    { leadReviewerName: input.name, leadReviewerOrganisation: input.organisation, leadReviewerAgencies: input.agencies },
    { leadReviewerName: review.leadReviewerName })
  return { reference: review.reference }
}

export async function setTermsOfReference(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZTermsOfReference, raw)
  const review = await loadLocalReview(ctx, actor, input.reviewId)
  assertCan(actor, 'review.manage')
  await change(ctx, actor, review.id, 'REVIEW_TERMS_AGREED', { termsOfReference: input.termsOfReference }, { termsOfReference: review.termsOfReference }, 'terms-of-reference')
  return { reference: review.reference }
}

/** Invites practitioners to the learning event; each gets a card to add their perspective. */
export async function invitePractitioners(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZInvitePractitioners, raw)
  const review = await loadLocalReview(ctx, actor, input.reviewId)
  assertCan(actor, 'review.manage')
  const people = await ctx.db.person.findMany({ where: { id: { in: input.people }, partnershipId: actor.partnershipId, active: true } })
  if (people.length !== new Set(input.people).size) throw new AppError('INVALID_INPUT', 'Please check who to invite.', { fieldErrors: { people: 'Choose people from the list.' } })
  const now = ctx.clock.now()
  let invited = 0
  await ctx.db.$transaction(async (tx) => {
    for (const p of people) {
      const created = await tx.reviewContribution.createMany({ data: [{ reviewId: review.id, personId: p.id, invitedAt: now }], skipDuplicates: true })
      if (created.count === 0) continue
      invited += 1
      await enqueue(tx, [{ kind: 'person.notice', personId: p.id, notice: { template: 'review.perspective-invitation', reviewId: review.id, reference: review.reference, invitedBy: actor.name } }])
    }
    await recordAudit(tx, { partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_PRACTITIONERS_INVITED', subjectType: 'review', subjectId: review.id, after: { people: people.map((p) => p.id) }, at: now })
  })
  return { reference: review.reference, invited }
}

/** An invited practitioner adds their perspective, in a blame-free form. */
export async function addPerspective(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZPerspective, raw)
  const review = await loadLocalReview(ctx, actor, input.reviewId)
  const invitation = await ctx.db.reviewContribution.findUnique({ where: { reviewId_personId: { reviewId: review.id, personId: actor.personId } } })
  assertCan(actor, 'review.contribute', { responsiblePersonId: invitation?.personId })
  checkSensitive({ wentWell: input.wentWell, wasHard: input.wasHard, wouldHelp: input.wouldHelp }, input.confirmSensitive)
  const now = ctx.clock.now()
  await ctx.db.$transaction(async (tx) => {
    await tx.reviewContribution.update({ where: { id: invitation!.id }, data: { perspective: { wentWell: input.wentWell, wasHard: input.wasHard, wouldHelp: input.wouldHelp }, submittedAt: now } })
    await recordAudit(tx, { partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_PERSPECTIVE_ADDED', subjectType: 'review', subjectId: review.id, after: { contributionId: invitation!.id }, at: now })
  })
  return { reference: review.reference }
}

export async function recordFamilyInvolvement(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZFamilyInvolvement, raw)
  const review = await loadLocalReview(ctx, actor, input.reviewId)
  assertCan(actor, 'review.manage')
  await change(ctx, actor, review.id, 'REVIEW_FAMILY_INVOLVEMENT_RECORDED',
    { familyInvolvement: input.status, familyInvolvementNote: input.reason ?? null },
    { familyInvolvement: review.familyInvolvement }, 'family-invited')
  return { reference: review.reference }
}

export async function recordVoiceOfChild(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZVoiceOfChild, raw)
  const review = await loadLocalReview(ctx, actor, input.reviewId)
  assertCan(actor, 'review.manage')
  checkSensitive({ voiceOfChild: input.voiceOfChild }, input.confirmSensitive)
  await change(ctx, actor, review.id, 'REVIEW_VOICE_OF_CHILD_RECORDED', { voiceOfChild: input.voiceOfChild }, { voiceOfChild: review.voiceOfChild })
  return { reference: review.reference }
}

export async function addLearningPoint(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZLearningPoint, raw)
  const review = await loadLocalReview(ctx, actor, input.reviewId)
  assertCan(actor, 'review.manage')
  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  const themes = ZPartnershipSettings.parse(partnership.settings ?? {}).themes
  const unknown = input.themes.filter((t) => !themes.includes(t))
  if (unknown.length) throw new AppError('INVALID_INPUT', 'Please check the themes.', { fieldErrors: { themes: `Choose themes from the partnership's list (not ${unknown.join(', ')}).` } })
  checkSensitive({ text: input.text }, input.confirmSensitive)
  const now = ctx.clock.now()
  const point = await ctx.db.$transaction(async (tx) => {
    const lp = await tx.learningPoint.create({ data: { reviewId: review.id, kind: input.kind, text: input.text, themes: input.themes, createdById: actor.personId, createdAt: now } })
    await recordAudit(tx, { partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_LEARNING_POINT_ADDED', subjectType: 'review', subjectId: review.id, after: { learningPointId: lp.id, kind: lp.kind, themes: lp.themes }, at: now })
    return lp
  })
  return { reference: review.reference, learningPointId: point.id }
}

export async function addRecommendation(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZRecommendation, raw)
  const review = await loadLocalReview(ctx, actor, input.reviewId)
  assertCan(actor, 'review.manage')
  const points = await ctx.db.learningPoint.count({ where: { reviewId: review.id, id: { in: input.learningPoints } } })
  if (points !== new Set(input.learningPoints).size) throw new AppError('INVALID_INPUT', 'Please check the findings.', { fieldErrors: { learningPoints: 'Choose findings of this review.' } })
  const now = ctx.clock.now()
  const rec = await ctx.db.$transaction(async (tx) => {
    const r = await tx.recommendation.create({ data: { reviewId: review.id, text: input.recommendation, learningPointIds: input.learningPoints, createdById: actor.personId, createdAt: now } })
    await recordAudit(tx, { partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_RECOMMENDATION_ADDED', subjectType: 'review', subjectId: review.id, after: { recommendationId: r.id, learningPointIds: r.learningPointIds }, at: now })
    return r
  })
  return { reference: review.reference, recommendationId: rec.id }
}

/**
 * Marks a milestone done. The final report needs the child's lived experience and at least one finding;
 * publication needs the report sent to the Panel and Secretary of State first, and its web address.
 */
export async function completeMilestone(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZCompleteMilestone, raw)
  const m = await ctx.db.milestone.findUnique({ where: { id: input.milestoneId }, include: { review: { include: { milestones: true, learningPoints: true } } } })
  if (!m || m.review.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That milestone could not be found.')
  if (m.responsiblePersonId !== actor.personId) assertCan(actor, 'review.manage')
  if (m.status !== 'OPEN') return { reference: m.review.reference, isNew: false, published: m.review.status === 'PUBLISHED' }
  if (m.key === 'final-report' && (!m.review.voiceOfChild || m.review.learningPoints.length === 0)) {
    throw new AppError('INVALID_TRANSITION', "The final report needs the child's lived experience (voice of the child) and at least one finding first.")
  }
  if (m.key === 'kept-online' && m.review.status !== 'PUBLISHED') throw new AppError('INVALID_TRANSITION', 'The report has to be published before it can be kept online.')
  const isPublish = m.key === 'published'
  if (isPublish) {
    const sent = m.review.milestones.find((x) => x.key === 'sent-before-publication')
    if (sent && sent.status !== 'DONE') throw new AppError('INVALID_TRANSITION', 'Send the report to the national Panel and the Secretary of State before it is published.')
    if (!input.publicationUrl) throw new AppError('INVALID_INPUT', 'Please give the web address.', { fieldErrors: { publicationUrl: 'Enter the web address where the report is published.' } })
  }
  const now = ctx.clock.now()
  const isNew = await ctx.db.$transaction(async (tx) => {
    const done = await tx.milestone.updateMany({ where: { id: m.id, status: 'OPEN' }, data: { status: 'DONE', completedAt: now, completedById: actor.personId } })
    if (done.count === 0) return false
    if (isPublish) {
      await tx.review.update({ where: { id: m.reviewId }, data: { status: 'PUBLISHED', publishedAt: now, publicationUrl: input.publicationUrl, version: { increment: 1 } } })
      // The review type says who is told about the learning: the members of those sub-groups.
      const type = await tx.reviewType.findUnique({ where: { partnershipId_key: { partnershipId: actor.partnershipId, key: m.review.typeKey } } })
      const audience = await tx.person.findMany({
        where: { partnershipId: actor.partnershipId, active: true, memberships: { some: { subGroup: { key: { in: type?.learningAudience ?? [] } } } } },
        select: { id: true },
      })
      await enqueue(tx, audience.map((p) => ({
        kind: 'person.notice' as const, personId: p.id,
        notice: { template: 'review.published' as const, reviewId: m.reviewId, reference: m.review.reference, typeName: type?.name ?? 'Review', url: input.publicationUrl! },
      })))
    }
    await recordAudit(tx, {
      partnershipId: actor.partnershipId, actorId: actor.personId, action: isPublish ? 'REVIEW_PUBLISHED' : 'MILESTONE_COMPLETED', subjectType: 'review', subjectId: m.reviewId,
      after: { milestoneId: m.id, key: m.key, ...(isPublish ? { publicationUrl: input.publicationUrl } : {}) }, at: now,
    })
    return true
  })
  return { reference: m.review.reference, isNew, published: isPublish }
}
