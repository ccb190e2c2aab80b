/** The group channels a partnership uses (e.g. where the Case Review Group screens referrals): purposes and inputs. */
import { z } from 'zod'
import { AppError } from '../../lib/errors.js'
import type { JsonInput } from '../../lib/json.js'
import { PLATFORMS } from './people.schema.js'

export const CHANNEL_PURPOSES = {
  'case-review': 'Case Review Group',
  learning: 'Learning and Development Sub-group',
} as const
export type ChannelPurpose = keyof typeof CHANNEL_PURPOSES
const PURPOSE_KEYS = Object.keys(CHANNEL_PURPOSES) as [ChannelPurpose, ...ChannelPurpose[]]

/** "Case Review" or "case-review" → 'case-review'; anything else is refused with the purposes there are. */
export function parseChannelPurpose(text: string): ChannelPurpose {
  const key = text.trim().toLowerCase().replace(/\s+/g, '-')
  if (Object.hasOwn(CHANNEL_PURPOSES, key)) return key as ChannelPurpose
  throw new AppError('INVALID_INPUT', `Unknown channel purpose "${text.trim()}". Try: ${PURPOSE_KEYS.join(', ')}.`)
}

const ZJson: z.ZodType<JsonInput> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.array(ZJson), z.record(ZJson.nullable())]),
)
/** A platform's address of a conversation, stored as it came: services never look inside. */
const ZChannelAddress = z.record(ZJson.nullable())

/** A person makes the conversation they are in the partnership's channel for a purpose. */
export const ZSetChannel = z.object({
  purpose: z.enum(PURPOSE_KEYS),
  platform: z.enum(PLATFORMS),
  address: ZChannelAddress,
})

/** Deployment configuration (or the development playground) sets a partnership's channel. */
export const ZConfigureChannel = ZSetChannel.extend({ partnershipId: z.string().min(1) })
