import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit.js'

/** A fake clock: sleeping moves time on, so the limiter's pacing can be read exactly. */
function fakeTime() {
  let t = 0
  const sleeps: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
    sleeps,
    at: () => t,
  }
}

describe('RateLimiter', () => {
  it('lets a burst through at once, then paces to the rate', async () => {
    const time = fakeTime()
    const limiter = new RateLimiter(7, 7, time.now, time.sleep)
    for (let i = 0; i < 7; i++) await limiter.take('conv')
    expect(time.at()).toBe(0)
    for (let i = 0; i < 7; i++) await limiter.take('conv')
    // Seven more at 7 a second take one second.
    expect(time.at()).toBeGreaterThanOrEqual(990)
    expect(time.at()).toBeLessThanOrEqual(1010)
  })

  it('keeps separate keys apart', async () => {
    const time = fakeTime()
    const limiter = new RateLimiter(1, 1, time.now, time.sleep)
    await limiter.take('a')
    await limiter.take('b')
    expect(time.at()).toBe(0)
    await limiter.take('a')
    expect(time.at()).toBe(1000)
  })
})

describe('RateLimiter.tryTake', () => {
  it('never waits: it takes a free turn, or says how long until the next one', () => {
    const time = fakeTime()
    const limiter = new RateLimiter(2, 2, time.now, time.sleep)
    expect([limiter.tryTake('k'), limiter.tryTake('k')]).toEqual([0, 0])
    expect(limiter.tryTake('k')).toBe(500)
    expect(time.sleeps).toEqual([])
  })
})
