/**
 * `npm run bench`: how well the identifying-details check (services/privacy) does on its labelled corpus,
 * and how long it takes. Prints `identifying details: <R>% recall, <F>% false positives on <N> texts`, then
 * the time per corpus text and for one field at the longest length a form allows (4,000 characters).
 */
import { loadCorpus, scoreCorpus } from '../services/privacy/corpus/score.js'
import { findSensitiveText } from '../services/privacy/sensitive-text.js'

const corpus = loadCorpus()
const loadStarted = process.hrtime.bigint()
findSensitiveText('Warm-up: loads the word lists once.')
const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6

const score = scoreCorpus(corpus)
const percent = (x: number) => (x * 100).toFixed(1)
const recall = percent(score.recall)
const falsePositives = percent(score.falsePositiveRate)
console.log(`identifying details: ${recall}% recall, ${falsePositives}% false positives on ${score.texts} texts`)

const rounds = 20
const started = process.hrtime.bigint()
for (let r = 0; r < rounds; r++) for (const { text } of corpus) findSensitiveText(text)
const perText = Number(process.hrtime.bigint() - started) / 1e6 / (rounds * corpus.length)

const longest = corpus
  .map((t) => t.text)
  .join(' ')
  .slice(0, 4000)
const longStarted = process.hrtime.bigint()
for (let r = 0; r < rounds; r++) findSensitiveText(longest)
const perLong = Number(process.hrtime.bigint() - longStarted) / 1e6 / rounds
console.log(
  `identifying details: ${perText.toFixed(3)} ms per corpus text, ` +
    `${perLong.toFixed(1)} ms for a 4,000-character field, ` +
    `${loadMs.toFixed(0)} ms to load the word lists once`,
)
