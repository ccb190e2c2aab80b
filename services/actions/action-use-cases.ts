/**
 * The life of an action after it is created: the owner accepts, proposes another date or hands it back;
 * the verifying chair decides date changes; the business manager (or verifying chair) reassigns; the
 * owner updates progress and completes it with evidence; the verifying chair verifies it or sends it
 * back; months later the chair records whether the measure of success was met.
 *
 * Every change goes through `move`: a conditional update on the action's version (so two people acting at
 * once give one change), its audit event and notifications, in one transaction.
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit, type AuditAction } from '../audit-log/index.js'
import { todayIn } from '../calendar/dates.js'
import { enqueue } from '../notifications/outbox.js'
import type { Notice, OutboxPayload } from '../notifications/notification.schema.js'
import { nextReferenceNumber } from '../referrals/referral.repo.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { addMonths } from '../reviews/review.rules.js'
import { parseInput } from '../../lib/validation.js'
import { findResponsible } from '../reviews/review.repo.js'
import { ZComplete, ZDateDecision, ZHandBack, ZImpact, ZProgress, ZProposeDate, ZReassign, ZVerify, type ActionStatus } from './action.schema.js'
import { assertActionTransition, type ActionEvent } from './action.transitions.js'

type ActionRow = NonNullable<Awaited<ReturnType<ServiceContext['db']['action']['findUnique']>>>


async function load(ctx: ServiceContext, actor: Actor, actionId: string): Promise<ActionRow> {
  const a = await ctx.db.action.findUnique({ where: { id: actionId } })
  if (!a || a.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That action could not be found.')
  return a
}

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)
const day = (d: Date) => d.toISOString().slice(0, 10)
const ownerCheck = (a: ActionRow) => ({ responsiblePersonId: a.ownerId, agencyKey: a.agencyKey })

async function chairOf(ctx: ServiceContext, partnershipId: string, subGroupKey: string) {
  return (await findResponsible(ctx.db, partnershipId)).chairOf(subGroupKey)
}

async function move(
  ctx: ServiceContext, actor: Actor, a: ActionRow, event: ActionEvent, audit: AuditAction,
  data: Prisma.ActionUpdateInput, notices: OutboxPayload[] = [], extra?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<ActionStatus> {
  const to = assertActionTransition(a.status as ActionStatus, event)
  const now = ctx.clock.now()
  const ok = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.action.updateMany({ where: { id: a.id, version: a.version }, data: { ...(data as Prisma.ActionUpdateManyMutationInput), status: to, version: { increment: 1 } } })
    if (updated.count === 0) return false
    await extra?.(tx)
    await recordAudit(tx, {
      partnershipId: a.partnershipId, actorId: actor.personId, action: audit, subjectType: 'action', subjectId: a.id,
      before: { status: a.status }, after: { status: to, ...JSON.parse(JSON.stringify(data)) }, at: now,
    })
    await enqueue(tx, notices)
    return true
  })
  if (!ok) throw new AppError('ALREADY_DONE', `${a.reference} was changed by someone else a moment ago. Please look at it again.`)
  return to
}

const notice = (personId: string | null | undefined, n: Notice): OutboxPayload[] =>
  personId ? [{ kind: 'person.notice', personId, notice: n }] : []

export async function acceptAction(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const a = await load(ctx, actor, parseInput(ZProgress.pick({ actionId: true }), raw).actionId)
  assertCan(actor, 'action.own', ownerCheck(a))
  await move(ctx, actor, a, 'accept', 'ACTION_ACCEPTED', {})
  return { reference: a.reference }
}

export async function proposeDate(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZProposeDate, raw)
  const a = await load(ctx, actor, input.actionId)
  assertCan(actor, 'action.own', ownerCheck(a))
  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: a.partnershipId } })
  if (input.proposedDueDate <= todayIn(partnership.timeZone, ctx.clock.now())) throw new AppError('INVALID_INPUT', 'Please check the date.', { fieldErrors: { proposedDueDate: 'Propose a date in the future.' } })
  const chair = await chairOf(ctx, a.partnershipId, a.verifyingSubGroupKey)
  await move(ctx, actor, a, 'propose-date', 'ACTION_DATE_CHANGE_REQUESTED', { proposedDueDate: asDate(input.proposedDueDate), dateChangeReason: input.reason },
    notice(chair?.id, { template: 'action.date-change', actionId: a.id, reference: a.reference, what: a.what, currentDue: day(a.dueDate), proposedDue: input.proposedDueDate, reason: input.reason, by: actor.name }))
  return { reference: a.reference }
}

export async function decideDateChange(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZDateDecision, raw)
  const a = await load(ctx, actor, input.actionId)
  assertCan(actor, 'action.verify', { subGroupKey: a.verifyingSubGroupKey })
  if (!a.proposedDueDate) throw new AppError('INVALID_TRANSITION', `No new date was asked for on ${a.reference}.`)
  const newDue = input.approve ? day(a.proposedDueDate) : day(a.dueDate)
  await move(ctx, actor, a, input.approve ? 'approve-date' : 'reject-date', input.approve ? 'ACTION_DATE_CHANGE_APPROVED' : 'ACTION_DATE_CHANGE_REJECTED',
    { dueDate: asDate(newDue), proposedDueDate: null },
    notice(a.ownerId, { template: 'action.update', actionId: a.id, reference: a.reference, message: input.approve ? `${actor.name} agreed the new due date.` : `${actor.name} kept the original due date.`, dueDate: newDue }))
  return { reference: a.reference, dueDate: newDue }
}

export async function handBack(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZHandBack, raw)
  const a = await load(ctx, actor, input.actionId)
  assertCan(actor, 'action.own', ownerCheck(a))
  const chair = await chairOf(ctx, a.partnershipId, a.verifyingSubGroupKey)
  await move(ctx, actor, a, 'hand-back', 'ACTION_HANDED_BACK', { handBackReason: input.reason },
    notice(chair?.id, { template: 'action.handed-back', actionId: a.id, reference: a.reference, what: a.what, reason: input.reason, by: actor.name }))
  return { reference: a.reference }
}

export async function reassignAction(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZReassign, raw)
  const a = await load(ctx, actor, input.actionId)
  assertCan(actor, 'action.reassign', { subGroupKey: a.verifyingSubGroupKey })
  const owner = await ctx.db.person.findFirst({ where: { id: input.ownerId, partnershipId: a.partnershipId, active: true }, include: { agency: true } })
  if (!owner) throw new AppError('INVALID_INPUT', 'Please check the owner.', { fieldErrors: { ownerId: 'Choose the owner from the list.' } })
  await move(ctx, actor, a, 'reassign', 'ACTION_REASSIGNED', { ownerId: owner.id, agencyKey: owner.agency?.key ?? a.agencyKey, handBackReason: null },
    notice(owner.id, { template: 'action.assigned', actionId: a.id, reference: a.reference, what: a.what, dueDate: day(a.dueDate), measure: a.measureOfSuccess, by: actor.name }))
  return { reference: a.reference, owner: owner.name }
}

export async function updateProgress(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZProgress, raw)
  const a = await load(ctx, actor, input.actionId)
  assertCan(actor, 'action.own', ownerCheck(a))
  await move(ctx, actor, a, 'progress', 'ACTION_PROGRESS_UPDATED', {}, [], async (tx) => {
    await tx.actionUpdate.create({ data: { actionId: a.id, note: input.note, byId: actor.personId, at: ctx.clock.now() } })
  })
  return { reference: a.reference }
}

/** Completion needs evidence: a description and at least one link or file reference. */
export async function completeAction(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZComplete, raw)
  const a = await load(ctx, actor, input.actionId)
  assertCan(actor, 'action.own', ownerCheck(a))
  const links = input.links.split(/[\n,]+/).map((l) => l.trim()).filter(Boolean)
  if (!links.length) throw new AppError('INVALID_INPUT', 'Please add evidence.', { fieldErrors: { links: 'Add at least one link or file reference.' } })
  const chair = await chairOf(ctx, a.partnershipId, a.verifyingSubGroupKey)
  await move(ctx, actor, a, 'complete', 'ACTION_COMPLETED', { evidence: { description: input.description, links }, completedAt: ctx.clock.now() },
    notice(chair?.id, { template: 'action.verify-request', actionId: a.id, reference: a.reference, what: a.what, measure: a.measureOfSuccess, evidence: input.description, links, by: actor.name }))
  return { reference: a.reference }
}

export async function verifyAction(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZVerify, raw)
  const a = await load(ctx, actor, input.actionId)
  assertCan(actor, 'action.verify', { subGroupKey: a.verifyingSubGroupKey })
  if (!input.accept && (!input.reason || input.reason.length < 10)) throw new AppError('INVALID_INPUT', 'Please say why.', { fieldErrors: { reason: 'Say why it goes back (at least 10 characters).' } })
  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: a.partnershipId } })
  const today = todayIn(partnership.timeZone, ctx.clock.now())
  if (input.accept) {
    const checkDue = addMonths(today, a.impactMonths)
    await move(ctx, actor, a, 'verify', 'ACTION_VERIFIED', { verifiedById: actor.personId, verifiedAt: ctx.clock.now(), impactCheckDue: asDate(checkDue), sendBackReason: null },
      notice(a.ownerId, { template: 'action.update', actionId: a.id, reference: a.reference, message: `${actor.name} verified it as done. Thank you.`, dueDate: day(a.dueDate) }))
    return { reference: a.reference, impactCheckDue: checkDue }
  }
  await move(ctx, actor, a, 'send-back', 'ACTION_SENT_BACK', { sendBackReason: input.reason ?? null },
    notice(a.ownerId, { template: 'action.update', actionId: a.id, reference: a.reference, message: `${actor.name} sent it back: ${input.reason}`, dueDate: day(a.dueDate) }))
  return { reference: a.reference, impactCheckDue: null }
}

/** Some months after verification: was the measure of success met? Not met proposes a new action. */
export async function recordImpact(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const input = parseInput(ZImpact, raw)
  const a = await load(ctx, actor, input.actionId)
  assertCan(actor, 'action.verify', { subGroupKey: a.verifyingSubGroupKey })
  const event: ActionEvent = input.result === 'met' ? 'impact-met' : input.result === 'partly' ? 'impact-partly' : 'impact-not-met'
  let reopened: string | null = null
  await move(ctx, actor, a, event, 'ACTION_IMPACT_RECORDED', { impactResult: input.result, impactNote: input.note, impactRecordedAt: ctx.clock.now() }, [], async (tx) => {
    if (input.result !== 'not-met') return
    // The learning did not take hold: a new action is proposed to the same owner, due in three months.
    const partnership = await tx.partnership.findUniqueOrThrow({ where: { id: a.partnershipId } })
    const today = todayIn(partnership.timeZone, ctx.clock.now())
    const seq = await nextReferenceNumber(tx, a.partnershipId, 'action', Number(today.slice(0, 4)))
    const reference = `${partnership.referencePrefix}-ACT-${today.slice(0, 4)}-${String(seq).padStart(4, '0')}`
    const due = addMonths(today, 3)
    const created = await tx.action.create({
      data: {
        partnershipId: a.partnershipId, reference, source: a.source, recommendationId: a.recommendationId, reviewId: a.reviewId,
        sourceNote: `Measure not met on ${a.reference}: ${input.note}`.slice(0, 500), what: `Revisit: ${a.what}`.slice(0, 2000), agencyKey: a.agencyKey, ownerId: a.ownerId,
        dueDate: asDate(due), measureOfSuccess: a.measureOfSuccess, verifyingSubGroupKey: a.verifyingSubGroupKey, impactMonths: a.impactMonths,
        status: 'PROPOSED', createdById: actor.personId, createdAt: ctx.clock.now(), reopenedFromId: a.id,
      },
    })
    reopened = reference
    await recordAudit(tx, { partnershipId: a.partnershipId, actorId: actor.personId, action: 'ACTION_CREATED', subjectType: 'action', subjectId: created.id, after: { reference, reopenedFromId: a.id }, at: ctx.clock.now() })
    await enqueue(tx, notice(a.ownerId, { template: 'action.assigned', actionId: created.id, reference, what: created.what, dueDate: due, measure: a.measureOfSuccess, by: actor.name }))
  })
  return { reference: a.reference, reopened: reopened as string | null }
}
