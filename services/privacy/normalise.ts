/**
 * Puts free text into one canonical form before the identifying-details check looks at it: Unicode NFKC
 * (full-width digits, ligatures and compatibility letters become plain ones), invisible characters removed
 * (zero-width spaces and joiners, soft hyphens, word joiners, byte-order marks, bidi controls) and odd spaces
 * made plain. Without this "Ja\u200Bck" hides a name. The length is capped so that the check's cost has a bound.
 */

/** More than any free-text field allows (4,000 characters at most); text beyond this is not examined. */
export const MAX_CHECKED_CHARS = 20_000

// Zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings and isolates, word joiner, invisible operators,
// BOM, soft hyphen, Mongolian vowel separator, combining grapheme joiner, Hangul fillers.
const INVISIBLE = /[\u00AD\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF]/g
/** The combining grapheme joiner, apart: in a class with other characters it would read as combining with them. */
const GRAPHEME_JOINER = /\u034F/g
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g
const ODD_DASH = /[\u2010\u2011\u2012\u2212\uFE63\uFF0D]/g
const ODD_APOSTROPHE = /[\u2018\u2019\u02BC\u2032]/g

/** The text the check reads: NFKC, invisible characters removed, spaces, hyphens and apostrophes made plain. */
export function normaliseText(text: string): string {
  return text
    .slice(0, MAX_CHECKED_CHARS * 2)
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(GRAPHEME_JOINER, '')
    .replace(ODD_SPACE, ' ')
    .replace(ODD_DASH, '-')
    .replace(ODD_APOSTROPHE, "'")
    .slice(0, MAX_CHECKED_CHARS)
}

/** A word's lookup key: lower case, accents and apostrophes dropped ("O'Brien" and "Zoë" → "obrien", "zoe"). */
export function lookupKey(word: string): string {
  const lower = word.toLowerCase()
  if (/^[a-z-]*$/.test(lower)) return lower
  return lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/'/g, '')
}
