/** Calendar dates are real days: parsed, written back and compared. */
import { describe, expect, it } from 'vitest'
import { isRealCalendarDate } from './validation.js'

describe('isRealCalendarDate', () => {
  it.each(['2026-02-28', '2028-02-29', '2026-12-31', '1990-01-01'])('accepts %s', (iso) => {
    expect(isRealCalendarDate(iso)).toBe(true)
  })
  it.each(['2026-02-30', '2027-02-29', '0000-00-00', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1', ''])(
    'refuses %s',
    (iso) => {
      expect(isRealCalendarDate(iso)).toBe(false)
    },
  )
})
