/**
 * The business manager (or the sub-group's chair) makes the conversation they are in the partnership's
 * channel for a purpose. Audited without the address itself: which channel purpose, on which platform.
 */
import { useCase } from '../use-case.js'
import { ZSetChannel } from './channel.schema.js'
import { findPartnershipChannel, upsertPartnershipChannel } from './partnership-channels.js'
import { assertCan } from './policy.js'

/** Sets this conversation as the partnership's channel for `purpose` on `platform`. */
export const setPartnershipChannel = useCase({
  input: ZSetChannel,
  policy: (actor, input) => assertCan(actor, 'channel.set', { subGroupKey: input.purpose }),
  change: async (w, input) => {
    const key = { partnershipId: w.actor.partnershipId, purpose: input.purpose, platform: input.platform }
    const before = await findPartnershipChannel(w.tx, key)
    await upsertPartnershipChannel(w.tx, key, input.address)
    await w.audit({
      action: 'CHANNEL_SET',
      subjectType: 'channel',
      subjectId: `${input.purpose}:${input.platform}`,
      before: { isSet: before !== null },
      after: { purpose: input.purpose, platform: input.platform, source: 'chat' },
      fields: ['address'],
    })
  },
})
