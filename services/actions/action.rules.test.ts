/** The pure action rules: where a created action says it came from, and what counts as evidence. */
import { describe, expect, it } from 'vitest'
import { evidenceLinks, sourceOf } from './action.rules.js'

describe('sourceOf', () => {
  it.each([
    [{ source: 'national' as const }, 'national'],
    [{ source: 'audit' as const, recommendationId: 'r1' }, 'audit'],
    [{ recommendationId: 'r1' }, 'review'],
    [{}, 'other'],
  ])('%j records %s', (input, expected) => {
    expect(sourceOf(input)).toBe(expected)
  })
})

describe('evidenceLinks', () => {
  it('splits on new lines and commas, trims, and drops blanks', () => {
    expect(evidenceLinks(' Audit/2026/a.pdf ,\nhttps://x.example/b\n\n , ')).toEqual([
      'Audit/2026/a.pdf',
      'https://x.example/b',
    ])
  })

  it('finds nothing in commas and spaces alone', () => {
    expect(evidenceLinks(' , \n ,')).toEqual([])
  })
})
