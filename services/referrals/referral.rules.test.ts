/** The serious incident test and who must be notified, as DOMAIN.md 1.3 and 1.4 give them. */
import { describe, expect, it } from 'vitest'
import {
  isLookedAfterDeath,
  isPanelNotificationRequired,
  isSeriousIncident,
  needsNotification,
} from './referral.rules.js'

describe('DOMAIN.md 1.3: abuse or neglect AND the child died, was seriously harmed or caused serious harm', () => {
  it.each([
    [['abuse-or-neglect', 'died'], true],
    [['abuse-or-neglect', 'seriously-harmed'], true],
    [['abuse-or-neglect', 'caused-serious-harm'], true],
    [['seriously-harmed', 'abuse-or-neglect', 'agencies-working-together'], true],
    [['abuse-or-neglect'], false],
    [['died'], false],
    [['caused-serious-harm'], false],
    [['died', 'seriously-harmed'], false],
    [['abuse-or-neglect', 'agencies-working-together', 'good-practice'], false],
    [[], false],
  ])('%j: %s', (criteria, expected) => {
    expect(isSeriousIncident(criteria)).toBe(expected)
  })
})

describe("DOMAIN.md 1.4: the Panel notification covers the local authority's area", () => {
  const serious = ['abuse-or-neglect', 'died']
  const facts = { criteria: serious, location: 'in-area', normallyResident: false, lookedAfter: false }

  it.each([
    ['in the area', facts, true],
    [
      'elsewhere in England (that area notifies)',
      { ...facts, location: 'elsewhere-england', normallyResident: true },
      false,
    ],
    [
      'outside England, to a child normally resident here',
      { ...facts, location: 'outside-england', normallyResident: true },
      true,
    ],
    ['outside England, to a child not resident here', { ...facts, location: 'outside-england' }, false],
    ['in the area, but not a serious incident', { ...facts, criteria: ['died'] }, false],
  ])('%s: %s', (_what, f, expected) => {
    expect(isPanelNotificationRequired(f)).toBe(expected)
  })

  it('a looked-after child who died is notified to the Secretary of State and Ofsted whatever the criteria', () => {
    const death = { ...facts, criteria: ['died'], lookedAfter: true }
    expect(isPanelNotificationRequired(death)).toBe(false)
    expect(isLookedAfterDeath(death)).toBe(true)
    expect(needsNotification(death)).toBe(true)
    expect(isLookedAfterDeath({ ...death, criteria: ['seriously-harmed'] })).toBe(false)
    expect(needsNotification({ ...facts, criteria: ['agencies-working-together'] })).toBe(false)
  })
})
