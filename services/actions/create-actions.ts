/**
 * A chair (or the business manager) turns a recommendation, or anything else that needs doing, into one or
 * more actions. Each owner is sent a card to accept, propose another date, or hand it back.
 *
 * Idempotent on the form's token: each row's `formKey` is "<token>:<row>" and unique, so a repeated submit
 * (or a racing duplicate, via `recover`) answers with the references the first one created.
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { assertCan } from '../people/policy.js'
import { useCase, type Writer } from '../use-case.js'
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'
import {
  findActionsByFormToken,
  findKnownChoices,
  findPartnershipBasics,
  findRecommendation,
  insertAction,
  nextActionReference,
} from './action.repo.js'
import { asDate, auditCreated, noticeTo } from './action.change.js'
import { sourceOf } from './action.rules.js'
import { type CreateActions, ZCreateActionsForm } from './action.schema.js'

export type CreateActionsResult = { references: string[]; isNew: boolean }

type Known = Awaited<ReturnType<typeof findKnownChoices>>
type Loaded =
  /** A repeat submit: the references the first one created. */
  | { existing: string[] }
  | {
      existing: null
      partnership: { id: string; timeZone: string; referencePrefix: string }
      known: Known
      reviewId: string | null
      reviewReference: string | null
    }

/** The field messages for rows that name an unknown agency, sub-group or owner, or a due date not in the future. */
function rowErrors(input: CreateActions, known: Known, today: string) {
  const errors: Record<string, string> = {}
  input.actions.forEach((a, i) => {
    const n = i + 1
    if (!known.agencyKeys.has(a.agencyKey)) errors[`agencyKey${n}`] = 'Choose an agency from the list.'
    if (!known.subGroupKeys.has(a.verifyingSubGroupKey))
      errors[`verifyingSubGroupKey${n}`] = 'Choose a sub-group from the list.'
    if (!known.ownerIds.has(a.ownerId)) errors[`ownerId${n}`] = 'Choose the owner from the list.'
    else if (known.agencyKeys.has(a.agencyKey) && known.ownerAgency.get(a.ownerId) !== a.agencyKey)
      errors[`ownerId${n}`] =
        `Choose someone from ${known.agencyNames.get(a.agencyKey) ?? 'the owning agency'}: the owner must belong to it.`
    if (a.dueDate <= today) errors[`dueDate${n}`] = 'The due date must be in the future.'
  })
  return errors
}

/**
 * What creating actions reads first: the actions a repeat of this form already made (then nothing else), or the
 * partnership, the known agencies, sub-groups and owners, and the recommendation's review. Shared with use cases
 * that create actions from something else (services/audits: an audit finding).
 */
export async function loadNewActions(ctx: ServiceContext, actor: Actor, input: CreateActions): Promise<Loaded> {
  const existing = await findActionsByFormToken(ctx.db, actor.partnershipId, input.formToken)
  if (existing.length) return { existing: existing.map((a) => a.reference) }
  const [partnership, known, rec] = await Promise.all([
    findPartnershipBasics(ctx.db, actor.partnershipId),
    findKnownChoices(
      ctx.db,
      actor.partnershipId,
      input.actions.map((a) => a.ownerId),
    ),
    input.recommendationId ? findRecommendation(ctx.db, input.recommendationId) : null,
  ])
  if (input.recommendationId && (!rec || rec.review.partnershipId !== actor.partnershipId)) {
    throw new AppError('NOT_FOUND', 'That recommendation could not be found.')
  }
  return {
    existing: null,
    partnership: { id: actor.partnershipId, ...partnership },
    known,
    reviewId: rec?.reviewId ?? null,
    reviewReference: rec?.review.reference ?? null,
  }
}

/** The permission and the rows' checks (known agency, owner of that agency, sub-group, a future date). */
export function checkNewActions(actor: Actor, input: CreateActions, loaded: Loaded, ctx: ServiceContext): void {
  assertCan(actor, 'action.create')
  if (loaded.existing) return
  const errors = rowErrors(input, loaded.known, todayIn(loaded.partnership.timeZone, ctx.clock.now()))
  if (Object.keys(errors).length)
    throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: errors })
}

/** Inserts the actions with their audit events and asks each owner to accept, inside the caller's transaction. */
export async function insertNewActions(
  w: Writer,
  input: CreateActions,
  loaded: Loaded,
): Promise<CreateActionsResult & { ids: string[] }> {
  if (loaded.existing) return { references: loaded.existing, isNew: false, ids: [] }
  const today = todayIn(loaded.partnership.timeZone, w.now)
  const references: string[] = []
  const ids: string[] = []
  for (const [row, a] of input.actions.entries()) {
    const action = await insertAction(w.tx, {
      partnershipId: w.actor.partnershipId,
      reference: await nextActionReference(w.tx, loaded.partnership, today),
      source: sourceOf(input),
      recommendationId: input.recommendationId ?? null,
      reviewId: loaded.reviewId,
      sourceNote: input.sourceNote ?? null,
      formKey: `${input.formToken}:${row}`,
      what: a.what,
      agencyKey: a.agencyKey,
      ownerId: a.ownerId,
      dueDate: asDate(a.dueDate),
      measureOfSuccess: a.measureOfSuccess,
      verifyingSubGroupKey: a.verifyingSubGroupKey,
      impactMonths: a.impactMonths,
      status: 'PROPOSED',
      createdById: w.actor.personId,
      createdAt: w.now,
    })
    await auditCreated(w, action)
    await w.notify(
      noticeTo(a.ownerId, {
        template: 'action.assigned',
        actionId: action.id,
        reference: action.reference,
        what: a.what,
        dueDate: a.dueDate,
        measure: a.measureOfSuccess,
        by: w.actor.name,
        agency: loaded.known.agencyNames.get(a.agencyKey) ?? a.agencyKey,
        ...(loaded.reviewReference ? { reviewReference: loaded.reviewReference } : {}),
        verifiedBy: loaded.known.subGroupNames.get(a.verifyingSubGroupKey) ?? a.verifyingSubGroupKey,
      }),
    )
    references.push(action.reference)
    ids.push(action.id)
  }
  return { references, isNew: true, ids }
}

/** Creates the actions in one transaction and asks each owner to accept; a repeat submit creates nothing. */
export const createActions = useCase({
  input: ZCreateActionsForm,
  load: loadNewActions,
  policy: checkNewActions,
  change: async (w, input, loaded): Promise<CreateActionsResult> => {
    const { references, isNew } = await insertNewActions(w, input, loaded)
    return { references, isNew }
  },
  recover: async (ctx, actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const again = await findActionsByFormToken(ctx.db, actor.partnershipId, input.formToken)
    return again.length ? { references: again.map((a) => a.reference), isNew: false } : undefined
  },
})
