import { describe, expect, it } from 'vitest'
import { ZAuditEvent } from './audit-events.js'

const submitted = (after: Record<string, unknown>) => ({
  action: 'REFERRAL_SUBMITTED',
  subjectType: 'referral',
  subjectId: '00000000-0000-4000-8000-000000000001',
  after,
  fields: ['whatHappened'],
})

describe('an audit event', () => {
  it('keeps ids, states, dates, numbers, flags and lists of them', () => {
    const after = {
      reference: 'NSCP-2026-0001',
      status: 'AWAITING_SCREENING',
      incidentDate: '2026-11-20',
      criteria: ['abuse-or-neglect', 'died'],
      count: 3,
      lookedAfter: false,
      decidedAt: null,
    }
    expect(ZAuditEvent.parse(submitted(after))).toEqual(submitted(after))
  })

  it('refuses a sentence, as a value or in a list, with the reason', () => {
    for (const after of [{ reason: 'The child was seen at home' }, { notes: ['ok', 'seen at home'] }]) {
      const result = ZAuditEvent.safeParse(submitted(after))
      expect(result.success).toBe(false)
      expect(JSON.stringify(result.error?.issues)).toContain(
        'Audit payloads hold ids, states and field names, not free text.',
      )
    }
  })

  it('refuses a field name that is not one and a key it does not know', () => {
    expect(ZAuditEvent.safeParse({ ...submitted({}), fields: ['what happened'] }).success).toBe(false)
    expect(ZAuditEvent.safeParse({ ...submitted({}), narrative: 'x' }).success).toBe(false)
  })
})
