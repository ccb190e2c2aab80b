/** Per-person limits: every interaction counts once, submits twice over; opening a form is not a submit. */
import { describe, expect, it } from 'vitest'
import { PersonThrottle } from './throttle.js'
import type { Incoming } from './types.js'

const limits = { person: { perSecond: 1, burst: 5 }, submit: { perSecond: 0.1, burst: 2 } }
const teams = (aadObjectId: string) => ({
  platform: 'teams' as const,
  identity: { platform: 'teams' as const, aadObjectId, tenantId: 't' },
})
const action = (who: string, verb: string): Incoming => ({
  ...teams(who),
  kind: 'action',
  verb,
  meta: {},
  readValues: () => ({}),
})
const message = (who: string): Incoming => ({ ...teams(who), kind: 'message', text: 'my referrals' })
const titleOf = (replies: ReturnType<PersonThrottle['check']>) =>
  replies?.[0]?.type === 'card' ? replies[0].card.title : null

describe('PersonThrottle', () => {
  it('lets submits through up to their burst, then answers with the slow-down card until time passes', () => {
    let t = 0
    const throttle = new PersonThrottle(limits, () => t)
    expect(throttle.check(action('a', 'referral.submit'))).toBeNull()
    expect(throttle.check(action('a', 'referral.start-rapid-review'))).toBeNull()
    expect(titleOf(throttle.check(action('a', 'referral.submit')))).toBe('Slow down')
    // Reading and opening forms still work: they are not submits.
    expect(throttle.check(message('a'))).toBeNull()
    expect(throttle.check(action('a', 'open:referral.submit'))).toBeNull()
    // Someone else has their own budget.
    expect(throttle.check(action('b', 'referral.submit'))).toBeNull()
    t += 10_000
    expect(throttle.check(action('a', 'referral.submit'))).toBeNull()
  })

  it('limits every interaction of one person, whatever it is', () => {
    const throttle = new PersonThrottle(limits, () => 0)
    for (let i = 0; i < 5; i++) expect(throttle.check(message('c'))).toBeNull()
    expect(titleOf(throttle.check(message('c')))).toBe('Slow down')
  })

  it('keeps Slack people apart by workspace and user', () => {
    const throttle = new PersonThrottle({ ...limits, person: { perSecond: 1, burst: 1 } }, () => 0)
    const slack = (teamId: string): Incoming => ({
      platform: 'slack',
      identity: { platform: 'slack', userId: 'U1', teamId },
      kind: 'message',
      text: 'hi',
    })
    expect(throttle.check(slack('T1'))).toBeNull()
    expect(throttle.check(slack('T2'))).toBeNull()
    expect(titleOf(throttle.check(slack('T1')))).toBe('Slow down')
  })
})
