/**
 * Scores the identifying-details check against the labelled corpus (identifying-details.json), for the
 * corpus test and `npm run bench`. Recall counts each labelled kind in each text: it is caught when the check
 * reports that kind for that text. The false-positive rate is the share of clean texts with any finding.
 */
import { readFileSync } from 'node:fs'
import { findSensitiveText, type SensitiveKind } from '../sensitive-text.js'

export type CorpusText = { text: string; kinds: SensitiveKind[] }
export type CorpusScore = {
  texts: number
  labelled: number
  caught: number
  clean: number
  flagged: number
  /** Caught labelled kinds, as a share of all labelled kinds (0–1). */
  recall: number
  /** Clean texts with any finding, as a share of clean texts (0–1). */
  falsePositiveRate: number
  misses: { text: string; kind: SensitiveKind }[]
  falsePositives: { text: string; found: SensitiveKind[] }[]
}

/** The labelled corpus: short fictional texts, each with the kinds of identifying detail it holds. */
export function loadCorpus(): CorpusText[] {
  const url = new URL('./identifying-details.json', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { texts: CorpusText[] }).texts
}

/** Runs a detector over the corpus and counts what it caught and what it flagged wrongly. */
export function scoreCorpus(
  texts: CorpusText[],
  detect: (text: string) => { kind: SensitiveKind }[] = findSensitiveText,
): CorpusScore {
  const score: CorpusScore = {
    texts: texts.length,
    labelled: 0,
    caught: 0,
    clean: 0,
    flagged: 0,
    recall: 0,
    falsePositiveRate: 0,
    misses: [],
    falsePositives: [],
  }
  for (const { text, kinds } of texts) {
    const found = new Set(detect(text).map((f) => f.kind))
    if (kinds.length === 0) {
      score.clean++
      if (found.size) {
        score.flagged++
        score.falsePositives.push({ text, found: [...found] })
      }
      continue
    }
    for (const kind of kinds) {
      score.labelled++
      if (found.has(kind)) score.caught++
      else score.misses.push({ text, kind })
    }
  }
  score.recall = score.labelled ? score.caught / score.labelled : 1
  score.falsePositiveRate = score.clean ? score.flagged / score.clean : 0
  return score
}
