/** The group channels a partnership uses (e.g. where the Case Review Group screens referrals). */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import type { Actor, Platform } from './people.schema.js'
import { assertCan } from './policy.js'

export const CHANNEL_PURPOSES = { 'case-review': 'Case Review Group' } as const
export type ChannelPurpose = keyof typeof CHANNEL_PURPOSES

export function parseChannelPurpose(text: string): ChannelPurpose {
  const key = text.trim().toLowerCase().replace(/\s+/g, '-')
  if (key in CHANNEL_PURPOSES) return key as ChannelPurpose
  throw new AppError('INVALID_INPUT', `Unknown channel purpose "${text.trim()}". Try: ${Object.keys(CHANNEL_PURPOSES).join(', ')}.`)
}

/** Makes this conversation the partnership's channel for `purpose` on `platform`. */
export async function setPartnershipChannel(
  ctx: ServiceContext,
  actor: Actor,
  input: { purpose: ChannelPurpose; platform: Platform; address: Prisma.InputJsonValue },
): Promise<void> {
  assertCan(actor, 'channel.set', { subGroupKey: input.purpose })
  await ctx.db.$transaction(async (tx) => {
    const key = { partnershipId: actor.partnershipId, purpose: input.purpose, platform: input.platform }
    const before = await tx.partnershipChannel.findUnique({ where: { partnershipId_purpose_platform: key } })
    await tx.partnershipChannel.upsert({
      where: { partnershipId_purpose_platform: key },
      create: { ...key, address: input.address },
      update: { address: input.address },
    })
    await recordAudit(tx, {
      partnershipId: actor.partnershipId,
      actorId: actor.personId,
      action: 'CHANNEL_SET',
      subjectType: 'channel',
      subjectId: `${input.purpose}:${input.platform}`,
      before: before ? { address: before.address } : undefined,
      after: { address: input.address },
      at: ctx.clock.now(),
    })
  })
}

export async function listPartnershipChannels(db: Db, partnershipId: string, purpose: ChannelPurpose) {
  return db.partnershipChannel.findMany({ where: { partnershipId, purpose } })
}

/** Sets a channel from deployment configuration (no person acting); audited like any other change. */
export async function configurePartnershipChannel(
  ctx: ServiceContext,
  input: { partnershipId: string; purpose: ChannelPurpose; platform: Platform; address: Prisma.InputJsonValue },
): Promise<void> {
  const key = { partnershipId: input.partnershipId, purpose: input.purpose, platform: input.platform }
  const before = await ctx.db.partnershipChannel.findUnique({ where: { partnershipId_purpose_platform: key } })
  if (before && JSON.stringify(before.address) === JSON.stringify(input.address)) return
  await ctx.db.$transaction(async (tx) => {
    await tx.partnershipChannel.upsert({
      where: { partnershipId_purpose_platform: key },
      create: { ...key, address: input.address },
      update: { address: input.address },
    })
    await recordAudit(tx, {
      partnershipId: input.partnershipId, actorId: null, action: 'CHANNEL_SET', subjectType: 'channel',
      subjectId: `${input.purpose}:${input.platform}`, before: before ? { address: before.address } : undefined,
      after: { address: input.address, source: 'configuration' }, at: ctx.clock.now(),
    })
  })
}
