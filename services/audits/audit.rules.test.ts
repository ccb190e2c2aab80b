/** When a return's lead and the QA chair are nudged, and how progress is counted. */
import { describe, expect, it } from 'vitest'
import { auditNudgeFor, isChairToldToday, progressOf, timeOfDay } from './audit.rules.js'

describe('audit nudges', () => {
  // Deadline Friday 4 December 2026.
  const deadline = '2026-12-04'
  it('reminds 5 working days before, on the day, and every other working day after', () => {
    expect(auditNudgeFor(deadline, '2026-11-27')).toEqual({ reason: 'due-soon', daysLate: 0 })
    expect(auditNudgeFor(deadline, '2026-11-30')).toBeNull()
    expect(auditNudgeFor(deadline, '2026-12-04')).toEqual({ reason: 'due-today', daysLate: 0 })
    expect(auditNudgeFor(deadline, '2026-12-07')).toEqual({ reason: 'overdue', daysLate: 1 })
    expect(auditNudgeFor(deadline, '2026-12-08')).toBeNull()
    expect(auditNudgeFor(deadline, '2026-12-09')).toEqual({ reason: 'overdue', daysLate: 3 })
    expect(auditNudgeFor(deadline, '2026-12-05')).toBeNull()
  })

  it('tells the chair once, at 10 working days late', () => {
    expect(isChairToldToday(deadline, '2026-12-18')).toBe(true)
    expect(isChairToldToday(deadline, '2026-12-17')).toBe(false)
    expect(isChairToldToday(deadline, '2026-12-21')).toBe(false)
  })
})

describe('progress and times', () => {
  it('counts the questions shown, answered or not', () => {
    const def = {
      sections: [
        {
          key: 'a',
          title: 'Aaa',
          themes: [],
          questions: [
            { id: 'x', label: 'Xxx', kind: 'yesno' as const, required: true, isRating: false },
            {
              id: 'y',
              label: 'Yyy',
              kind: 'text' as const,
              required: true,
              isRating: false,
              showWhen: { question: 'x', in: ['yes'] },
            },
          ],
        },
      ],
    }
    expect(progressOf(def, {})).toEqual({ answered: 0, questions: 1 })
    expect(progressOf(def, { x: 'yes' })).toEqual({ answered: 1, questions: 2 })
  })

  it('says the time where the partnership is', () => {
    expect(timeOfDay(new Date('2026-07-01T09:42:00Z'), 'Europe/London')).toBe('10:42')
  })
})
