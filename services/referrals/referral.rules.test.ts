/** The serious-incident test and the statutory clocks, with the default partnership settings. */
import { describe, expect, it } from 'vitest'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { computeClocks, isSeriousIncident } from './referral.rules.js'

const defaults = ZPartnershipSettings.parse({})

describe('isSeriousIncident: abuse or neglect AND the child died or was seriously harmed', () => {
  it.each([
    [['abuse-or-neglect', 'died'], true],
    [['abuse-or-neglect', 'seriously-harmed'], true],
    [['seriously-harmed', 'abuse-or-neglect', 'agencies-working-together'], true],
    [['abuse-or-neglect'], false],
    [['died'], false],
    [['seriously-harmed'], false],
    [['died', 'seriously-harmed'], false],
    [['abuse-or-neglect', 'agencies-working-together', 'good-practice'], false],
    [[], false],
  ])('%j: %s', (criteria, expected) => {
    expect(isSeriousIncident(criteria)).toBe(expected)
  })
})

describe('computeClocks with the default settings', () => {
  it('uses 5 and 15 working days by default', () => {
    expect(defaults.clocks).toEqual({ panelNotificationWorkingDays: 5, rapidReviewWorkingDays: 15 })
  })

  it('sets both clocks for a serious incident', () => {
    // Aware Fri 27 Nov 2026: 5 working days is Fri 4 Dec, 15 is Fri 18 Dec.
    expect(computeClocks('2026-11-27', ['abuse-or-neglect', 'seriously-harmed'], defaults)).toEqual({
      notifyPanelBy: '2026-12-04',
      rapidReviewDue: '2026-12-18',
    })
  })

  it('counts round Christmas and New Year', () => {
    // Aware Tue 22 Dec 2026; 25 and 28 Dec and 1 Jan are bank holidays.
    expect(computeClocks('2026-12-22', ['abuse-or-neglect', 'died'], defaults)).toEqual({
      notifyPanelBy: '2026-12-31',
      rapidReviewDue: '2027-01-15',
    })
  })

  it('sets no Panel notification date when the incident is not serious', () => {
    expect(computeClocks('2026-11-27', ['agencies-working-together'], defaults)).toEqual({
      notifyPanelBy: null,
      rapidReviewDue: '2026-12-18',
    })
  })

  it("follows a partnership's own settings", () => {
    const settings = ZPartnershipSettings.parse({ clocks: { panelNotificationWorkingDays: 3, rapidReviewWorkingDays: 10 } })
    // Aware Wed 1 Apr 2026, across Easter: 3 wd is Wed 8 Apr; 10 wd is Fri 17 Apr.
    expect(computeClocks('2026-04-01', ['abuse-or-neglect', 'died'], settings)).toEqual({
      notifyPanelBy: '2026-04-08',
      rapidReviewDue: '2026-04-17',
    })
  })
})
