/** When a case closed and when it is due for redaction (retention.rules.ts), without a database. */
import { describe, expect, it } from 'vitest'
import { caseClosedOn, REDACTED, redactJson, retentionCutoff, retentionSettingsOf } from './retention.rules.js'

const review = (status: string, dates: Partial<Record<string, Date>> = {}) => ({
  id: status,
  typeKey: 'lcspr',
  status,
  parentReviewId: null,
  approvedAt: dates.approvedAt ?? null,
  publishedOn: dates.publishedOn ?? null,
  publishedAt: null,
  panelToldNotPublishedOn: dates.panelToldNotPublishedOn ?? null,
})

describe('retention rules', () => {
  it('closes a referral with no review at its screening decision, never an undecided one', () => {
    const decidedAt = new Date('2020-01-02')
    expect(caseClosedOn({ status: 'NO_REVIEW', decidedAt }, [])).toEqual(decidedAt)
    expect(caseClosedOn({ status: 'AWAITING_SCREENING', decidedAt: null }, [])).toBeNull()
  })

  it('closes a case when its last review closes, not while one is open', () => {
    const a = review('APPROVED', { approvedAt: new Date('2019-05-01') })
    const b = review('PUBLISHED', { publishedOn: new Date('2020-03-01') })
    const c = review('NOT_PUBLISHED', { panelToldNotPublishedOn: new Date('2020-06-01') })
    expect(caseClosedOn(null, [a, b, c])).toEqual(new Date('2020-06-01'))
    expect(caseClosedOn(null, [a, review('IN_PROGRESS')])).toBeNull()
  })

  it('counts the period in calendar years and defaults to 6, to be confirmed', () => {
    expect(retentionCutoff(new Date('2026-11-29T12:00:00Z'), 6)).toEqual(new Date('2020-11-29T12:00:00Z'))
    expect(retentionSettingsOf({})).toEqual({ yearsAfterClose: 6, redactFindings: false })
    expect(retentionSettingsOf({ retention: { yearsAfterClose: 0 } }).yearsAfterClose).toBe(6)
    expect(retentionSettingsOf({ retention: { yearsAfterClose: 10 } }).yearsAfterClose).toBe(10)
  })

  it('replaces only the named texts of a stored JSON object', () => {
    expect(redactJson({ recommendation: 'lcspr', rationale: 'x' }, ['rationale', 'immediateLearning'])).toEqual({
      value: { recommendation: 'lcspr', rationale: REDACTED },
      replaced: 1,
    })
    expect(redactJson(null, ['rationale'])).toEqual({ value: null, replaced: 0 })
  })
})
