/** Results arithmetic: uplift per outcome with n, shares, quotes, and withholding below the minimum. */
import { describe, expect, it } from 'vitest'
import { resultsBlock, summariseAnswers, themesIn, type SessionAnswers } from './results.rules.js'
import { DEFAULT_SURVEYS } from './survey-defaults.js'

const session = (over: Partial<SessionAnswers> = {}): SessionAnswers => ({
  sessionId: 's1',
  date: '2026-11-12',
  attended: 3,
  before: [{ confidence: { before: [2, 3] } }],
  after: {
    invited: 3,
    answers: [
      {
        relevance: 4,
        quality: 5,
        confidence: { after: [4, 4] },
        doDifferently: 'Write down what children say, word for word.',
      },
      { relevance: 5, quality: 4, confidence: { before: [1, 2], after: [3, 4] } },
    ],
  },
  followUp: { invited: 3, answers: [{ applied: 'yes' }, { applied: 'partly' }] },
  manager: { invited: 3, answers: [{ change: 'yes' }, { change: 'partly' }] },
  ...over,
})

describe('resultsBlock', () => {
  it('computes the uplift as mean after minus mean before, counting "before" given straight after', () => {
    const r = resultsBlock([session()], ['one', 'two'], 2)
    expect(r.outcomes.map((o) => [o.before.value, o.before.n, o.after.value, o.after.n, o.uplift])).toEqual([
      [1.5, 2, 3.5, 2, 2],
      [2.5, 2, 4, 2, 1.5],
    ])
    expect([r.relevance.value, r.quality.value, r.responseRate]).toEqual([4.5, 4.5, 0.67])
    expect([r.followUp.applied.value, r.followUp.partly.value, r.managers.sawChange.value]).toEqual([0.5, 0.5, 0.5])
    expect(r.quotes).toEqual(['Write down what children say, word for word.'])
  })

  it('withholds every figure from fewer answers than the minimum, but not the counts', () => {
    const r = resultsBlock([session()], ['one', 'two'], 5)
    expect(r.suppressed).toBe(true)
    expect([r.relevance.value, r.outcomes[0]!.uplift, r.followUp.applied.value, r.managers.sawChange.value]).toEqual([
      null,
      null,
      null,
      null,
    ])
    expect([r.invited, r.answered, r.relevance.n]).toEqual([3, 2, 2])
    expect(r.quotes).toEqual([])
  })
})

describe('summariseAnswers and themes', () => {
  it('counts choices and averages scales only from the minimum', () => {
    const def = DEFAULT_SURVEYS['family-feedback']!
    const answers = Array.from({ length: 5 }, (_, i) => ({
      listened: 1 + i,
      helped: i % 2 ? 'yes' : 'no',
      who: ['school'],
    }))
    const shown = summariseAnswers(def, answers, 5)
    expect(shown[0]!.mean).toBe(3)
    expect(shown[1]!.counts.find((c) => c.label === 'Yes')!.count).toBe(2)
    expect(summariseAnswers(def, answers.slice(0, 4), 5)[0]!.mean).toBeNull()
  })

  it('finds the partnership themes in free text', () => {
    expect(
      themesIn(
        ['Nobody listened to my son', 'They shared information late'],
        ['Voice of the child', 'Information sharing', 'Neglect'],
      ),
    ).toEqual([
      { theme: 'Information sharing', count: 1 },
      { theme: 'Voice of the child', count: 1 },
    ])
  })
})
