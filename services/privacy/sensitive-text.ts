/**
 * Spots free text that may identify a child or family: a person's name, a date of birth, an NHS number, a
 * postcode, an address, a phone number, an e-mail address, a National Insurance number or a social-care
 * record number. It is a warning, not a filter: the person sees the words that were flagged (their own words,
 * shown only to them) and edits or confirms. It runs locally, on normalised text (normalise.ts) of bounded
 * length, with linear-time patterns. Findings must never be logged: their JSON form carries the kind only.
 */
import { findDatesOfBirth } from './dates.js'
import { loadLexicon } from './lexicon.js'
import { findNames, type Span } from './names.js'
import { normaliseText } from './normalise.js'
import { findAddresses, findPatterns, isValidNhsNumber } from './patterns.js'
import { isWrittenInCapitals, tokenize } from './tokens.js'

export { isValidNhsNumber }

export type SensitiveKind =
  | 'name'
  | 'date-of-birth'
  | 'nhs-number'
  | 'postcode'
  | 'address'
  | 'phone'
  | 'email'
  | 'ni-number'
  | 'social-care-id'

/** One flagged piece of text: its kind and the words as the person wrote them (after normalisation). */
export type SensitiveFinding = { readonly kind: SensitiveKind; readonly text: string }

export const SENSITIVE_KIND_LABELS: Record<SensitiveKind, string> = {
  name: "what looks like a person's name",
  'date-of-birth': 'what looks like a date of birth',
  'nhs-number': 'what looks like an NHS number',
  postcode: 'what looks like a postcode',
  address: 'what looks like an address',
  phone: 'what looks like a phone number',
  email: 'what looks like an e-mail address',
  'ni-number': 'what looks like a National Insurance number',
  'social-care-id': 'what looks like a social care record number',
}

/** When two findings overlap, the kind listed first wins ("dean.w@example.com" is an e-mail, not a name). */
const PRECEDENCE: SensitiveKind[] = [
  'email',
  'nhs-number',
  'ni-number',
  'phone',
  'social-care-id',
  'postcode',
  'date-of-birth',
  'address',
  'name',
]

const MAX_QUOTED = 6
const MAX_QUOTE_CHARS = 60

function finding(kind: SensitiveKind, text: string): SensitiveFinding {
  const f = { kind, text }
  // Logged by mistake (pino, JSON.stringify), a finding shows its kind and never the words.
  Object.defineProperty(f, 'toJSON', { value: () => ({ kind }), enumerable: false })
  return Object.freeze(f)
}

/** Looks for identifying details in one piece of free text; findings come in the order they appear. */
export function findSensitiveText(text: string): SensitiveFinding[] {
  const normalised = normaliseText(text)
  const tokens = tokenize(normalised)
  const lexicon = loadLexicon()
  const names = findNames(normalised, tokens)
  const spans: (Span & { kind: SensitiveKind })[] = [
    ...findPatterns(normalised),
    ...findAddresses(tokens, (word) => lexicon.wordLevel.has(word), isWrittenInCapitals(normalised)),
    ...findDatesOfBirth(normalised, names).map((s) => ({ ...s, kind: 'date-of-birth' as const })),
    ...names.map((s) => ({ ...s, kind: 'name' as const })),
  ]
  spans.sort((a, b) => PRECEDENCE.indexOf(a.kind) - PRECEDENCE.indexOf(b.kind) || a.start - b.start)
  // Characters already claimed by a finding of a kind that wins; one pass, so the cost stays linear.
  const claimed = new Uint8Array(normalised.length + 1)
  const kept: typeof spans = []
  for (const s of spans) {
    if (claimed.subarray(s.start, s.end).includes(1)) continue
    claimed.fill(1, s.start, s.end)
    kept.push(s)
  }
  kept.sort((a, b) => a.start - b.start)
  const seen = new Set<string>()
  const findings: SensitiveFinding[] = []
  for (const s of kept) {
    const words = normalised.slice(s.start, s.end).trim()
    const key = `${s.kind}:${words.toLowerCase().replace(/\s+/g, ' ')}`
    if (seen.has(key)) continue
    seen.add(key)
    findings.push(finding(s.kind, words))
  }
  return findings
}

/** Checks several fields (non-string values are skipped); returns the findings of each field that has any. */
export function findSensitiveFields(fields: Record<string, unknown>): Record<string, SensitiveFinding[]> {
  const out: Record<string, SensitiveFinding[]> = {}
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value !== 'string' || !value) continue
    const found = findSensitiveText(value)
    if (found.length) out[field] = found
  }
  return out
}

const quote = (text: string): string =>
  `“${text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS - 1)}…` : text}”`

/**
 * One sentence per field for the form, quoting the flagged words back to the person who wrote them:
 * `This may identify someone: what looks like a person's name (“Jack Smith”). Please remove it, or confirm…`
 */
export function describeFindings(findings: SensitiveFinding[]): string {
  const parts = findings.slice(0, MAX_QUOTED).map((f) => `${SENSITIVE_KIND_LABELS[f.kind]} (${quote(f.text)})`)
  const more = findings.length > MAX_QUOTED ? `, and ${findings.length - MAX_QUOTED} more` : ''
  return `This may identify someone: ${parts.join(', ')}${more}. Please remove it, or confirm it is needed.`
}
