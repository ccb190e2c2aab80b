/** Survey definitions as data: validation, slots, and reading answers back with a message per field. */
import { describe, expect, it } from 'vitest'
import { DEFAULT_SURVEYS } from './survey-defaults.js'
import { readSurveyAnswers, surveyFields, ZSurveyDefinition } from './survey-definition.schema.js'

describe('survey definitions', () => {
  it('accepts every default, and refuses duplicate ids and too many questions of a kind', () => {
    for (const def of Object.values(DEFAULT_SURVEYS)) expect(ZSurveyDefinition.safeParse(def).success).toBe(true)
    const q = { kind: 'text', id: 'a', label: 'What happened next?' }
    expect(ZSurveyDefinition.safeParse({ title: 'Test', questions: [q, q] }).success).toBe(false)
    const many = Array.from({ length: 7 }, (_, i) => ({ ...q, id: `q${i}` }))
    expect(ZSurveyDefinition.safeParse({ title: 'Test', questions: many }).success).toBe(false)
  })

  it('gives each question a fixed slot, and confidence one per outcome (before too, when asked)', () => {
    const fields = surveyFields(DEFAULT_SURVEYS['training-after']!, { outcomes: ['one', 'two'], askBefore: true })
    expect(fields.map((f) => f.slot)).toEqual(['scale1', 'scale2', 'before1', 'before2', 'after1', 'after2', 'text1'])
    const manager = surveyFields(DEFAULT_SURVEYS['training-manager']!, { outcomes: [], aboutName: 'Priya Shah' })
    expect(manager[0]!.label).toBe("Have you seen a change in Priya Shah's practice since the course?")
  })

  it('reads answers by question, and says what is missing or out of range', () => {
    const fields = surveyFields(DEFAULT_SURVEYS['training-after']!, { outcomes: ['one', 'two'] })
    const ok = readSurveyAnswers(fields, { scale1: '4', scale2: '5', after1: '3', after2: '4', text1: ' Ask more. ' })
    expect(ok).toEqual({
      answers: { relevance: 4, quality: 5, confidence: { after: [3, 4] }, doDifferently: 'Ask more.' },
      errors: {},
    })
    const bad = readSurveyAnswers(fields, { scale1: '7', scale2: '5', after1: '3' })
    expect(bad.errors).toEqual({ scale1: 'Choose a number from 1 to 5.', after2: 'Please choose an answer.' })
  })
})
