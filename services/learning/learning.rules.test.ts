/** The pure parts of learning products and their broadcast: read receipts, scheduling in local time, pacing. */
import { describe, expect, it } from 'vitest'
import { Pacer } from '../broadcast/pacing.js'
import { isReadUpTo } from './record-read-receipt.js'
import { instantOf } from '../calendar/local-time.js'

describe('isReadUpTo (Teams read receipts)', () => {
  it.each([
    ['1700000000005', '1700000000005', true],
    ['1700000000004', '1700000000005', true],
    ['1700000000006', '1700000000005', false],
    // Numbers, not text: "9" is before "10".
    ['9', '10', true],
    ['activity-3', 'activity-3', true],
    ['activity-3', 'activity-4', false],
  ])('message %s, last read %s: %s', (id, last, read) => {
    expect(isReadUpTo(id, last)).toBe(read)
  })
})

describe('instantOf (a send scheduled in the partnership time)', () => {
  it('reads 09:00 in London as 09:00 UTC in winter and 08:00 UTC in summer', () => {
    expect(instantOf('2026-12-01', '09:00', 'Europe/London').toISOString()).toBe('2026-12-01T09:00:00.000Z')
    expect(instantOf('2026-07-01', '09:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z')
  })
})

describe('Pacer', () => {
  /** A clock that only moves when someone sleeps. */
  const fakeTime = () => {
    const t = { now: 0, slept: [] as number[] }
    return {
      t,
      now: () => t.now,
      sleep: async (ms: number) => {
        t.slept.push(ms)
        t.now += ms
      },
    }
  }

  it('hands out send times at the rate: never more than the rate and one in any second', async () => {
    const c = fakeTime()
    const pacer = new Pacer({ teams: { perSecond: 48, perConversation: 6 } }, c.now, c.sleep)
    const times: number[] = []
    for (let i = 0; i < 200; i++) {
      await pacer.take('teams', 'tenant', null)
      times.push(c.t.now)
    }
    for (const start of times)
      expect(times.filter((x) => x >= start && x < start + 1000).length).toBeLessThanOrEqual(49)
    // 200 messages at 48 a second: a little over 4 seconds.
    expect(times.at(-1)).toBeGreaterThan(4100)
    expect(times.at(-1)).toBeLessThan(4300)
  })

  it('pauses everyone for Retry-After after a 429 and goes 10% slower for a while', async () => {
    const c = fakeTime()
    const pacer = new Pacer({ teams: { perSecond: 40, perConversation: 6 } }, c.now, c.sleep)
    await pacer.take('teams', 'tenant', null)
    pacer.throttled('teams', 'tenant', 3000)
    expect(pacer.rateOf('teams', 'tenant')).toBe(36)
    await pacer.take('teams', 'tenant', 'another-conversation')
    expect(c.t.now).toBeGreaterThanOrEqual(3000)
  })
})
