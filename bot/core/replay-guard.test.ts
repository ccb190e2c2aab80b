/** The replay guard: a repeat within the window gets the first answer and runs nothing. */
import { describe, expect, it } from 'vitest'
import { ReplayGuard } from './replay-guard.js'

describe('ReplayGuard', () => {
  it('runs work once per key and hands a repeat the first result, even while it is still running', async () => {
    const guard = new ReplayGuard<number>()
    let runs = 0
    let release!: (n: number) => void
    const first = guard.once('k', () => {
      runs++
      return new Promise((resolve) => {
        release = resolve
      })
    })
    const second = guard.once('k', async () => {
      runs++
      return 2
    })
    expect([first.repeated, second.repeated]).toEqual([false, true])
    release(1)
    expect(await second.result).toBe(1)
    expect(runs).toBe(1)
    expect(guard.once('other', async () => 3).repeated).toBe(false)
  })

  it('forgets a key after the window, and a run that failed at once', async () => {
    let t = 0
    const guard = new ReplayGuard<number>(1000, 100, () => t)
    await guard.once('k', async () => 1).result
    t = 1001
    expect(guard.once('k', async () => 2).repeated).toBe(false)
    const failed = guard.once('bad', async () => {
      throw new Error('no')
    })
    await expect(failed.result).rejects.toThrow('no')
    expect(guard.once('bad', async () => 4).repeated).toBe(false)
  })

  it('keeps at most maxKeys, dropping the oldest', async () => {
    const guard = new ReplayGuard<number>(60_000, 2, () => 0)
    for (const key of ['a', 'b', 'c']) guard.once(key, async () => 0)
    expect(guard.once('a', async () => 0).repeated).toBe(false)
    expect(guard.once('c', async () => 0).repeated).toBe(true)
  })
})
