/**
 * The identifying-details check against its labelled corpus (corpus/identifying-details.json): at least 300
 * texts, about half holding identifiers. Fails if recall drops below 95% or false positives rise above 5%,
 * and names the texts it got wrong.
 */
import { describe, expect, it } from 'vitest'
import { SENSITIVE_KIND_LABELS, type SensitiveKind } from './sensitive-text.js'
import { loadCorpus, scoreCorpus } from './corpus/score.js'

const corpus = loadCorpus()

describe('identifying-details corpus', () => {
  it('has at least 300 texts, about half of them with identifiers, covering every kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300)
    const withIdentifiers = corpus.filter((t) => t.kinds.length > 0).length
    expect(withIdentifiers / corpus.length).toBeGreaterThan(0.4)
    expect(withIdentifiers / corpus.length).toBeLessThan(0.6)
    const covered = new Set(corpus.flatMap((t) => t.kinds))
    expect([...covered].sort()).toEqual((Object.keys(SENSITIVE_KIND_LABELS) as SensitiveKind[]).sort())
  })

  it('catches at least 95% of the identifiers and flags at most 5% of the clean texts', () => {
    const score = scoreCorpus(corpus)
    const report = [
      ...score.misses.map((m) => `missed ${m.kind}: ${m.text}`),
      ...score.falsePositives.map((f) => `flagged ${f.found.join(', ')}: ${f.text}`),
    ].join('\n')
    expect(score.recall, report).toBeGreaterThanOrEqual(0.95)
    expect(score.falsePositiveRate, report).toBeLessThanOrEqual(0.05)
  })

  it('would fail a detector that finds nothing, or flags everything', () => {
    expect(scoreCorpus(corpus, () => []).recall).toBe(0)
    expect(scoreCorpus(corpus, () => [{ kind: 'name' }]).falsePositiveRate).toBe(1)
  })
})
