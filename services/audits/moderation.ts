/**
 * Moderation of a signed-off return, a standard at a time: the QA chair agrees with the self-assessed rating or
 * changes it with a reason. Finishing makes the return final when nothing changed; otherwise the agency is
 * challenged, may respond per standard, and the chair agrees the final rating of each changed standard. Both
 * the self-assessed and the moderated ratings are kept (AuditRating). A final rating below good becomes a
 * finding, tagged with the standard's themes.
 */
import { AppError } from '../../lib/errors.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { refuseSensitive } from '../reviews/review.rules.js'
import { flagRecurrences } from '../insight/flag-recurrence.js'
import { useCase, type Writer } from '../use-case.js'
import { loadReturn, type ReturnContext, resourceOf } from './audit.access.js'
import { mergedAnswers } from './audit.repo.js'
import { ZAgreeFinal, ZModerate, ZRespond, ZReturnId } from './audit.schema.js'
import { choiceLabel, isBelowGood, ratingOf, SCALES, type Section } from './audit-tool.schema.js'

/** The standards of the return's tool: sections with a rating, with the self-assessed rating. */
export function standardsOf(c: ReturnContext) {
  const { answers } = mergedAnswers(c.r)
  return c.tool.definition.sections.flatMap((section) => {
    const q = ratingOf(section)
    if (!q) return []
    const self = answers[q.id]
    return [{ section, question: q, self: self === undefined ? null : String(self) }]
  })
}

function standard(c: ReturnContext, sectionKey: string) {
  const found = standardsOf(c).find((s) => s.section.key === sectionKey)
  if (!found) throw new AppError('NOT_FOUND', 'That standard is not in this return.')
  return found
}

const ratingFieldError = (field: string, message: string) =>
  new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: { [field]: message } })

/** Records the findings of a return just made final: each standard whose final rating is below good. */
async function recordFindings(w: Writer, c: ReturnContext): Promise<number> {
  const ratings = await w.tx.auditRating.findMany({ where: { returnId: c.r.id } })
  const partnership = await w.tx.partnership.findUniqueOrThrow({ where: { id: w.actor.partnershipId } })
  const themes = ZPartnershipSettings.parse(partnership.settings ?? {}).themes
  let made = 0
  for (const { section, question } of standardsOf(c)) {
    const rating = ratings.find((r) => r.sectionKey === section.key)
    if (!rating?.finalRating || !isBelowGood(question.kind, rating.finalRating)) continue
    const selfLabel = rating.selfRating ? choiceLabel(question.kind, rating.selfRating) : 'not rated'
    const finding = await w.tx.auditFinding.upsert({
      where: { auditId_sourceKey: { auditId: c.r.auditId, sourceKey: `moderation:${c.r.id}:${section.key}` } },
      create: {
        auditId: c.r.auditId,
        sourceKey: `moderation:${c.r.id}:${section.key}`,
        source: 'moderation',
        returnId: c.r.id,
        sectionKey: section.key,
        text: `${c.participant}, ${section.title}: ${choiceLabel(question.kind, rating.finalRating)} after moderation (self-assessed ${selfLabel}).`,
        themes: themesOf(section, themes),
        createdAt: w.now,
      },
      update: {},
    })
    await w.audit({
      action: 'AUDIT_FINDING_RECORDED',
      subjectType: 'audit-finding',
      subjectId: finding.id,
      after: {
        auditId: c.r.auditId,
        source: 'moderation',
        returnId: c.r.id,
        sectionKey: section.key,
        themes: finding.themes.length,
      },
      fields: ['text'],
    })
    // A theme that came back after its earlier actions were verified: the QA chair is told (services/insight).
    if (finding.createdAt.getTime() === w.now.getTime())
      await flagRecurrences(w, {
        kind: 'audit-finding',
        findingId: finding.id,
        sourceId: c.r.auditId,
        reference: c.r.audit.reference,
        themes: finding.themes,
        owningSubGroupKey: 'qa-audit',
      })
    made += 1
  }
  return made
}

/** The standard's themes that the partnership uses. */
const themesOf = (section: Section, partnershipThemes: string[]) =>
  section.themes.filter((t) => partnershipThemes.includes(t))

/** Makes the return final: every standard's final rating is set, findings recorded and the lead told. */
async function makeFinal(w: Writer, c: ReturnContext, from: string): Promise<number> {
  await w.tx.auditRating.updateMany({
    where: { returnId: c.r.id, finalRating: null },
    data: { finalById: w.actor.personId, finalAt: w.now },
  })
  // Agreed standards keep the moderated (= self-assessed) rating as final.
  const open = await w.tx.auditRating.findMany({ where: { returnId: c.r.id, decision: 'agree' } })
  for (const r of open)
    if (!r.finalRating) await w.tx.auditRating.update({ where: { id: r.id }, data: { finalRating: r.moderatedRating } })
  const moved = await w.tx.auditReturn.updateMany({
    where: { id: c.r.id, status: from },
    data: { status: 'MODERATED', moderatedAt: w.now, moderatedById: w.actor.personId, version: { increment: 1 } },
  })
  if (moved.count !== 1)
    throw new AppError('ALREADY_DONE', 'This return changed a moment ago. Please look at it again.')
  const findings = await recordFindings(w, c)
  if (c.lead)
    await w.notify([
      {
        kind: 'person.notice',
        personId: c.lead.id,
        notice: {
          template: 'audit.moderation',
          event: 'moderated',
          returnId: c.r.id,
          reference: c.r.audit.reference,
          participant: c.participant,
          by: w.actor.name,
        },
      },
    ])
  return findings
}

/** The chair agrees with one standard's self-assessed rating, or changes it with a reason. */
export const moderateStandard = useCase({
  input: ZModerate,
  load: (ctx, actor, input) => loadReturn(ctx, actor, input.returnId),
  policy: (actor, input, c) => {
    assertCan(actor, 'audit.moderate')
    if (c.r.status !== 'SIGNED_OFF')
      throw new AppError(
        'INVALID_TRANSITION',
        c.r.status === 'MODERATED' || c.r.status === 'CHALLENGED'
          ? `${c.participant}'s return has already been moderated.`
          : `${c.participant}'s return has not been signed off yet, so it cannot be moderated.`,
      )
    const s = standard(c, input.sectionKey)
    if (input.decision === 'change' && !(input.rating! in SCALES[s.question.kind]))
      throw ratingFieldError('rating', 'Choose the moderated rating from the list.')
    if (input.decision === 'change' && input.rating === s.self)
      throw ratingFieldError('rating', 'That is the self-assessed rating: choose "Agree" instead, or another rating.')
    refuseSensitive({ reason: input.reason }, input.confirmSensitive)
  },
  change: async (w, input, c) => {
    const s = standard(c, input.sectionKey)
    const moderated = input.decision === 'agree' ? s.self : input.rating!
    const data = {
      selfRating: s.self,
      decision: input.decision,
      moderatedRating: moderated,
      reason: input.decision === 'change' ? input.reason! : null,
      moderatedById: w.actor.personId,
      moderatedAt: w.now,
    }
    await w.tx.auditRating.upsert({
      where: { returnId_sectionKey: { returnId: c.r.id, sectionKey: input.sectionKey } },
      create: { returnId: c.r.id, sectionKey: input.sectionKey, ...data },
      update: data,
    })
    await w.audit({
      action: 'AUDIT_STANDARD_MODERATED',
      subjectType: 'audit-return',
      subjectId: c.r.id,
      after: { sectionKey: input.sectionKey, decision: input.decision, selfRating: s.self, moderatedRating: moderated },
      ...(input.decision === 'change' ? { fields: ['reason'] } : {}),
    })
    return { participant: c.participant, standard: s.section.title }
  },
})

/** The chair finishes moderating: final at once when nothing changed, else the agency is challenged. */
export const finishModeration = useCase({
  input: ZReturnId,
  load: (ctx, actor, input) => loadReturn(ctx, actor, input.returnId),
  policy: (actor, _input, c) => {
    assertCan(actor, 'audit.moderate')
    if (c.r.status === 'CHALLENGED' || c.r.status === 'MODERATED') return
    if (c.r.status !== 'SIGNED_OFF')
      throw new AppError('INVALID_TRANSITION', `${c.participant}'s return has not been signed off yet.`)
    const done = new Set(c.r.ratings.filter((r) => r.decision).map((r) => r.sectionKey))
    const left = standardsOf(c).filter((s) => !done.has(s.section.key))
    if (left.length)
      throw new AppError(
        'INVALID_TRANSITION',
        `Moderate every standard first: ${left.length} still to do, starting with "${left[0]!.section.title}".`,
      )
  },
  change: async (w, _input, c) => {
    const result = { participant: c.participant, reference: c.r.audit.reference }
    if (c.r.status === 'CHALLENGED' || c.r.status === 'MODERATED')
      return { ...result, status: c.r.status, changed: 0, findings: 0, alreadyDone: true }
    const changed = c.r.ratings.filter((r) => r.decision === 'change').length
    let findings = 0
    if (changed === 0) findings = await makeFinal(w, c, 'SIGNED_OFF')
    else {
      const moved = await w.tx.auditReturn.updateMany({
        where: { id: c.r.id, status: 'SIGNED_OFF' },
        data: { status: 'CHALLENGED', version: { increment: 1 } },
      })
      if (moved.count !== 1)
        throw new AppError('ALREADY_DONE', 'This return changed a moment ago. Please look at it again.')
      if (c.lead)
        await w.notify([
          {
            kind: 'person.notice',
            personId: c.lead.id,
            notice: {
              template: 'audit.moderation',
              event: 'challenged',
              returnId: c.r.id,
              reference: c.r.audit.reference,
              participant: c.participant,
              by: w.actor.name,
              changed,
            },
          },
        ])
    }
    const status = changed === 0 ? 'MODERATED' : 'CHALLENGED'
    await w.audit({
      action: 'AUDIT_MODERATION_FINISHED',
      subjectType: 'audit-return',
      subjectId: c.r.id,
      before: { status: 'SIGNED_OFF' },
      after: { status, changed },
    })
    return { ...result, status, changed, findings, alreadyDone: false }
  },
})

/** The agency responds to the challenge to one changed standard; the chair is told once every one has a response. */
export const respondToChallenge = useCase({
  input: ZRespond,
  load: (ctx, actor, input) => loadReturn(ctx, actor, input.returnId),
  policy: (actor, input, c) => {
    assertCan(actor, 'audit.respond', resourceOf(c))
    if (c.r.status !== 'CHALLENGED')
      throw new AppError('INVALID_TRANSITION', 'There is no challenge to respond to on this return.')
    const rating = c.r.ratings.find((r) => r.sectionKey === input.sectionKey)
    if (rating?.decision !== 'change') throw new AppError('NOT_FOUND', 'That standard was not challenged.')
    if (rating.finalRating)
      throw new AppError('ALREADY_DONE', 'The final rating of that standard has already been agreed.')
    refuseSensitive({ response: input.response }, input.confirmSensitive)
  },
  change: async (w, input, c) => {
    await w.tx.auditRating.update({
      where: { returnId_sectionKey: { returnId: c.r.id, sectionKey: input.sectionKey } },
      data: {
        responseDecision: input.decision,
        response: input.decision === 'disagree' ? input.response! : (input.response ?? null),
        respondedById: w.actor.personId,
        respondedAt: w.now,
      },
    })
    await w.audit({
      action: 'AUDIT_CHALLENGE_RESPONDED',
      subjectType: 'audit-return',
      subjectId: c.r.id,
      after: { sectionKey: input.sectionKey, responseDecision: input.decision },
      ...(input.response ? { fields: ['response'] } : {}),
    })
    const waiting = c.r.ratings.filter(
      (r) => r.decision === 'change' && !r.respondedAt && r.sectionKey !== input.sectionKey,
    ).length
    const chairs = await w.tx.person.findMany({
      where: {
        partnershipId: w.actor.partnershipId,
        active: true,
        memberships: { some: { isChair: true, subGroup: { key: 'qa-audit' } } },
      },
      select: { id: true },
    })
    if (waiting === 0)
      await w.notify(
        (chairs.length ? chairs.map((p) => p.id) : [c.r.audit.plannedById]).map((personId) => ({
          kind: 'person.notice' as const,
          personId,
          notice: {
            template: 'audit.for-chair' as const,
            event: 'responded',
            auditId: c.r.auditId,
            returnId: c.r.id,
            reference: c.r.audit.reference,
            participant: c.participant,
            by: w.actor.name,
          },
        })),
      )
    return { participant: c.participant, waiting }
  },
})

/** The chair agrees the final rating of one challenged standard; the return is final once every one is agreed. */
export const agreeFinalRating = useCase({
  input: ZAgreeFinal,
  load: (ctx, actor, input) => loadReturn(ctx, actor, input.returnId),
  policy: (actor, input, c) => {
    assertCan(actor, 'audit.moderate')
    if (c.r.status !== 'CHALLENGED')
      throw new AppError('INVALID_TRANSITION', 'There is no challenged rating to agree on this return.')
    const s = standard(c, input.sectionKey)
    const rating = c.r.ratings.find((r) => r.sectionKey === input.sectionKey)
    if (rating?.decision !== 'change') throw new AppError('NOT_FOUND', 'That standard was not challenged.')
    if (!(input.rating in SCALES[s.question.kind]))
      throw ratingFieldError('rating', 'Choose the final rating from the list.')
  },
  change: async (w, input, c) => {
    await w.tx.auditRating.update({
      where: { returnId_sectionKey: { returnId: c.r.id, sectionKey: input.sectionKey } },
      data: { finalRating: input.rating, finalById: w.actor.personId, finalAt: w.now },
    })
    const left = c.r.ratings.filter(
      (r) => r.decision === 'change' && !r.finalRating && r.sectionKey !== input.sectionKey,
    ).length
    const findings = left === 0 ? await makeFinal(w, c, 'CHALLENGED') : 0
    await w.audit({
      action: 'AUDIT_FINAL_RATING_AGREED',
      subjectType: 'audit-return',
      subjectId: c.r.id,
      after: {
        sectionKey: input.sectionKey,
        finalRating: input.rating,
        status: left === 0 ? 'MODERATED' : 'CHALLENGED',
      },
    })
    return { participant: c.participant, left, findings }
  },
})
