/**
 * A chair (or the business manager) turns a recommendation into one or more actions. Each owner is sent a
 * card to accept, propose another date, or hand it back. Idempotent on the form's token.
 */
import type { ServiceContext } from '../../lib/context.js'
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import { todayIn } from '../calendar/dates.js'
import { enqueue } from '../notifications/outbox.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { nextReferenceNumber } from '../referrals/referral.repo.js'
import { fieldErrorsOf } from '../../lib/validation.js'
import { ZCreateActions } from './action.schema.js'

export async function createActions(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ references: string[]; isNew: boolean }> {
  assertCan(actor, 'action.create')
  const parsed = ZCreateActions.safeParse(raw)
  if (!parsed.success) {
    // Field ids of row n are "<field><n>" on the bulk form.
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) {
      const [first, index, field] = issue.path
      const id = first === 'actions' && typeof index === 'number' && field ? `${String(field)}${index + 1}` : String(first ?? 'form')
      errors[id] ??= issue.message
    }
    throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: Object.keys(errors).length ? errors : fieldErrorsOf(parsed.error) })
  }
  const input = parsed.data
  const existing = await ctx.db.action.findMany({ where: { partnershipId: actor.partnershipId, formKey: { startsWith: `${input.formToken}:` } }, orderBy: { reference: 'asc' } })
  if (existing.length) return { references: existing.map((a) => a.reference), isNew: false }

  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  const now = ctx.clock.now()
  const today = todayIn(partnership.timeZone, now)
  const [agencies, subGroups, owners] = await Promise.all([
    ctx.db.agency.findMany({ where: { partnershipId: actor.partnershipId } }),
    ctx.db.subGroup.findMany({ where: { partnershipId: actor.partnershipId } }),
    ctx.db.person.findMany({ where: { partnershipId: actor.partnershipId, id: { in: input.actions.map((a) => a.ownerId) }, active: true } }),
  ])
  const errors: Record<string, string> = {}
  input.actions.forEach((a, i) => {
    if (!agencies.some((x) => x.key === a.agencyKey)) errors[`agencyKey${i + 1}`] = 'Choose an agency from the list.'
    if (!subGroups.some((x) => x.key === a.verifyingSubGroupKey)) errors[`verifyingSubGroupKey${i + 1}`] = 'Choose a sub-group from the list.'
    if (!owners.some((x) => x.id === a.ownerId)) errors[`ownerId${i + 1}`] = 'Choose the owner from the list.'
    if (a.dueDate <= today) errors[`dueDate${i + 1}`] = 'The due date must be in the future.'
  })
  let reviewId: string | null = null
  if (input.recommendationId) {
    const rec = await ctx.db.recommendation.findUnique({ where: { id: input.recommendationId }, include: { review: true } })
    if (!rec || rec.review.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That recommendation could not be found.')
    reviewId = rec.reviewId
  }
  if (Object.keys(errors).length) throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: errors })

  try {
    const references = await ctx.db.$transaction(async (tx) => {
      const refs: string[] = []
      for (const a of input.actions) {
        const seq = await nextReferenceNumber(tx, actor.partnershipId, 'action', Number(today.slice(0, 4)))
        const reference = `${partnership.referencePrefix}-ACT-${today.slice(0, 4)}-${String(seq).padStart(4, '0')}`
        const action = await tx.action.create({
          data: {
            partnershipId: actor.partnershipId, reference, source: input.source, recommendationId: input.recommendationId ?? null, reviewId,
            sourceNote: input.sourceNote ?? null, formKey: `${input.formToken}:${refs.length}`,
            what: a.what, agencyKey: a.agencyKey, ownerId: a.ownerId, dueDate: new Date(`${a.dueDate}T00:00:00Z`), measureOfSuccess: a.measureOfSuccess,
            verifyingSubGroupKey: a.verifyingSubGroupKey, impactMonths: a.impactMonths, status: 'PROPOSED', createdById: actor.personId, createdAt: now,
          },
        })
        await recordAudit(tx, { partnershipId: actor.partnershipId, actorId: actor.personId, action: 'ACTION_CREATED', subjectType: 'action', subjectId: action.id, after: action, at: now })
        await enqueue(tx, [{ kind: 'person.notice', personId: a.ownerId, notice: { template: 'action.assigned', actionId: action.id, reference, what: a.what, dueDate: a.dueDate, measure: a.measureOfSuccess, by: actor.name } }])
        refs.push(reference)
      }
      return refs
    })
    return { references, isNew: true }
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await ctx.db.action.findMany({ where: { partnershipId: actor.partnershipId, formKey: { startsWith: `${input.formToken}:` } }, orderBy: { reference: 'asc' } })
      if (again.length) return { references: again.map((a) => a.reference), isNew: false }
    }
    throw error
  }
}
