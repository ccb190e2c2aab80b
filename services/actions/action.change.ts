/**
 * What every use case on one action shares: loading it (NOT_FOUND outside the actor's partnership), the
 * version-checked status move with its typed audit event, and the small helpers for notices and dates.
 *
 * Invariant: an action changes only through `moveAction`, a conditional update on the version read before
 * the policy ran, so two people acting at once give one change and the second is told ALREADY_DONE.
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { AuditEvent } from '../audit-log/audit-events.js'
import type { AuditFacts } from '../audit-log/audit-event.schema.js'
import type { Notice, OutboxPayload } from '../notifications/notification.schema.js'
import { listChairs } from '../people/people.repo.js'
import type { Actor } from '../people/people.schema.js'
import type { Writer } from '../use-case.js'
import { type ActionRow, findActionInPartnership, updateActionIfUnchanged } from './action.repo.js'
import type { ActionStatus } from './action.schema.js'
import { type ActionEvent, assertActionTransition } from './action.transitions.js'

type ActionAuditAction = Extract<AuditEvent, { subjectType: 'action' }>['action']

/** The action, if it is in the actor's partnership. */
export async function loadAction(ctx: ServiceContext, actor: Actor, actionId: string): Promise<ActionRow> {
  const a = await findActionInPartnership(ctx.db, actor.partnershipId, actionId)
  if (!a) throw new AppError('NOT_FOUND', 'That action could not be found.')
  return a
}

/** The `action.own` resource: the owner, and the agency whose safeguarding lead may act for them. */
export const ownerOf = (a: ActionRow) => ({ responsiblePersonId: a.ownerId, agencyKey: a.agencyKey })

/** The first chair (by name) of the action's verifying sub-group, or null if it has none. */
export async function verifyingChairOf(ctx: ServiceContext, a: ActionRow): Promise<{ id: string } | null> {
  return (await listChairs(ctx.db, a.partnershipId, a.verifyingSubGroupKey))[0] ?? null
}

/** A date-only column value from an ISO date. */
export const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)
/** The ISO date of a date-only column value. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** A 1:1 notice to a person, or nothing when there is nobody to tell (e.g. a sub-group without a chair). */
export const noticeTo = (personId: string | null | undefined, n: Notice): OutboxPayload[] =>
  personId ? [{ kind: 'person.notice', personId, notice: n }] : []

export type Move = {
  /** The audit event's action. */
  audit: ActionAuditAction
  /** The columns to set besides status and version. */
  data?: Prisma.ActionUpdateManyMutationInput
  /** Extra tokens for the audit record (ids, dates, keys; never the free text). before = { status, ...before }. */
  before?: AuditFacts
  after?: AuditFacts
  /** The names of the fields this move set, free text included (the text stays in the action's row). */
  fields?: string[]
}

/**
 * Moves the action by `event` inside the use case's transaction: checks the transition, updates only if the
 * version is unchanged (else ALREADY_DONE, rolling everything back), and appends the audit event.
 */
export async function moveAction(w: Writer, a: ActionRow, event: ActionEvent, move: Move): Promise<ActionStatus> {
  const to = assertActionTransition(a.status as ActionStatus, event)
  const ok = await updateActionIfUnchanged(w.tx, a, { ...move.data, status: to })
  if (!ok) {
    throw new AppError(
      'ALREADY_DONE',
      `${a.reference} was changed by someone else a moment ago. Please look at it again.`,
    )
  }
  await w.audit({
    action: move.audit,
    subjectType: 'action',
    subjectId: a.id,
    before: { status: a.status, ...move.before },
    after: { status: to, ...move.after },
    ...(move.fields?.length ? { fields: move.fields } : {}),
  })
  return to
}

/** Appends ACTION_CREATED for a new action: its ids, keys and dates; the texts are named in `fields` only. */
export async function auditCreated(w: Writer, a: ActionRow): Promise<void> {
  await w.audit({
    action: 'ACTION_CREATED',
    subjectType: 'action',
    subjectId: a.id,
    after: {
      reference: a.reference,
      status: a.status,
      source: a.source,
      recommendationId: a.recommendationId,
      reviewId: a.reviewId,
      agencyKey: a.agencyKey,
      ownerId: a.ownerId,
      dueDate: isoDay(a.dueDate),
      verifyingSubGroupKey: a.verifyingSubGroupKey,
      impactMonths: a.impactMonths,
      ...(a.reopenedFromId ? { reopenedFromId: a.reopenedFromId } : {}),
    },
    fields: ['what', 'measureOfSuccess', ...(a.sourceNote ? ['sourceNote'] : [])],
  })
}
