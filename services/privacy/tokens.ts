/**
 * Splits normalised text into words with their positions, shape (Capitalised, UPPER, lower) and whether they
 * start a sentence. The name and address checks reason over these tokens in plain code rather than with
 * large regular expressions, so their cost stays linear in the length of the text.
 */
import { lookupKey } from './normalise.js'

type Shape = 'cap' | 'upper' | 'lower' | 'initial' | 'number' | 'other'

export type Token = {
  /** The word as written, possessive included ("Oisin's"). */
  text: string
  start: number
  end: number
  /** The word without a possessive ending ("Oisin"). */
  base: string
  /** Lower-case base, for the word lists. */
  lower: string
  /** Lookup key of the base: lower case, no accents or apostrophes. */
  key: string
  possessive: boolean
  shape: Shape
  /** First word of the text or of a sentence, clause or list item (after . ! ? ; : or a dash or new line). */
  sentenceStart: boolean
  /** The characters between the previous word and this one, at most 12 of them. */
  gap: string
}

// A word: a letter or digit, then letters, digits and marks, with single apostrophes, hyphens or ampersands
// inside. The branches of the repeated group start with disjoint characters, so matching never backtracks.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['&-](?=[\p{L}\p{N}]))*/gu
const SENTENCE_BREAK = /[.!?;:\n\u2013\u2014\u2022|]/

function shapeOf(base: string): Shape {
  if (/^\p{N}/u.test(base)) return 'number'
  const hasUpper = /\p{Lu}/u.test(base)
  const hasLower = /\p{Ll}/u.test(base)
  if (hasUpper && !hasLower) return base.length === 1 ? 'initial' : 'upper'
  if (hasLower && !hasUpper) return 'lower'
  if (/^\p{Lu}/u.test(base)) return 'cap'
  return hasLower ? 'lower' : 'other'
}

/** The words of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let previousEnd = 0
  for (const m of text.matchAll(WORD)) {
    const start = m.index
    const word = m[0]
    const possessive = /'s$/i.test(word) && word.length > 2
    const base = possessive ? word.slice(0, -2) : word
    const gap = text.slice(previousEnd, start)
    tokens.push({
      text: word,
      start,
      end: start + word.length,
      base,
      lower: base.toLowerCase(),
      key: lookupKey(base),
      possessive,
      shape: shapeOf(base),
      sentenceStart: tokens.length === 0 || SENTENCE_BREAK.test(gap),
      gap: gap.length > 12 ? gap.slice(-12) : gap,
    })
    previousEnd = start + word.length
  }
  return tokens
}

/** Text written in capitals throughout (more than 70% of its letters): capital letters then say nothing. */
export function isWrittenInCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '')
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length
  return letters.length >= 8 && upper / letters.length > 0.7
}
