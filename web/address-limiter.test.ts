/** The public link's rate limiter: refuses a flood, and forgets each caller once their window has passed. */
import { describe, expect, it } from 'vitest'
import { AddressLimiter } from './address-limiter.js'

describe('AddressLimiter', () => {
  it('allows the limit per window, refuses more, and forgets the caller when the window passes', () => {
    let now = 1_000_000
    const limiter = new AddressLimiter(3, 60_000, () => now)
    expect([1, 2, 3, 4].map(() => limiter.allow('203.0.113.9'))).toEqual([true, true, true, false])
    expect(limiter.allow('198.51.100.7')).toBe(true)
    expect(limiter.size()).toBe(2)
    now += 60_000
    expect(limiter.size()).toBe(0)
    expect(limiter.allow('203.0.113.9')).toBe(true)
  })

  it('keeps no address: only keyed digests', () => {
    const limiter = new AddressLimiter(3, 60_000)
    limiter.allow('203.0.113.9')
    const held = JSON.stringify([...(limiter as unknown as { entries: Map<string, unknown> }).entries.keys()])
    expect(held).not.toContain('203.0.113.9')
    expect(held).not.toContain('203')
  })
})
