/**
 * Spots free text that may identify a child or family: a person's name, a date of birth, an NHS number or
 * a postcode. It is a warning, not a filter: the person sees what was found and edits or confirms.
 * Findings carry the kind and a masked hint only; the matched text itself is never logged.
 */

export type SensitiveKind = 'name' | 'date-of-birth' | 'nhs-number' | 'postcode'
export type SensitiveFinding = { kind: SensitiveKind; hint: string }

export const SENSITIVE_KIND_LABELS: Record<SensitiveKind, string> = {
  name: "what looks like a person's name",
  'date-of-birth': 'what looks like a date of birth',
  'nhs-number': 'what looks like an NHS number',
  postcode: 'what looks like a postcode',
}

/** Common first names in England and Wales (ONS baby-name lists, children and parents' generations). */
const FIRST_NAMES = new Set(
  `oliver george arthur noah muhammad leo harry oscar archie henry theodore freddie jack charlie theo jacob thomas
  alfie william isaac james joshua lucas alexander ethan max logan mason samuel daniel adam finley elijah teddy
  joseph edward benjamin harrison reuben luca tommy louie jude albert sebastian riley harvey dylan ronnie rory
  tyler ryan jayden kai liam zachary aaron bobby frankie hugo michael david john paul mark andrew peter richard
  christopher matthew anthony steven kevin jason craig lee wayne gary dean shane kyle callum connor kieran declan
  olivia amelia isla ava ivy freya lily florence mia willow rosie sophia isabella grace daisy sienna poppy elsie
  emily ella evelyn phoebe sofia evie charlotte harper millie matilda maya sophie alice emilia isabelle ruby luna
  chloe jessica lucy holly hannah megan lauren bethany leah katie abigail paige courtney shannon jade
  chelsea kayleigh demi tia nevaeh aaliyah zara maryam fatima aisha amira layla hafsa khadija ayesha priya
  sarah emma laura rebecca rachel gemma claire nicola lisa michelle kelly donna stacey tracey karen julie susan
  dawn joanne samantha victoria natalie amy jennifer elizabeth mary margaret jane helen anne kate`
    .split(/\s+/)
    .filter(Boolean),
)

/** Capitalised words that are common in referrals but are not names. */
const NOT_NAMES = new Set(
  `the a an and but or if when then on in at to of for with from by after before during this that these those
  he she they we it his her their our mum dad mother father parent parents carer carers child children baby
  school police health nhs gp hospital social care council services team unit ward nurse doctor officer
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december christmas easter a&e ed camhs mash cin cp lac sen send dsl it i`
    .split(/\s+/)
    .filter(Boolean),
)

const NHS_NUMBER = /\b(\d{3})[ -]?(\d{3})[ -]?(\d{4})\b/g
const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b/gi
const DATE = String.raw`(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{2,4})`
const DOB = new RegExp(String.raw`\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\s*:?\s*` + DATE, 'gi')
const NAMED = /\b(?:named|called|known as|name is|names? of)\s+([A-Z][a-z'-]+)/g
const FULL_NAME = /\b([A-Z][a-z'-]{1,})\s+([A-Z][a-z'-]{1,})\b/g
const WORD = /\b([A-Z][a-z'-]+)\b/g

/** NHS numbers carry a modulus-11 check digit; checking it keeps phone numbers and the like out. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i)
  const check = 11 - (sum % 11)
  const expected = check === 11 ? 0 : check
  return expected !== 10 && expected === Number(digits[9])
}

const mask = (text: string): string => (text.length <= 2 ? '*'.repeat(text.length) : `${text[0]}${'*'.repeat(text.length - 2)}${text.at(-1)}`)

/** Looks for identifying details in one piece of free text. */
export function findSensitiveText(text: string): SensitiveFinding[] {
  const findings: SensitiveFinding[] = []
  const seen = new Set<string>()
  const add = (kind: SensitiveKind, match: string) => {
    const key = `${kind}:${match.toLowerCase()}`
    if (seen.has(key)) return
    seen.add(key)
    findings.push({ kind, hint: mask(match.replace(/\s+/g, '')) })
  }
  for (const m of text.matchAll(NHS_NUMBER)) {
    const digits = `${m[1]}${m[2]}${m[3]}`
    if (isValidNhsNumber(digits)) add('nhs-number', digits)
  }
  for (const m of text.matchAll(POSTCODE)) add('postcode', m[0])
  for (const m of text.matchAll(DOB)) add('date-of-birth', m[1]!)
  for (const m of text.matchAll(NAMED)) if (!NOT_NAMES.has(m[1]!.toLowerCase())) add('name', m[1]!)
  for (const m of text.matchAll(FULL_NAME)) {
    const [first, last] = [m[1]!.toLowerCase(), m[2]!.toLowerCase()]
    if (FIRST_NAMES.has(first) && !NOT_NAMES.has(last)) add('name', `${m[1]} ${m[2]}`)
  }
  // A first name already reported as part of a full name is not reported again on its own.
  const named = findings.filter((f) => f.kind === 'name').map((f) => f.hint)
  for (const m of text.matchAll(WORD)) {
    if (!FIRST_NAMES.has(m[1]!.toLowerCase())) continue
    if ([...text.matchAll(FULL_NAME)].some((full) => full[1] === m[1] && named.includes(mask(`${full[1]}${full[2]}`)))) continue
    add('name', m[1]!)
  }
  return findings
}

/** Checks several fields; returns the findings of each field that has any. */
export function findSensitiveFields(fields: Record<string, string | undefined>): Record<string, SensitiveFinding[]> {
  const out: Record<string, SensitiveFinding[]> = {}
  for (const [field, value] of Object.entries(fields)) {
    if (!value) continue
    const found = findSensitiveText(value)
    if (found.length) out[field] = found
  }
  return out
}

/** One sentence per field for the form: "Looks like it holds a name (J***n) and a postcode (N***A)." */
export function describeFindings(findings: SensitiveFinding[]): string {
  const parts = findings.map((f) => `${SENSITIVE_KIND_LABELS[f.kind]} (${f.hint})`)
  return `This may identify someone: ${parts.join(', ')}. Please remove it, or confirm it is needed.`
}
