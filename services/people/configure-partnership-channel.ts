/**
 * Sets a partnership's channel from deployment configuration (SLACK_CASE_REVIEW_CHANNEL) or the development
 * playground: no person acts, so it is audited with no actor. Setting the same address again writes nothing.
 */
import type { ServiceContext } from '../../lib/context.js'
import { recordAudit } from '../audit-log/index.js'
import { canonicalJson } from '../audit-log/audit-hash.js'
import { parseOrRefuse } from '../use-case.js'
import { ZConfigureChannel } from './channel.schema.js'
import { findPartnershipChannel, upsertPartnershipChannel } from './partnership-channels.js'

/** Sets the channel for a purpose unless it already has this address; returns whether anything changed. */
export async function configurePartnershipChannel(ctx: ServiceContext, raw: unknown): Promise<boolean> {
  const input = parseOrRefuse(ZConfigureChannel, raw)
  const key = { partnershipId: input.partnershipId, purpose: input.purpose, platform: input.platform }
  const before = await findPartnershipChannel(ctx.db, key)
  if (before && canonicalJson(before.address) === canonicalJson(input.address)) return false
  await ctx.db.$transaction(async (tx) => {
    await upsertPartnershipChannel(tx, key, input.address)
    await recordAudit(tx, {
      partnershipId: input.partnershipId,
      actorId: null,
      action: 'CHANNEL_SET',
      subjectType: 'channel',
      subjectId: `${input.purpose}:${input.platform}`,
      before: { isSet: before !== null },
      after: { purpose: input.purpose, platform: input.platform, source: 'configuration' },
      fields: ['address'],
      at: ctx.clock.now(),
    })
  })
  return true
}
