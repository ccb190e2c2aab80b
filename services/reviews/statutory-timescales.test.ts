/** The statutory timescales, each checked against the source DOMAIN.md cites for it (named in the test). */
import { describe, expect, it } from 'vitest'
import { STATUTORY_TIMESCALES, statutoryDue, statutoryMilestone } from './statutory-timescales.js'

const SOURCES = {
  panel:
    'DOMAIN.md 1.4 (Children Act 2004 s16C(1), WT2023 ch.5): the local authority notifies the national Panel ' +
    'within 5 working days of becoming aware',
  partners:
    'DOMAIN.md 1.4 (WT2023 ch.5): the local authority tells the safeguarding partners within the same ' +
    '5 working days',
  rapidReview:
    'DOMAIN.md 1.5 (Child Safeguarding Practice Review Panel guidance): the rapid review goes to the Panel ' +
    'within 15 working days',
}

describe('statutory timescales', () => {
  it(SOURCES.panel, () => {
    expect(STATUTORY_TIMESCALES.panelNotification.workingDays).toBe(5)
    // Aware Fri 27 Nov 2026: Mon 30 Nov, Tue 1, Wed 2, Thu 3, Fri 4 Dec.
    expect(statutoryDue('panelNotification', '2026-11-27')).toBe('2026-12-04')
  })

  it(SOURCES.partners, () => {
    expect(STATUTORY_TIMESCALES.partnersTold.workingDays).toBe(STATUTORY_TIMESCALES.panelNotification.workingDays)
    // Aware Tue 22 Dec 2026: Christmas Day and Boxing Day (substitute Mon 28 Dec) are not working days.
    expect(statutoryDue('partnersTold', '2026-12-22')).toBe('2026-12-31')
  })

  it(SOURCES.rapidReview, () => {
    expect(STATUTORY_TIMESCALES.rapidReview.workingDays).toBe(15)
    expect(statutoryDue('rapidReview', '2026-11-27')).toBe('2026-12-18')
  })

  it("fixes the rapid review's statutory milestones and leaves its local ones to the partnership", () => {
    expect(statutoryMilestone('rapid-review', 'sent-to-panel')).toBe('rapidReview')
    expect(statutoryMilestone('rapid-review', 'panel-notification')).toBe('panelNotification')
    expect(statutoryMilestone('rapid-review', 'rapid-review-meeting')).toBeNull()
    expect(statutoryMilestone('rapid-review', 'agency-information')).toBeNull()
    expect(statutoryMilestone('lcspr', 'published')).toBeNull()
  })
})
