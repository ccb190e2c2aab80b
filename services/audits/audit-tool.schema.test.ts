/** The tool definition's checks, the seeded tools, and reading a section's answers (kinds, evidence, conditions). */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  allQuestions,
  evidenceId,
  isBelowGood,
  isShown,
  ratingOf,
  ratingPoints,
  readSection,
  type Section,
  ZToolDefinition,
  ZToolSeed,
} from './audit-tool.schema.js'

const seeded = JSON.parse(readFileSync(new URL('../../prisma/seed/audit-tools.json', import.meta.url), 'utf8')).tools
const tool = (key: string) => ZToolSeed.parse(seeded.find((t: { key: string }) => t.key === key))

describe('the seeded tools', () => {
  it('are three valid question sets with every kind of question between them', () => {
    expect(seeded.map((t: { key: string }) => t.key)).toEqual(['section-11', 'section-175', 'case-audit'])
    const kinds = new Set(
      seeded.flatMap((t: unknown) => allQuestions(ZToolSeed.parse(t).definition).map((x) => x.question.kind)),
    )
    expect([...kinds].sort()).toEqual(['evidence', 'graded', 'met', 'number', 'rag', 'score', 'text', 'yesno'])
  })

  it('give Section 11 one standard per Working Together arrangement, each with its evidence prompt', () => {
    const s11 = tool('section-11').definition
    const standards = s11.sections.filter((s) => ratingOf(s))
    expect(standards).toHaveLength(11)
    for (const s of standards) expect(ratingOf(s)!.evidence?.prompt.length).toBeGreaterThan(10)
    expect(standards.map((s) => s.title)).toContain('Information sharing')
  })

  it('give Section 175/157 the governors\u2019 annual review and the case audit an overall grade', () => {
    expect(tool('section-175').definition.sections.map((s) => s.key)).toEqual([
      'roles',
      'safer-recruitment',
      'training',
      'policies',
      'online-safety',
      'allegations',
      'governors-review',
    ])
    const overall = tool('case-audit').definition.sections.at(-1)!
    expect(ratingOf(overall)).toMatchObject({ kind: 'graded', id: 'overall-grade' })
  })
})

describe('a tool definition', () => {
  const q = (id: string, extra: object = {}) => ({ id, label: `Question ${id}`, kind: 'yesno', ...extra })
  it('refuses a question id used twice, a condition on a later or free-text question, and two ratings', () => {
    const twice = ZToolDefinition.safeParse({ sections: [{ key: 'a', title: 'Aaa', questions: [q('x'), q('x')] }] })
    expect(twice.success).toBe(false)
    const later = ZToolDefinition.safeParse({
      sections: [{ key: 'a', title: 'Aaa', questions: [q('x', { showWhen: { question: 'y', in: ['yes'] } }), q('y')] }],
    })
    expect(later.success).toBe(false)
    const onText = ZToolDefinition.safeParse({
      sections: [
        {
          key: 'a',
          title: 'Aaa',
          questions: [
            { id: 't', label: 'Some text', kind: 'text' },
            q('x', { showWhen: { question: 't', in: ['a'] } }),
          ],
        },
      ],
    })
    expect(onText.success).toBe(false)
    const tworatings = ZToolDefinition.safeParse({
      sections: [
        {
          key: 'a',
          title: 'Aaa',
          questions: [
            { id: 'r1', label: 'Rating one', kind: 'rag', isRating: true },
            { id: 'r2', label: 'Rating two', kind: 'rag', isRating: true },
          ],
        },
      ],
    })
    expect(tworatings.success).toBe(false)
  })
})

describe('reading a section', () => {
  const section: Section = tool('section-11').definition.sections.find((s) => s.key === 'escalation')!
  const rating = 'escalation-score'

  it('refuses a rating that needs evidence and has none, next to the evidence box, keeping the other answers', () => {
    const { answers, errors } = readSection(section, { [rating]: '3', 'escalation-written': 'yes' }, {}, false)
    expect(errors).toEqual({
      [evidenceId(rating)]: expect.stringContaining('"3: embedded, with evidence of impact" needs evidence'),
    })
    expect(answers).toMatchObject({ [rating]: '3', 'escalation-written': 'yes' })
  })

  it('asks the improvement plan only when the score calls for it, and only on submit', () => {
    expect(isShown(section.questions.find((x) => x.id === 'escalation-plan')!, { [rating]: '2' })).toBe(false)
    const partial = readSection(section, { [rating]: '1' }, {}, false)
    expect(partial.errors).toEqual({})
    const complete = readSection(section, { [rating]: '1' }, {}, true)
    expect(Object.keys(complete.errors).sort()).toEqual(['escalation-plan', 'escalation-written'])
    const hidden = readSection(
      section,
      { [rating]: '2', [evidenceId(rating)]: 'Policy v3', 'escalation-plan': 'x' },
      {},
      true,
    )
    expect(hidden.answers['escalation-plan']).toBeUndefined()
  })

  it('reads numbers within their bounds and choices from their list', () => {
    const about = tool('section-11').definition.sections[0]!
    expect(readSection(about, { 'about-staff': 'many' }, {}, false).errors).toEqual({
      'about-staff': 'Enter a number.',
    })
    expect(readSection(about, { 'about-staff': '-1' }, {}, false).errors).toEqual({ 'about-staff': 'Enter 0 or more.' })
    expect(readSection(about, { 'about-staff': 1200 }, {}, false).answers['about-staff']).toBe(1200)
    expect(readSection(about, { 'about-board-report': 'maybe' }, {}, false).errors).toEqual({
      'about-board-report': 'Choose an answer from the list.',
    })
  })
})

describe('ratings', () => {
  it('compare across scales as points and know what is below good', () => {
    expect(ratingPoints('graded', 'good')).toBe(3)
    expect(ratingPoints('met', 'not-applicable')).toBeNull()
    expect(isBelowGood('score', '1')).toBe(true)
    expect(isBelowGood('score', '2')).toBe(false)
    expect(isBelowGood('rag', 'amber')).toBe(true)
    expect(isBelowGood('graded', 'requires-improvement')).toBe(true)
  })
})
