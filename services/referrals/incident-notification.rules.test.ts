/** The notification's anchor and tasks: statutory for the Panel and the partners, settings for the SoS and Ofsted. */
import { describe, expect, it } from 'vitest'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { anchorOf, plannedTasks } from './incident-notification.rules.js'
import { ZDecisionInput } from './referral.schema.js'

const defaults = ZPartnershipSettings.parse({})
const d = (iso: string) => new Date(`${iso}T00:00:00Z`)

describe('anchorOf', () => {
  it("counts from the agency's awareness, provisionally, until the local authority's is recorded", () => {
    expect(anchorOf({ agencyAwareOn: d('2026-11-02'), laAwareOn: null, laAwareSource: null })).toEqual({
      anchor: '2026-11-02',
      anchorIs: 'agency-aware',
      isProvisional: true,
    })
    expect(anchorOf({ agencyAwareOn: d('2026-11-02'), laAwareOn: d('2026-11-04'), laAwareSource: 'lead' })).toEqual({
      anchor: '2026-11-04',
      anchorIs: 'la-aware',
      isProvisional: false,
    })
    expect(
      anchorOf({ agencyAwareOn: d('2026-10-29'), laAwareOn: d('2026-10-29'), laAwareSource: 'cdop' }).anchorIs,
    ).toBe('cdop')
  })
})

describe('plannedTasks', () => {
  it('gives a serious incident the Panel and the partners, both within 5 working days', () => {
    expect(plannedTasks({ panelRequired: true, lookedAfterDeath: false }, '2026-11-27', defaults)).toEqual([
      { key: 'panel', dueDate: '2026-12-04' },
      { key: 'partners', dueDate: '2026-12-04' },
    ])
  })

  it("adds the Secretary of State and Ofsted for a looked-after child's death, from the settings", () => {
    const settings = ZPartnershipSettings.parse({ notificationTimescales: { ofstedWorkingDays: 2 } })
    expect(plannedTasks({ panelRequired: false, lookedAfterDeath: true }, '2026-11-27', settings)).toEqual([
      { key: 'secretary-of-state', dueDate: '2026-12-04' },
      { key: 'ofsted', dueDate: '2026-12-01' },
    ])
  })

  it('ignores statutory clocks stored as settings by older versions', () => {
    const old = ZPartnershipSettings.parse({ clocks: { panelNotificationWorkingDays: 30 } })
    expect(plannedTasks({ panelRequired: true, lookedAfterDeath: false }, '2026-11-27', old)[0]!.dueDate).toBe(
      '2026-12-04',
    )
  })
})

describe('ZDecisionInput', () => {
  const id = '6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c'
  const errors = (v: object) => {
    const r = ZDecisionInput.safeParse({ referralId: id, ...v })
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]))
  }

  it('needs a rationale for no review, and an agency for a single-agency review', () => {
    expect(errors({ decision: 'no-review' })).toEqual({ rationale: 'Give the rationale for no review.' })
    expect(errors({ decision: 'no-review', rationale: 'short' })).toEqual({
      rationale: 'Give the rationale for no review (at least 10 characters).',
    })
    expect(errors({ decision: 'single-agency' })).toEqual({
      agency: 'Choose the agency that will review its practice.',
    })
    expect(errors({ decision: 'learning-review' })).toEqual({})
    expect(errors({ decision: 'close-it' })).toEqual({ decision: 'Choose what happens next.' })
  })
})
