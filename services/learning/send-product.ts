/**
 * Sends an approved learning product to an audience (services/audiences: agencies, roles, sub-groups, settings,
 * or everyone), 1:1 to each person on the platform they used last, and to chosen partnership channels; now or
 * at a chosen date and time (the partnership's local time). Each person is queued once however many audiences
 * they fall in; the broadcast engine delivers. The same form submitted twice queues one send.
 */
import type { Prisma } from '@prisma/client'
import type { ServiceContext } from '../../lib/context.js'
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { describeAudience, isEmptyAudience, resolveAudience, ZAudience } from '../audiences/index.js'
import { queueBroadcast } from '../broadcast/index.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { useCase } from '../use-case.js'
import { findBroadcastOf, findProduct } from './learning.repo.js'
import { type SendProductInput, ZSendProduct } from './learning.schema.js'
import { instantOf } from '../calendar/local-time.js'

export type SendProductResult = {
  productId: string
  reference: string
  recipients: number
  channels: number
  audience: string
  /** ISO date-time when it starts (now, or the chosen time). */
  scheduledFor: string
  isScheduled: boolean
  isNew: boolean
}

const audienceOf = (input: SendProductInput) =>
  ZAudience.parse({
    everyone: input.everyone,
    agencies: input.agencies,
    roles: input.roles,
    subGroups: input.subGroups,
    settings: input.settings,
  })

const queue = useCase({
  input: ZSendProduct,
  load: async (ctx, actor, input) => {
    const product = await findProduct(ctx.db, actor.partnershipId, input.productId)
    const existing = await findBroadcastOf(ctx.db, product.id)
    const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
    const audience = audienceOf(input)
    const members = await resolveAudience(ctx.db, actor.partnershipId, audience)
    const channels = await ctx.db.partnershipChannel.findMany({ where: { partnershipId: actor.partnershipId } })
    const now = ctx.clock.now()
    const today = todayIn(partnership.timeZone, now)
    const at =
      input.sendOn || input.sendAt
        ? instantOf(input.sendOn ?? today, input.sendAt ?? '09:00', partnership.timeZone)
        : now
    return { product, existing, audience, members, channels, at, now, timeZone: partnership.timeZone }
  },
  policy: (actor: Actor, input, loaded) => {
    assertCan(actor, 'learning.send', { responsiblePersonId: loaded.product.createdById })
    if (loaded.existing) {
      if (loaded.existing.formKey === input.formKey) return
      throw new AppError('ALREADY_DONE', `${loaded.product.reference} has already been sent or scheduled.`)
    }
    if (loaded.product.status === 'AWAITING_APPROVAL')
      throw new AppError(
        'INVALID_TRANSITION',
        `${loaded.product.reference} must be approved by the chair of the Learning and Development Sub-group before it is sent.`,
      )
    const fieldErrors: Record<string, string> = {}
    const known = new Set(loaded.channels.map((c) => `${c.purpose}:${c.platform}`))
    if (input.channels.some((c) => !known.has(c))) fieldErrors.channels = 'Choose channels from the list.'
    if (isEmptyAudience(loaded.audience) && input.channels.length === 0)
      fieldErrors.agencies = 'Choose who it is for: agencies, roles, sub-groups, settings or everyone, or a channel.'
    else if (loaded.members.length === 0 && input.channels.length === 0)
      fieldErrors.agencies = 'Nobody is in that audience yet. Choose other groups.'
    if (loaded.at.getTime() < loaded.now.getTime() - 60_000)
      fieldErrors.sendOn = 'That time has passed. Choose a later one, or leave it empty to send now.'
    if (Object.keys(fieldErrors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors })
  },
  change: async (w, input, loaded): Promise<SendProductResult> => {
    const { product } = loaded
    const words = await describeAudience(w.tx, w.actor.partnershipId, loaded.audience)
    if (loaded.existing) return resultOf(product, loaded.existing, words, false)
    const channels = input.channels.map((c) => {
      const [purpose, platform] = c.split(':') as [string, string]
      return { purpose, platform }
    })
    const isScheduled = loaded.at.getTime() > loaded.now.getTime() + 60_000
    const broadcast = await queueBroadcast(w.tx, {
      partnershipId: w.actor.partnershipId,
      subjectType: 'learning-product',
      subjectId: product.id,
      audience: { ...loaded.audience, channels: input.channels },
      members: loaded.members,
      channels,
      scheduledFor: isScheduled ? loaded.at : w.now,
      createdById: w.actor.personId,
      formKey: input.formKey,
      now: w.now,
    })
    await w.tx.learningProduct.update({
      where: { id: product.id },
      data: { status: isScheduled ? 'SCHEDULED' : 'SENDING', version: { increment: 1 } },
    })
    await w.audit({
      action: 'LEARNING_PRODUCT_SEND_QUEUED',
      subjectType: 'learning-product',
      subjectId: product.id,
      before: { status: product.status },
      after: {
        status: isScheduled ? 'SCHEDULED' : 'SENDING',
        broadcastId: broadcast.id,
        recipients: loaded.members.length,
        channels: input.channels,
        agencies: loaded.audience.agencies,
        roles: loaded.audience.roles,
        subGroups: loaded.audience.subGroups,
        settings: loaded.audience.settings,
        everyone: loaded.audience.everyone,
        scheduledFor: (isScheduled ? loaded.at : w.now).toISOString(),
      },
    })
    return {
      productId: product.id,
      reference: product.reference,
      recipients: loaded.members.length,
      channels: channels.length,
      audience: words,
      scheduledFor: (isScheduled ? loaded.at : w.now).toISOString(),
      isScheduled,
      isNew: true,
    }
  },
  recover: async (ctx, actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const product = await findProduct(ctx.db, actor.partnershipId, input.productId)
    const existing = await findBroadcastOf(ctx.db, product.id)
    return existing ? resultOf(product, existing, '', false) : undefined
  },
})

function resultOf(
  product: { id: string; reference: string },
  b: { total: number; scheduledFor: Date; status: string; audience: Prisma.JsonValue },
  audience: string,
  isNew: boolean,
): SendProductResult {
  const channels = ((b.audience as { channels?: unknown[] } | null)?.channels ?? []).length
  return {
    productId: product.id,
    reference: product.reference,
    recipients: b.total - channels,
    channels,
    audience,
    scheduledFor: b.scheduledFor.toISOString(),
    isScheduled: b.status === 'SCHEDULED',
    isNew,
  }
}

/** Queues the send, then asks the engine to start at once (a scheduled one starts at its time). */
export async function sendProduct(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<SendProductResult> {
  const result = await queue(ctx, actor, raw)
  ctx.startBroadcasts?.()
  return result
}
