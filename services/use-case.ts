/**
 * The one shape of a use case: parse the input, load what the decision needs, check the policy, then make
 * the change with its typed audit event and its notices in one transaction, and ask for delivery after
 * commit. Nothing is written unless every step before the transaction passed.
 *
 *   export const acceptAction = useCase({
 *     input: ZActionId,
 *     load: (ctx, actor, input) => loadAction(ctx.db, actor, input.actionId),
 *     policy: (actor, _input, action) => assertCan(actor, 'action.own', ownerOf(action)),
 *     change: async (w, input, action) => { …w.tx writes…; await w.audit({…}); await w.notify([…]); return … },
 *   })
 */
import type { Prisma } from '@prisma/client'
import { ZodError, type z } from 'zod'
import type { ServiceContext } from '../lib/context.js'
import { AppError } from '../lib/errors.js'
import { fieldErrorsOf } from '../lib/validation.js'
import { recordAudit } from './audit-log/record-audit.js'
import type { AuditEvent } from './audit-log/audit-events.js'
import type { OutboxPayload } from './notifications/notification.schema.js'
import { enqueue } from './notifications/outbox.js'
import type { Actor } from './people/people.schema.js'

/** What a change gets inside its transaction. */
export type Writer = {
  tx: Prisma.TransactionClient
  actor: Actor
  /** The moment of the change (the service clock), the same for every row it writes. */
  now: Date
  ctx: ServiceContext
  /** Appends a typed audit event by this actor to the partnership's chain, in this transaction. */
  audit(event: AuditEvent): Promise<void>
  /** Queues outbound messages in this transaction; delivery is asked for once it commits. */
  notify(payloads: OutboxPayload[]): Promise<void>
}

export type UseCase<R> = (ctx: ServiceContext, actor: Actor, raw: unknown) => Promise<R>

export type UseCaseDefinition<S extends z.ZodTypeAny, L, R> = {
  /** The input schema: a failure becomes INVALID_INPUT with a message per form field. */
  input: S
  /** Reads what the policy and the change need, outside the transaction (throw NOT_FOUND here). */
  load?: (ctx: ServiceContext, actor: Actor, input: z.infer<S>) => Promise<L>
  /** The permission and business-rule checks before anything is written: throw NOT_PERMITTED and friends. */
  policy: (actor: Actor, input: z.infer<S>, loaded: L, ctx: ServiceContext) => void | Promise<void>
  /** The change, its audit events and its notices, in one transaction; throwing rolls all of it back. */
  change: (w: Writer, input: z.infer<S>, loaded: L) => Promise<R>
  /** Turns a failure of the transaction into a result, e.g. a racing duplicate submit into the first one's. */
  recover?: (ctx: ServiceContext, actor: Actor, input: z.infer<S>, error: unknown) => Promise<R | undefined>
}

/** Parses `raw` with `schema`; a ZodError always becomes INVALID_INPUT with the field messages. */
export function parseOrRefuse<S extends z.ZodTypeAny>(schema: S, raw: unknown): z.infer<S> {
  try {
    return schema.parse(raw)
  } catch (error) {
    if (error instanceof ZodError) {
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: fieldErrorsOf(error) })
    }
    throw error
  }
}

/** Builds a use case from its definition (see the file comment for the order of the steps). */
export function useCase<S extends z.ZodTypeAny, L = undefined, R = void>(def: UseCaseDefinition<S, L, R>): UseCase<R> {
  return async (ctx, actor, raw) => {
    const input = parseOrRefuse(def.input, raw)
    const loaded = (def.load ? await def.load(ctx, actor, input) : undefined) as L
    await def.policy(actor, input, loaded, ctx)
    const now = ctx.clock.now()
    let queued = 0
    let result: R
    try {
      result = await ctx.db.$transaction(async (tx) => {
        const writer: Writer = {
          tx,
          actor,
          now,
          ctx,
          audit: (event) => recordAudit(tx, { ...event, partnershipId: actor.partnershipId, actorId: actor.personId, at: now }),
          notify: async (payloads) => {
            queued += payloads.length
            await enqueue(tx, payloads)
          },
        }
        return def.change(writer, input, loaded)
      })
    } catch (error) {
      const recovered = def.recover ? await def.recover(ctx, actor, input, error) : undefined
      if (recovered !== undefined) return recovered
      throw error
    }
    if (queued > 0) ctx.deliver?.()
    return result
  }
}
