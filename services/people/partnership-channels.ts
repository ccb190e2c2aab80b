/**
 * Prisma queries for a partnership's group channels (the channel repo). The outbox reads
 * listPartnershipChannels to post screening cards; the use cases set them.
 */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import type { ChannelPurpose } from './channel.schema.js'

type ChannelKey = { partnershipId: string; purpose: string; platform: string }

/** The channels set for a purpose, one per platform. */
export async function listPartnershipChannels(db: Db, partnershipId: string, purpose: ChannelPurpose) {
  return db.partnershipChannel.findMany({ where: { partnershipId, purpose } })
}

export const findPartnershipChannel = (db: Db, key: ChannelKey) =>
  db.partnershipChannel.findUnique({ where: { partnershipId_purpose_platform: key } })

/** Sets the channel: a plain overwrite, since the latest choice is the one that counts. */
export const upsertPartnershipChannel = (
  tx: Prisma.TransactionClient,
  key: ChannelKey,
  address: Prisma.InputJsonValue,
) =>
  tx.partnershipChannel.upsert({
    where: { partnershipId_purpose_platform: key },
    create: { ...key, address },
    update: { address },
  })

/** Every partnership with its channel for a purpose on a platform (null when none is set). */
export async function listPartnershipsWithChannel(db: Db, purpose: ChannelPurpose, platform: string) {
  const partnerships = await db.partnership.findMany({
    orderBy: { key: 'asc' },
    select: {
      id: true,
      key: true,
      teamsTenantId: true,
      channels: { where: { purpose, platform }, select: { address: true } },
    },
  })
  return partnerships.map(({ channels, ...p }) => ({ ...p, address: channels[0]?.address ?? null }))
}
