/**
 * The one shape of a use case: parse the input, load what the decision needs, check the policy, then make
 * the change with its typed audit event and its notices in one transaction, and ask for delivery after
 * commit. Nothing is written unless every step before the transaction passed.
 *
 * The audit events and notices of a change are written together at its end, just before the commit: the
 * audit chain's head is locked from its first append to the commit, and every other change in the
 * partnership waits on it, so it is taken last and held for two statements, not for the whole change.
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
import { plainTransaction, type SqlTx } from '../lib/db.js'
import { AppError, type FieldMessages } from '../lib/errors.js'
import { fieldErrorsOf } from '../lib/validation.js'
import { describeFindings, findSensitiveFields } from './privacy/sensitive-text.js'
import { type AuditInput, recordAudits } from './audit-log/record-audit.js'
import type { AuditEvent } from './audit-log/audit-events.js'
import type { OutboxPayload } from './notifications/notification.schema.js'
import { enqueue } from './notifications/outbox.js'
import type { Actor } from './people/people.schema.js'

/** What a change gets inside its transaction: a Prisma one, or a plain connection for a plainUseCase. */
export type Writer<T extends SqlTx = Prisma.TransactionClient> = {
  tx: T
  actor: Actor
  /** The moment of the change (the service clock), the same for every row it writes. */
  now: Date
  ctx: ServiceContext
  /** Appends a typed audit event by this actor to the partnership's chain, in this transaction (at its end). */
  audit(event: AuditEvent): Promise<void>
  /** Queues outbound messages in this transaction (at its end); delivery is asked for once it commits. */
  notify(payloads: OutboxPayload[]): Promise<void>
}

export type UseCase<R> = (ctx: ServiceContext, actor: Actor, raw: unknown) => Promise<R>

export type UseCaseDefinition<S extends z.ZodTypeAny, L, R, T extends SqlTx = Prisma.TransactionClient> = {
  /** The input schema: a failure becomes INVALID_INPUT with a message per form field. */
  input: S
  /**
   * The free-text fields checked for identifying details. When the answers are refused for another reason
   * (the schema or the policy), these are checked too and their warnings come in the same reply, so a person
   * learns of every problem in one submit.
   */
  freeText?: readonly string[]
  /**
   * The checks that need the database (a date not in the future, a choice from the partnership's list), run
   * on the raw answers when the schema refuses them, so their messages come in the same reply. A field's own
   * schema message wins over one from here.
   */
  alsoCheck?: (ctx: ServiceContext, actor: Actor, raw: Record<string, unknown>) => Promise<FieldMessages>
  /** Reads what the policy and the change need, outside the transaction (throw NOT_FOUND here). */
  load?: (ctx: ServiceContext, actor: Actor, input: z.infer<S>) => Promise<L>
  /** The permission and business-rule checks before anything is written: throw NOT_PERMITTED and friends. */
  policy: (actor: Actor, input: z.infer<S>, loaded: L, ctx: ServiceContext) => void | Promise<void>
  /** The change, its audit events and its notices, in one transaction; throwing rolls all of it back. */
  change: (w: Writer<T>, input: z.infer<S>, loaded: L) => Promise<R>
  /** Turns a failure of the transaction into a result, e.g. a racing duplicate submit into the first one's. */
  recover?: (ctx: ServiceContext, actor: Actor, input: z.infer<S>, error: unknown) => Promise<R | undefined>
}

/** Parses `raw` with `schema`; a ZodError always becomes INVALID_INPUT with the field messages. */
export function parseOrRefuse<S extends z.ZodTypeAny>(schema: S, raw: unknown): z.infer<S> {
  try {
    return schema.parse(raw)
  } catch (error) {
    if (error instanceof ZodError) {
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', {
        fieldErrors: fieldErrorsOf(error),
      })
    }
    throw error
  }
}

/**
 * An INVALID_INPUT refusal with the identifying-details warnings of the raw free-text answers added (unless
 * the person already confirmed them): SENSITIVE_TEXT, so the form comes back with every message and the box
 * to confirm. Any other error is returned as it is.
 */
function withSensitiveWarnings(error: unknown, raw: unknown, freeText: readonly string[]): unknown {
  if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT' || freeText.length === 0) return error
  if (typeof raw !== 'object' || raw === null) return error
  const answers = raw as Record<string, unknown>
  if (answers.confirmSensitive === true) return error
  const findings = findSensitiveFields(Object.fromEntries(freeText.map((field) => [field, answers[field]])))
  if (Object.keys(findings).length === 0) return error
  const fieldErrors = { ...error.fieldErrors }
  for (const [field, list] of Object.entries(findings)) {
    const warning = describeFindings(list)
    fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${warning}` : warning
  }
  return new AppError('SENSITIVE_TEXT', 'Please check the highlighted answers.', { fieldErrors })
}

/** A schema refusal joined by the messages of the definition's `alsoCheck` on the raw answers. */
async function withMoreChecks(
  error: unknown,
  def: Pick<UseCaseDefinition<z.ZodTypeAny, unknown, unknown, SqlTx>, 'alsoCheck'>,
  ctx: ServiceContext,
  actor: Actor,
  raw: unknown,
): Promise<unknown> {
  if (!def.alsoCheck || !(error instanceof AppError) || error.code !== 'INVALID_INPUT') return error
  if (typeof raw !== 'object' || raw === null) return error
  const more = await def.alsoCheck(ctx, actor, raw as Record<string, unknown>)
  if (Object.keys(more).length === 0) return error
  return new AppError('INVALID_INPUT', error.userMessage, { fieldErrors: { ...more, ...error.fieldErrors } })
}

/** Builds a use case from its definition (see the file comment for the order of the steps). */
export function useCase<S extends z.ZodTypeAny, L = undefined, R = void>(def: UseCaseDefinition<S, L, R>): UseCase<R> {
  return build(def, (ctx, work) => ctx.db.$transaction(work))
}

/**
 * A use case whose change writes with plain SQL only (`$queryRaw` and `$executeRaw` on `w.tx`): its transaction
 * runs on a plain connection, without Prisma's query compiler and runtime. For the busiest changes: a referral
 * submit spent about 1.5 ms of CPU in Prisma on its six statements.
 */
export function plainUseCase<S extends z.ZodTypeAny, L = undefined, R = void>(
  def: UseCaseDefinition<S, L, R, SqlTx>,
): UseCase<R> {
  return build(def, (ctx, work) => plainTransaction(ctx.db, work, { timeoutMs: TRANSACTION_TIMEOUT_MS }))
}

/** As long as Prisma gives an interactive transaction by default. */
const TRANSACTION_TIMEOUT_MS = 5000

function build<S extends z.ZodTypeAny, L, R, T extends SqlTx>(
  def: UseCaseDefinition<S, L, R, T>,
  transaction: (ctx: ServiceContext, work: (tx: T) => Promise<R>) => Promise<R>,
): UseCase<R> {
  return async (ctx, actor, raw) => {
    const freeText = def.freeText ?? []
    let input: z.infer<S>
    try {
      input = parseOrRefuse(def.input, raw)
    } catch (error) {
      throw withSensitiveWarnings(await withMoreChecks(error, def, ctx, actor, raw), raw, freeText)
    }
    const loaded = (def.load ? await def.load(ctx, actor, input) : undefined) as L
    try {
      await def.policy(actor, input, loaded, ctx)
    } catch (error) {
      throw withSensitiveWarnings(error, input, freeText)
    }
    const now = ctx.clock.now()
    let queued = 0
    let result: R
    try {
      result = await transaction(ctx, async (tx) => {
        const events: AuditInput[] = []
        const notices: OutboxPayload[] = []
        const writer: Writer<T> = {
          tx,
          actor,
          now,
          ctx,
          audit: async (event) => {
            events.push({ ...event, partnershipId: actor.partnershipId, actorId: actor.personId, at: now })
          },
          notify: async (payloads) => {
            notices.push(...payloads)
          },
        }
        const changed = await def.change(writer, input, loaded)
        await enqueue(tx, notices)
        await recordAudits(tx, events)
        queued = notices.length
        return changed
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
