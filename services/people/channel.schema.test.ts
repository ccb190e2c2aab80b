/** Channel purposes as people type them, and the channel inputs the use cases accept. */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.js'
import { parseChannelPurpose, ZSetChannel } from './channel.schema.js'

describe('parseChannelPurpose', () => {
  it.each(['case-review', 'Case Review', '  case   review '])('%j is the Case Review Group', (text) => {
    expect(parseChannelPurpose(text)).toBe('case-review')
  })

  it('refuses an unknown purpose, naming the ones there are', () => {
    expect(() => parseChannelPurpose('gossip')).toThrow(AppError)
    expect(() => parseChannelPurpose('gossip')).toThrow('Unknown channel purpose "gossip". Try: case-review, learning.')
  })
})

describe('ZSetChannel', () => {
  const address = { channelId: 'msteams', conversation: { id: '19:abc@thread.tacv2', isGroup: true }, bot: null }

  it('keeps the platform address as it came', () => {
    expect(ZSetChannel.parse({ purpose: 'case-review', platform: 'teams', address })).toEqual({
      purpose: 'case-review',
      platform: 'teams',
      address,
    })
  })

  it('refuses an address that is not an object, and an unknown platform', () => {
    expect(ZSetChannel.safeParse({ purpose: 'case-review', platform: 'teams', address: 'C123' }).success).toBe(false)
    expect(ZSetChannel.safeParse({ purpose: 'case-review', platform: 'email', address }).success).toBe(false)
  })
})
