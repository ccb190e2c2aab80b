/**
 * The identifying details that have a shape: NHS numbers (with their check digit), postcodes, phone numbers,
 * e-mail addresses, National Insurance numbers, social-care record numbers, dates (for dates of birth) and
 * street addresses. Every regular expression here is linear: quantifiers are bounded, or repeat a class that
 * cannot also match what follows, so no input makes them backtrack.
 */
import { NOT_NAMES, ORGANISATION_WORDS } from './domain-words.js'
import type { Token } from './tokens.js'

type PatternKind = 'nhs-number' | 'postcode' | 'phone' | 'email' | 'ni-number' | 'social-care-id' | 'address'
export type PatternSpan = { kind: PatternKind; start: number; end: number }

/** NHS numbers carry a modulus-11 check digit; checking it keeps most other ten-digit numbers out. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i)
  const check = 11 - (sum % 11)
  const expected = check === 11 ? 0 : check
  return expected !== 10 && expected === Number(digits[9])
}

// Three, three and four digits, with spaces, dots or hyphens or nothing between; not part of a longer number.
const NHS_NUMBER = /(?<![\d.-])(\d{3})[ .-]?(\d{3})[ .-]?(\d{4})(?![\d]|[.-]\d)/g
// Outward code (A9, A9A, A99, AA9, AA9A, AA99), optional space, inward code (9AA).
const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})\b/gi
// A UK number: +44 or 0, then digits with spaces, hyphens or brackets; its digits are counted afterwards.
const PHONE = /(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0|0)\d[\d ()-]{7,15}\d(?!\d)/g
const EMAIL = /\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}\b/g
// Two letters, six digits in pairs, and the suffix letter A to D.
const NI_NUMBER = /\b([A-Z]{2})[ -]?(\d{2})[ -]?(\d{2})[ -]?(\d{2})[ -]?([A-D])\b/gi
const NI_CUE = /\b(?:NI|N\.I\.|NINO|national insurance)\b/i
// The case-record systems of children's social care and early help, or a social-care id by its name.
const SOCIAL_CARE_SYSTEMS = 'mosaic|lcs|liquidlogic|eclipse|carefirst|care first|ehm|swift|azeus'
const SOCIAL_CARE_NAMES =
  '(?:social care|la|csc|person|client|child|sc|early help) (?:id|no|number|ref|reference|record number)'
// The cue, up to 25 characters that are not digits, then a number of five to ten digits.
const SOCIAL_CARE_ID = new RegExp(
  String.raw`\b(?:${SOCIAL_CARE_SYSTEMS}|${SOCIAL_CARE_NAMES})\b[^\d\n]{0,25}?(\d[\d -]{3,10}\d)(?![\d/])`,
  'gi',
)

/** Finds the shaped identifiers in normalised text. */
export function findPatterns(text: string): PatternSpan[] {
  const spans: PatternSpan[] = []
  const push = (kind: PatternKind, start: number, end: number) => spans.push({ kind, start, end })
  for (const m of text.matchAll(NHS_NUMBER)) {
    if (!m[1]!.startsWith('0') && isValidNhsNumber(`${m[1]}${m[2]}${m[3]}`))
      push('nhs-number', m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(POSTCODE)) push('postcode', m.index, m.index + m[0].length)
  for (const m of text.matchAll(PHONE)) {
    let digits = m[0].replace(/\D/g, '')
    if (digits.startsWith('44')) digits = `0${digits.slice(2).replace(/^0/, '')}`
    if (/^0[1-37-9]\d{8,9}$/.test(digits)) push('phone', m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(EMAIL)) push('email', m.index, m.index + m[0].length)
  for (const m of text.matchAll(NI_NUMBER)) {
    const separated = /[ -]/.test(m[0])
    const cued = NI_CUE.test(text.slice(Math.max(0, m.index - 40), m.index))
    if (!separated || cued || /^[A-Z]{2}$/.test(m[1]!)) push('ni-number', m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(SOCIAL_CARE_ID)) {
    const digits = m[1]!.replace(/\D/g, '')
    const start = m.index + m[0].length - m[1]!.length
    // "CSC-2026-1033" is an agency's case reference, which forms ask for, not a record number.
    if (digits.length >= 5 && digits.length <= 10 && !/[\p{L}-]$/u.test(text.slice(0, start))) {
      push('social-care-id', start, m.index + m[0].length)
    }
  }
  return spans
}

/** Street words that end an address: "14 Elm Grove", "7 Mill Lane", "56 Northgate Rd". */
const STREET_WORDS = new Set(
  `road rd street st avenue ave lane ln close drive dr grove way crescent cres court ct gardens gdns place pl
  terrace walk rise view mews square sq hill park row green parade vale fold mount wharf quay yard gate chase
  meadow meadows heights croft villas cottages approach boulevard circus end side brow bank hollow dene`
    .split(/\s+/)
    .filter(Boolean),
)
/** Street words that end an address written all in lower case: "23 meadow way". */
const LOWER_CASE_STREET_WORDS = new Set(
  'road street avenue lane drive grove way crescent terrace gardens mews close'.split(' '),
)
/** Words before "drive" that make it a journey: "a 10 minute drive". */
const JOURNEY_WORDS = new Set('minute minutes min mins hour hours mile miles'.split(' '))
/** Courts that are not addresses: "2 Family Court hearings". */
const COURT_NAMES = new Set('family crown magistrates county youth high appeal supreme coroners coroner'.split(' '))
/** Words before a number that introduce an address: "lives at 140 Kingsway", "moved to 2 Rowan Place". */
const ADDRESS_CUES = new Set('at to into address addresses lives living staying moved from tenancy'.split(' '))

/** Street addresses, from the words: a house number (or "Flat 3"), up to three name words and a street word. */
export function findAddresses(
  tokens: Token[],
  isCommonWord: (word: string) => boolean,
  writtenInCapitals = false,
): PatternSpan[] {
  const spans: PatternSpan[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.lower === 'flat' || t.lower === 'apartment' || t.lower === 'apt') {
      const n = tokens[i + 1]
      if (n && /^\d{1,4}[a-z]?$/i.test(n.text) && /^\.? ?$/.test(n.gap)) {
        spans.push({ kind: 'address', start: t.start, end: n.end })
        i++
      }
      continue
    }
    if (!/^\d{1,4}[a-z]?$/i.test(t.text) || /[./:-]$/.test(t.gap)) continue
    const next = tokens[i + 1]
    if (next && /^[,/]/.test(next.gap)) continue
    const cued = !!tokens[i - 1] && ADDRESS_CUES.has(tokens[i - 1]!.lower) && /^:? $/.test(t.gap)
    let end = -1
    for (let k = i + 1; k <= Math.min(i + 4, tokens.length - 1); k++) {
      const w = tokens[k]!
      if (!/^,? {1,2}$/.test(w.gap) || !/^\p{L}/u.test(w.text)) break
      const capitalised = w.shape === 'cap' || (w.shape === 'upper' && !writtenInCapitals)
      const lower = w.shape === 'lower' || (w.shape === 'upper' && writtenInCapitals)
      if (k > i + 1 && STREET_WORDS.has(w.lower.replace(/\.$/, ''))) {
        const previous = tokens[k - 1]!.lower
        if (w.lower === 'court' && COURT_NAMES.has(previous)) break
        if (JOURNEY_WORDS.has(previous)) break
        const allLower =
          lower && tokens.slice(i + 1, k).every((x) => x.shape === (writtenInCapitals ? 'upper' : 'lower'))
        const streetWord = cued || LOWER_CASE_STREET_WORDS.has(w.lower.replace(/\.$/, ''))
        if (capitalised || (allLower && k <= i + 3 && streetWord)) end = k
        break
      }
      const notAWord = capitalised || (lower && !isCommonWord(w.lower))
      if (k === i + 1 && cued && notAWord && !ORGANISATION_WORDS.has(w.lower) && !NOT_NAMES.has(w.lower)) end = k
      if (!capitalised && !lower) break
    }
    if (end > 0) spans.push({ kind: 'address', start: t.start, end: tokens[end]!.end })
  }
  return spans
}
