/** The referral form's rules: every field and the cross-field rule in one round, and "not in the future". */
import { describe, expect, it } from 'vitest'
import { fieldErrorsOf } from '../../lib/validation.js'
import { referralDateErrors, ZReferralSubmit } from './referral.schema.js'

const good = {
  formToken: '6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c',
  caseReference: 'HV-2026-1182',
  ageBand: 'under-1',
  incidentDate: '2026-11-20',
  awarenessDate: '2026-11-23',
  criteria: ['abuse-or-neglect', 'seriously-harmed'],
  agencies: ['police'],
  whatHappened: 'A baby was brought to the emergency department with unexplained bruising.',
  whyReview: 'Agencies did not share what they knew.',
}

const errorsOf = (raw: unknown) => {
  const parsed = ZReferralSubmit.safeParse(raw)
  return parsed.success ? {} : fieldErrorsOf(parsed.error)
}

describe('ZReferralSubmit', () => {
  it('accepts a good referral, with defaults for the confirmation and where it happened', () => {
    expect(ZReferralSubmit.parse(good)).toEqual({
      ...good,
      confirmSensitive: false,
      location: 'in-area',
      normallyResident: false,
      lookedAfter: false,
    })
  })

  it('asks where it happened from the list', () => {
    expect(errorsOf({ ...good, location: 'Manchester' })).toEqual({ location: 'Choose where it happened.' })
  })

  it('reports the date order together with the other fields, in one round', () => {
    expect(errorsOf({ ...good, caseReference: '', awarenessDate: '2026-11-19' })).toEqual({
      caseReference: "Enter the case reference from your agency's system.",
      awarenessDate: 'Your agency cannot have become aware before the incident date.',
    })
  })

  it('keeps a field\u2019s own message over the cross-field one', () => {
    expect(errorsOf({ ...good, awarenessDate: '19/11/2026' })).toEqual({ awarenessDate: 'Enter a date as YYYY-MM-DD.' })
  })

  it('refuses input that is not a form at all', () => {
    expect(Object.keys(errorsOf(null))).toEqual(['form'])
  })
})

describe('referralDateErrors', () => {
  it('accepts today and the past', () => {
    expect(referralDateErrors({ incidentDate: '2026-11-20', awarenessDate: '2026-11-23' }, '2026-11-23')).toEqual({})
  })

  it('names each date in the future', () => {
    expect(referralDateErrors({ incidentDate: '2026-11-24', awarenessDate: '2026-11-25' }, '2026-11-23')).toEqual({
      incidentDate: 'The incident date cannot be in the future.',
      awarenessDate: 'The date your agency became aware cannot be in the future.',
    })
  })
})
