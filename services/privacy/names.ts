/**
 * Finds people's names in normalised text. Word lists (lexicon.ts) say whether a word is a known first name,
 * a known surname or a common English word; the rules below add what capitalisation and context say:
 * a title ("Ms Okafor"), a cue ("called Liam", "known as Big Tommy"), a relation ("Mum's partner Dean",
 * "brother jayden"), an inverted name ("Smith, O.", "HUSSAIN, Zainab"), a run of capitalised words
 * ("Kayden Brierley-Marsh"), a first name on its own ("Olivia was seen"), and an unknown capitalised word that
 * acts like a person ("Ngozi was caring for…", "Oisin's attendance"). Words of the trade (domain-words.ts) and
 * words followed by "Hospital", "School", "Ward"… are left alone. Text in capitals throughout is read without
 * case. Returns spans of the normalised text; it never logs them.
 */
import {
  COUNTRIES_AND_NAMES,
  NAME_CUES,
  NOT_NAMES,
  ORGANISATION_PREFIXES,
  ORGANISATION_WORDS,
  RELATIONS,
  TITLES,
} from './domain-words.js'
import { type Lexicon, loadLexicon } from './lexicon.js'
import { isWrittenInCapitals, type Token, tokenize } from './tokens.js'

export type Span = { start: number; end: number }

/** Verbs that follow a person as the subject: "Ngozi was caring", "Folasade said". */
const PERSON_VERBS = new Set(
  `said says told tells was is has had did does disclosed reported attended spoke refused declined missed lives
  lived moved stayed went left returned asked explained denied admitted cried ran took collected agreed became
  wanted felt appeared presented seemed would could can cannot can't didn't doesn't isn't wasn't hasn't hadn't
  won't wouldn't couldn't shouted hit kicked screamed ate slept sleeps eats plays played walked came comes
  goes arrived talked talks disclosed mentioned shared visits visited called texted messaged phoned needs
  needed loves hates likes liked lost gave got gets made makes looks looked sat stood hid hides`
    .split(/\s+/)
    .filter(Boolean),
)
/** Verbs that follow a word-like name only when it is a person: "Ruby told", not "Hope was". */
const STRONG_PERSON_VERBS = new Set(
  'said says told tells disclosed reported explained attended spoke cried refused declined shouted screamed'.split(' '),
)
/** Words after a possessive that belong to a person: "Oisin's attendance", "Eilidh's mum". */
const PERSON_NOUNS = new Set(
  `mum mother dad father brother sister sibling siblings parents partner boyfriend girlfriend friend friends nan
  gran grandmother grandfather aunt uncle cousin attendance behaviour school teacher class social youth key
  support worker health gp nursery email e-mail phone mobile number address bedroom room home house flat
  medication weight injuries injury bruises birthday account care plan case file record records views voice
  wishes needs safety name life mental bike bag clothes hair`
    .split(/\s+/)
    .filter(Boolean),
)
/** Prepositions before a place rather than a person: "in Millbrook", "from Jordan". */
const PLACE_PREPOSITIONS = new Set('in at from near into towards via around across outside inside within'.split(' '))
/** Surnames that are also common words or trade words, allowed as the second word of a full name. */
const WORD_SURNAMES = new Set('white black brown green gray grey young king lord chase hall ward long short'.split(' '))
/** Common words at SCOWL level 10 are too ordinary to be read as a first name without more evidence. */
const VERY_COMMON = 10
/** Titles as written in lower case ("miss" is left out: it is mostly a verb). */
const LOWER_CASE_TITLES = new Set(['mr', 'mrs', 'ms', 'dr'])
/** Census rank below which a surname counts as common. */
const COMMON_SURNAME_RANK = 2000

/** The cues, as lists of lower-case words, found by their last word. */
const CUES_BY_LAST_WORD = new Map<string, string[][]>()
for (const cue of NAME_CUES) {
  const words = cue.split(/[ .]+/).filter(Boolean)
  const last = words.at(-1)!
  CUES_BY_LAST_WORD.set(last, [...(CUES_BY_LAST_WORD.get(last) ?? []), words])
}

type Ctx = { tokens: Token[]; lexicon: Lexicon; caseless: boolean; spans: Span[] }

const level = (ctx: Ctx, t: Token): number | undefined => {
  const parts = t.lower.split('-')
  let highest: number | undefined
  for (const part of parts) {
    const l = ctx.lexicon.wordLevel.get(part)
    if (l === undefined) return undefined
    highest = Math.max(highest ?? 0, l)
  }
  return highest
}
const isWord = (ctx: Ctx, t: Token) => level(ctx, t) !== undefined
const isVeryCommon = (ctx: Ctx, t: Token) => (level(ctx, t) ?? 99) <= VERY_COMMON
const isStop = (t: Token) =>
  NOT_NAMES.has(t.lower) ||
  NOT_NAMES.has(t.text.toLowerCase()) ||
  /\d/.test(t.text) ||
  (t.lower.includes('-') && t.lower.split('-').some((part) => NOT_NAMES.has(part)))
/** The parts of a hyphenated word that can be looked up: "Brierley-Marsh" → brierley, marsh; "Co-op" → none. */
const parts = (t: Token) => {
  const all = t.key.split('-').filter(Boolean)
  return all.length === 1 ? all : all.filter((p) => p.length >= 3)
}
const isFirstName = (ctx: Ctx, t: Token) => parts(t).some((p) => p.length > 1 && ctx.lexicon.firstNames.has(p))
const isSurname = (ctx: Ctx, t: Token) => parts(t).some((p) => p.length > 1 && ctx.lexicon.surnames.has(p))
/** Among the census's most common surnames: "Smith", "Brown", "Hill" are names even though they are words. */
const isCommonSurname = (ctx: Ctx, t: Token) =>
  (ctx.lexicon.surnames.get(t.key) ?? COMMON_SURNAME_RANK) < COMMON_SURNAME_RANK
/** Tokens from..to spell a UK place ("Devon", "St Helens", "Milton Keynes"). */
const isPlace = (ctx: Ctx, from: number, to: number) =>
  ctx.lexicon.places.has(
    ctx.tokens
      .slice(from, to + 1)
      .map((t) => t.lower)
      .join(' '),
  )
/** The longest place name starting at token i (up to three words), as the index of its last word, or -1. */
function placeAt(ctx: Ctx, i: number): number {
  const t = ctx.tokens[i]!
  if (COUNTRIES_AND_NAMES.has(t.lower) || t.lower.split('-').some((part) => ctx.lexicon.places.has(part))) return i
  for (let to = Math.min(i + 2, ctx.tokens.length - 1); to >= i; to--) {
    if (to > i && !ctx.tokens.slice(i + 1, to + 1).every(joined)) continue
    if (isPlace(ctx, i, to)) return to
  }
  return -1
}
/** Endings of ordinary words that no unknown name has: "Sublicensing", "Assessment". */
const WORD_ENDINGS = /(?:ing|tion|sion|ment|ness|ity|ism|ance|ence|ship|able|ible|ive|ous|ful|less|ally|ology|ist)$/
const isKnownName = (ctx: Ctx, t: Token) => isFirstName(ctx, t) || isSurname(ctx, t)
const isOrganisationWord = (t: Token | undefined) => !!t && ORGANISATION_WORDS.has(t.lower)
const isLetters = (t: Token) => t.shape === 'cap' || t.shape === 'upper' || t.shape === 'lower'
/** Capitalised, or in capitals inside text that otherwise has lower case. */
const isCapitalised = (ctx: Ctx, t: Token) => t.shape === 'cap' || (t.shape === 'upper' && !ctx.caseless)
/** Read without case: lower case, or in capitals inside text written in capitals throughout. */
const isCaseless = (ctx: Ctx, t: Token) => t.shape === 'lower' || (t.shape === 'upper' && ctx.caseless)
/** Only spaces between two words: they belong to one phrase. */
const joined = (t: Token) => /^ {1,2}$/.test(t.gap)
/** The previous word ended a title such as "Mr." rather than a sentence. */
const afterTitle = (ctx: Ctx, i: number) => i > 0 && TITLES.has(ctx.tokens[i - 1]!.text)
const startsSentence = (ctx: Ctx, i: number) => ctx.tokens[i]!.sentenceStart && !afterTitle(ctx, i)

/** A lower-case (or caseless) word that can only be a first name: "liam", "maryam", "JAMAL". */
function isCaselessName(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!
  return t.key.length >= 3 && isFirstName(ctx, t) && !isWord(ctx, t) && !isStop(t) && placeAt(ctx, i) < 0
}

/** A capitalised word that can stand in a name: not a trade word, and a known name or not a common word. */
function isNameLike(ctx: Ctx, t: Token): boolean {
  if (!isCapitalised(ctx, t) || isStop(t) || isOrganisationWord(t) || RELATIONS.has(t.lower)) return false
  if (t.base.length <= 3 && /^\p{Lu}.*\p{Lu}/u.test(t.base)) return false
  if (t.shape === 'upper') return t.base.length >= 3 && (!isWord(ctx, t) || isKnownName(ctx, t))
  return isKnownName(ctx, t) || !isWord(ctx, t)
}

/** The next word names a place or organisation ("Victoria Ward", "Oak Lodge"), or one is named before it. */
function inOrganisation(ctx: Ctx, from: number, to: number): boolean {
  const before = ctx.tokens[from - 1]
  const after = ctx.tokens[to + 1]
  if (before && ORGANISATION_PREFIXES.has(before.lower) && joined(ctx.tokens[from]!)) return true
  return !!after && joined(after) && isOrganisationWord(after) && !ctx.tokens[to]!.possessive
}

/** Extends a name from token i over following capitalised name words (at most `max` words in all). */
function extend(ctx: Ctx, i: number, max = 3): number {
  let last = i
  while (last - i + 1 < max) {
    const next = ctx.tokens[last + 1]
    if (!next || !joined(next) || ctx.tokens[last]!.possessive) break
    if (!(isNameLike(ctx, next) || (next.shape === 'initial' && ctx.tokens[last + 2]?.gap.startsWith('.')))) break
    last++
  }
  return last
}

function add(ctx: Ctx, from: number, to: number): void {
  const start = ctx.tokens[from]!.start
  const last = ctx.tokens[to]!
  ctx.spans.push({ start, end: last.possessive ? last.end - 2 : last.end })
}

/** "Ms Okafor", "PC Iqbal", "Mr J. Smith". */
function byTitle(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!
  if (LOWER_CASE_TITLES.has(t.text) || (ctx.caseless && LOWER_CASE_TITLES.has(t.lower))) return byCaselessTitle(ctx, i)
  if (!TITLES.has(t.text) || (ctx.caseless && !/^(MR|MRS|MS|MISS|DR)$/.test(t.text))) return false
  const next = ctx.tokens[i + 1]
  if (!next || !/^\.? {1,2}$/.test(next.gap)) return false
  const nameLike = isNameLike(ctx, next) || (isCapitalised(ctx, next) && !isStop(next)) || isCaselessName(ctx, i + 1)
  if (next.shape === 'initial' || nameLike) {
    add(ctx, i, extend(ctx, i + 1, 3))
    return true
  }
  return false
}

/** "ms okafor", "DR PATEL" in text written without case: the next word must not be a common word. */
function byCaselessTitle(ctx: Ctx, i: number): boolean {
  const next = ctx.tokens[i + 1]
  if (!next || !/^\.? {1,2}$/.test(next.gap) || !isCaseless(ctx, next) || isStop(next)) return false
  if (next.key.length < 2 || (isWord(ctx, next) && !isCommonSurname(ctx, next))) return false
  add(ctx, i, i + 1)
  return true
}

/** The word after a cue: "called Liam", "known as Big Tommy", "named Destiny". */
function byCue(ctx: Ctx, i: number): boolean {
  for (const words of CUES_BY_LAST_WORD.get(ctx.tokens[i]!.text.toLowerCase()) ?? []) {
    const first = i - words.length + 1
    if (first < 0 || !words.every((w, k) => ctx.tokens[first + k]!.text.toLowerCase() === w)) continue
    const next = ctx.tokens[i + 1]
    if (!next || !/^[ "(]{1,3}$/.test(next.gap)) return false
    const acronym = next.shape === 'upper' && !isFirstName(ctx, next)
    if (isCapitalised(ctx, next) && !isStop(next) && !isOrganisationWord(next) && !acronym) {
      add(ctx, i + 1, extend(ctx, i + 1, 3))
      return true
    }
    const plainWord = isWord(ctx, next) && !(isFirstName(ctx, next) && (level(ctx, next) ?? 0) > 20)
    if (isCaseless(ctx, next) && !isStop(next) && !plainWord) {
      add(ctx, i + 1, i + 1)
      return true
    }
    return false
  }
  return false
}

/** A name after a relation or role: "Mum's partner Dean", "Brother jayden", "the mother, Chloe Fairbairn". */
function byRelation(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!
  if (!RELATIONS.has(t.lower)) return false
  const next = ctx.tokens[i + 1]
  if (!next || !/^ ?[,(]? {0,2}$/.test(next.gap) || next.gap.length === 0) return false
  if (RELATIONS.has(next.lower) || next.shape === 'initial') return false
  if (isNameLike(ctx, next) && !inOrganisation(ctx, i + 1, i + 1)) {
    add(ctx, i + 1, extend(ctx, i + 1, 3))
    return true
  }
  if (isCaseless(ctx, next) && !isStop(next) && next.key.length >= 3 && !isWord(ctx, next)) {
    add(ctx, i + 1, i + 1)
    return true
  }
  return false
}

/** "Smith, O.", "Chen, L. (mother)", "HUSSAIN, Zainab", "WALKER, Kyle". */
function byInvertedName(ctx: Ctx, i: number): boolean {
  const surname = ctx.tokens[i]!
  const given = ctx.tokens[i + 1]
  if (!given || !/^, {1,2}$/.test(given.gap) || !isCapitalised(ctx, surname) || isStop(surname)) return false
  if (isOrganisationWord(surname) || surname.possessive) return false
  const isSurnameLike = surname.shape === 'upper' || isSurname(ctx, surname) || !isWord(ctx, surname)
  if (!isSurnameLike || (placeAt(ctx, i) === i && !isFirstName(ctx, given))) return false
  const after = ctx.tokens[i + 2]
  const isInitial = given.shape === 'initial' && (!after || /^\.|^\s*\(|^\.?\s*$/.test(after.gap))
  const isGivenName = given.shape === 'cap' && isFirstName(ctx, given) && !isStop(given)
  if (!isInitial && !isGivenName) return false
  if (isGivenName && !isSurname(ctx, surname) && surname.shape !== 'upper' && isWord(ctx, surname)) return false
  add(ctx, i, i + 1)
  return true
}

/** Runs of two or more capitalised words with a first name in them: "Kayden Brierley-Marsh", "AMELIA HUSSAIN". */
function byCapitalisedRun(ctx: Ctx, i: number): number {
  let last = i
  while (ctx.tokens[last + 1] && joined(ctx.tokens[last + 1]!) && isCapitalised(ctx, ctx.tokens[last + 1]!)) {
    if (ctx.tokens[last]!.possessive) break
    last++
  }
  if (last === i || !isCapitalised(ctx, ctx.tokens[i]!)) return i
  const run = ctx.tokens.slice(i, last + 1)
  if (run.some((t) => isOrganisationWord(t)) || inOrganisation(ctx, i, last)) return last
  // Four or more capitalised words, mostly ordinary ones, are a heading or a title, not a name.
  if (run.length >= 4 && run.filter((t) => isWord(ctx, t)).length * 2 > run.length) return last
  for (let k = 0; k < run.length - 1; k++) {
    const a = run[k]!
    const b = run[k + 1]!
    const place = placeAt(ctx, i + k)
    // "Lee Harrow was released" is a person although both words are places; "Kent Police" is not.
    const fullName = isFirstName(ctx, a) && isSurname(ctx, b)
    const bPlace = isPlace(ctx, i + k + 1, i + k + 1)
    if (
      place > i + k ||
      (place === i + k && !(fullName && (!bPlace || actsLikePerson(ctx, i + k + 1, PERSON_VERBS))))
    ) {
      k = place - i
      continue
    }
    const aIsFirst = isFirstName(ctx, a)
    if (!isNameLike(ctx, a) || isStop(a) || isOrganisationWord(b)) continue
    // "Lee Harrow" is a person; "Eastfield Leeds" is not.
    if (bPlace && !(aIsFirst && isSurname(ctx, b))) continue
    const bIsSurname = (isSurname(ctx, b) && (!isStop(b) || WORD_SURNAMES.has(b.lower))) || isNameLike(ctx, b)
    if (!bIsSurname) continue
    // "Will Smith" and "Mark Brown" are names; "Major Component" and "Not Good" are not.
    if (aIsFirst && isVeryCommon(ctx, a) && isWord(ctx, b) && !isCommonSurname(ctx, b)) continue
    const bothUnknownWords = !isWord(ctx, a) && !isWord(ctx, b) && (aIsFirst || isKnownName(ctx, b))
    if (aIsFirst || bothUnknownWords) {
      add(ctx, i + k, extend(ctx, i + k + 1, 2))
      return last
    }
  }
  return last
}

/** Two caseless words that form a full name: "jack smith", "mohammed ali", "JACK SMITH" in capitals. */
function byCaselessPair(ctx: Ctx, i: number): boolean {
  const a = ctx.tokens[i]!
  const b = ctx.tokens[i + 1]
  if (!b || !joined(b) || !isCaseless(ctx, a) || !isCaseless(ctx, b) || a.key.length < 3) return false
  if (isStop(a) || isStop(b) || isOrganisationWord(b) || RELATIONS.has(b.lower) || placeAt(ctx, i) >= 0) return false
  if (!isFirstName(ctx, a) || !isSurname(ctx, b) || isVeryCommon(ctx, a)) return false
  // The surname is a common one, or no ordinary word: "jack smith", "mohammed ali"; not "frank discussion".
  if (isWord(ctx, b) && !isCommonSurname(ctx, b)) return false
  if (isWord(ctx, a) && isWord(ctx, b) && isVeryCommon(ctx, b)) return false
  add(ctx, i, i + 1)
  return true
}

/** The word that follows token i, skipping one short bracketed aside: "Ruby (Y8) told". */
function nextWordAfter(ctx: Ctx, i: number): Token | undefined {
  const next = ctx.tokens[i + 1]
  if (next && /\($/.test(next.gap.trim())) {
    for (let k = i + 2; k < Math.min(i + 5, ctx.tokens.length); k++)
      if (ctx.tokens[k]!.gap.includes(')')) return ctx.tokens[k]
    return undefined
  }
  return next
}

/** Does the word at i act like a person: followed by a verb, or owning a person's things? */
function actsLikePerson(ctx: Ctx, i: number, verbs: ReadonlySet<string>): boolean {
  const t = ctx.tokens[i]!
  const next = nextWordAfter(ctx, i)
  if (t.possessive) return !!next && PERSON_NOUNS.has(next.lower)
  if (!next || !/^[ ,()A-Za-z0-9]*$/.test(next.gap)) return false
  return (
    verbs.has(next.lower) ||
    (next.lower === 'and' && ['her', 'his', 'their', 'mum', 'dad'].includes(ctx.tokens[i + 2]?.lower ?? ''))
  )
}

/** One capitalised or caseless word on its own that is a first name, or acts like a person. */
function byLoneWord(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!
  if (!isLetters(t) || isStop(t) || isOrganisationWord(t) || RELATIONS.has(t.lower)) return false
  if (t.base.length <= 3 && /^\p{Lu}.*\p{Lu}/u.test(t.base)) return false
  const before = ctx.tokens[i - 1]
  const after = ctx.tokens[i + 1]
  if (after && joined(after) && isCapitalised(ctx, after) && isCapitalised(ctx, t)) return false
  if (inOrganisation(ctx, i, i)) return false
  if (placeAt(ctx, i) >= 0) {
    // A place name is a person only when it acts like one: "Harley and her brother", "Dean's email".
    const person =
      isFirstName(ctx, t) && !PLACE_PREPOSITIONS.has(before?.lower ?? '') && actsLikePerson(ctx, i, STRONG_PERSON_VERBS)
    if (person) add(ctx, i, i)
    return person
  }
  if (isCaseless(ctx, t)) {
    if (!isCaselessName(ctx, i)) return false
    add(ctx, i, i)
    return true
  }
  const sentenceStart = startsSentence(ctx, i)
  if (before && joined(t) && isCapitalised(ctx, before) && !sentenceStart && !TITLES.has(before.text)) return false
  const first = isFirstName(ctx, t)
  const word = isWord(ctx, t)
  const afterPlaceWord = !!before && PLACE_PREPOSITIONS.has(before.lower)
  let isName = false
  if (t.shape === 'upper') isName = first && !word && t.base.length >= 4
  else if (first && !word) isName = true
  else if (first && word) {
    // "nobody asked Poppy", "Ruby (Y8) told"; not "Hope was expressed" or "(Freedom to Speak Up)".
    const strong = actsLikePerson(ctx, i, STRONG_PERSON_VERBS)
    if (sentenceStart) isName = !isVeryCommon(ctx, t) && (level(ctx, t) ?? 0) > 20 && strong
    else isName = isVeryCommon(ctx, t) ? strong : !afterPlaceWord || actsLikePerson(ctx, i, PERSON_VERBS)
  } else if (!word && !WORD_ENDINGS.test(t.lower)) {
    const surname = isSurname(ctx, t)
    isName = (surname && !sentenceStart && !afterPlaceWord) || actsLikePerson(ctx, i, PERSON_VERBS)
  }
  if (isName) add(ctx, i, i)
  return isName
}

/** Spans of the text that look like a person's name. */
export function findNames(text: string, tokens: Token[] = tokenize(text)): Span[] {
  const ctx: Ctx = { tokens, lexicon: loadLexicon(), caseless: isWrittenInCapitals(text), spans: [] }
  let runEnd = -1
  for (let i = 0; i < tokens.length; i++) {
    if (byTitle(ctx, i) || byCue(ctx, i) || byRelation(ctx, i) || byInvertedName(ctx, i)) continue
    if (byCaselessPair(ctx, i)) continue
    if (i > runEnd) {
      runEnd = byCapitalisedRun(ctx, i)
      if (runEnd > i) continue
    }
    byLoneWord(ctx, i)
  }
  return mergeSpans(ctx.spans)
}

/** Overlapping or touching spans become one. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end)
  const out: Span[] = []
  for (const s of sorted) {
    const last = out.at(-1)
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end)
    else out.push({ ...s })
  }
  return out
}
