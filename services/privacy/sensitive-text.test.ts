/** The identifying-details check, kind by kind: what it catches, what it leaves alone, and what it shows. */
import { describe, expect, it } from 'vitest'
import { MAX_CHECKED_CHARS, normaliseText } from './normalise.js'
import {
  describeFindings,
  findSensitiveFields,
  findSensitiveText,
  isValidNhsNumber,
  type SensitiveKind,
} from './sensitive-text.js'

const found = (text: string) => findSensitiveText(text).map((f) => [f.kind, f.text])
const kinds = (text: string): SensitiveKind[] => findSensitiveText(text).map((f) => f.kind)

describe('names', () => {
  it.each([
    ['jack smith was not brought to the dental appointment.', 'jack smith'],
    ['the children were seen with their father, mohammed ali.', 'mohammed ali'],
    ['JACK SMITH WAS EXCLUDED FROM SCHOOL FOR THREE DAYS.', 'JACK SMITH'],
    ['Police spoke to AMELIA HUSSAIN at the scene.', 'AMELIA HUSSAIN'],
    ['ms okafor said she had asked the gp for help.', 'ms okafor'],
    ['THE GP, DR PATEL, MADE A REFERRAL.', 'DR PATEL'],
  ])('catches lower-case and all-caps names: %s', (text, name) => {
    expect(found(text)).toEqual([['name', name]])
  })

  it.each([
    ['Ngozi was caring for her three younger siblings.', 'Ngozi'],
    ['Folasade said she was sleeping on a friend\u2019s sofa.', 'Folasade'],
    ['Oisin\u2019s attendance fell to 61%.', 'Oisin'],
    ['Kayden Brierley-Marsh was found alone in the flat.', 'Kayden Brierley-Marsh'],
  ])('catches uncommon names from how they are used: %s', (text, name) => {
    expect(found(text)).toEqual([['name', name]])
  })

  it.each([
    ['Smith, O. did not attend the follow-up.', 'Smith, O'],
    ['Chen, L. (mother) declined an interpreter.', 'Chen, L'],
    ['HUSSAIN, Zainab \u2013 attended A&E twice.', 'HUSSAIN, Zainab'],
  ])('catches surname-first names: %s', (text, name) => {
    expect(found(text)).toEqual([['name', name]])
  })

  it('catches a name split by zero-width characters, and quotes it without them', () => {
    expect(found('Ja\u200Bck Smi\u200Dth had two unexplained injuries.')).toEqual([['name', 'Jack Smith']])
    expect(found('Ka\u00ADyden was seen at the pharmacy.')).toEqual([['name', 'Kayden']])
  })

  it.each([
    ["Mum's partner Dean was present at the visit.", 'Dean'],
    ['Ms Okafor said she had asked the GP for help.', 'Ms Okafor'],
    ['The youngest child, called Liam, was asleep.', 'Liam'],
    ['A neighbour known as Big Tommy was supplying cannabis.', 'Big Tommy'],
    ['Brother jayden was also at the property.', 'jayden'],
    ['Grandmother (Mrs Popescu) provides most of the care.', 'Mrs Popescu'],
  ])('catches a name from its title, cue or relation: %s', (text, name) => {
    expect(found(text)).toEqual([['name', name]])
  })

  it.each([
    'Mum and Dad attended the core group; Nan looks after the children after school.',
    'St Mary\u2019s Primary School made a referral; the baby was on Victoria Ward at Queen Elizabeth Hospital.',
    'The Designated Safeguarding Lead raised it with the Head Teacher and the Independent Reviewing Officer.',
    'Hope was expressed that the family would engage with Early Help. Will the plan be reviewed? Yes.',
    'Referred to Brook for sexual health advice; Barnardo\u2019s did the return home interview.',
    'The family arrived from Jordan in 2024 and lived in Kingsmoor, then Eastfield, Northshire.',
    'Mother is White British; father is Black Caribbean; the child speaks Urdu at home.',
    'The young person was found in Preston by British Transport Police.',
    'The baby slept in a Moses basket next to the sofa.',
    'STRATEGY MEETING HELD ON 12/03/2026 WITH POLICE, HEALTH AND EDUCATION.',
    'mum said the baby had not been fed since the morning.',
    "st mary's primary school made a referral; ST MARY'S PRIMARY SCHOOL MADE ANOTHER.",
    'the child has ms and her mum has a dr appointment.',
  ])('leaves agencies, places, roles and family words alone: %s', (text) => {
    expect(found(text)).toEqual([])
  })
})

describe('dates of birth', () => {
  it.each([
    ['DOB 12/03/2019', '12/03/2019'],
    ['d.o.b 03.11.2020; no health visitor contact since.', '03.11.2020'],
    ['The child\u2019s DOB is 1 April 2018.', '1 April 2018'],
    ['dob 5th of June 2017', '5th of June 2017'],
    ['Birthday 14.08.2022 \u2013 the second child.', '14.08.2022'],
  ])('catches a date with a cue other than "born": %s', (text, date) => {
    expect(found(text)).toEqual([['date-of-birth', date]])
  })

  it.each([
    ['Date of birth: 2019-03-12.', '2019-03-12'],
    ['YP born 2010-02-17, now 16.', '2010-02-17'],
    ['The records show D.O.B. 2020/01/15.', '2020/01/15'],
  ])('catches an ISO date of birth: %s', (text, date) => {
    expect(found(text)).toEqual([['date-of-birth', date]])
  })

  it('catches a date straight after a person, and a second date of birth in a list', () => {
    expect(kinds('Child A (12.03.2019) and Child B (07.01.2021) were on a plan.')).toEqual([
      'date-of-birth',
      'date-of-birth',
    ])
    expect(found('Olivia Hart (14/02/2016) was seen.')).toEqual([
      ['name', 'Olivia Hart'],
      ['date-of-birth', '14/02/2016'],
    ])
    expect(kinds('Dates of birth for the siblings: 02/04/2013 and 17/10/2015.')).toEqual([
      'date-of-birth',
      'date-of-birth',
    ])
  })

  it.each([
    'The incident was on 12/03/2019 and the strategy meeting on 3 March 2020.',
    'Child A was seen at the hospital on 14/02/2026.',
    'The baby was born at 36 weeks and admitted on 12/03/2026.',
    'Unborn baby due 2026-05-20.',
    'Timeline: 08/01/2026 referral, 09/01/2026 strategy, 15/01/2026 ICPC.',
  ])('leaves other dates alone: %s', (text) => {
    expect(found(text)).toEqual([])
  })
})

describe('NHS numbers', () => {
  it.each(['NHS number 943 476 5919.', 'NHS 9434765919', 'nhs no. 943-476-5919', 'NHS no: 943.476.5919'])(
    'catches a valid number, dots included: %s',
    (text) => {
      expect(kinds(text)).toEqual(['nhs-number'])
    },
  )

  it('checks the modulus-11 check digit', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true)
    expect(isValidNhsNumber('9434765918')).toBe(false)
    expect(isValidNhsNumber('943476591')).toBe(false)
    expect(isValidNhsNumber('94347659190')).toBe(false)
    expect(found('NHS number 943 476 5918')).toEqual([])
  })
})

describe('postcodes and addresses', () => {
  it.each([
    ['Seen at SW1A 1AA yesterday.', 'SW1A 1AA'],
    ['Moved to m1 1ae last year.', 'm1 1ae'],
    ['Temporary accommodation, NS72HQ.', 'NS72HQ'],
  ])('catches a postcode: %s', (text, postcode) => {
    expect(found(text)).toEqual([['postcode', postcode]])
  })

  it.each([
    ['The family live at 14 Elm Grove, Eastfield.', '14 Elm Grove'],
    ['Flat 3, 22 Station Road had no heating.', 'Flat 3'],
    ['Moved from 12a Church Street to a hostel.', '12a Church Street'],
    ['the family lives at 23 meadow way.', '23 meadow way'],
    ['Staying with an aunt at 140 Kingsway.', '140 Kingsway'],
    ['last known address: 56 northgate rd.', '56 northgate rd'],
    ['THE FAMILY LIVE AT 14 ELM GROVE.', '14 ELM GROVE'],
  ])('catches an address: %s', (text, address) => {
    expect(found(text)[0]).toEqual(['address', address])
  })

  it.each([
    '2 Family Court hearings were adjourned; Ward 7 staff saw the bruising.',
    'The chronology covers 1 April 2024 to 31 March 2026.',
    'There were 6 police call-outs to the address in 2025; it is a 10 minute drive from school.',
    'Station Road youth club was closed during the review period.',
    'INCIDENT 4 OF 6 TOOK PLACE ON 28/12/2025; THE BABY WAS SEEN AT 36 WEEKS.',
  ])('leaves numbers near place words alone: %s', (text) => {
    expect(found(text)).toEqual([])
  })
})

describe('phone numbers, e-mails, National Insurance numbers and social-care ids', () => {
  it.each([
    ['Mum\u2019s mobile is 07700 900461.', '07700 900461'],
    ['Contact number +44 7700 900 782.', '+44 7700 900 782'],
    ['Tel: (0161) 496 0123.', '(0161) 496 0123'],
    ["Father's phone: +44 (0)7700 900345.", '+44 (0)7700 900345'],
    ['mob 07700900987', '07700900987'],
  ])('catches a UK phone number: %s', (text, phone) => {
    expect(found(text)).toEqual([['phone', phone]])
  })

  it.each([
    'The police log 0412 of 12/03/2026 records a call.',
    'Funding code 0107-6633 was used; the case number 2026/00417 went to court.',
    'Ambulance arrived 8 minutes after the 999 call; referral received 09:42.',
  ])('leaves phone-like numbers that are not phones alone: %s', (text) => {
    expect(found(text)).toEqual([])
  })

  it('catches an e-mail address, and not the name inside it', () => {
    expect(found('Mum\u2019s email is kerry.m82@example.com.')).toEqual([['email', 'kerry.m82@example.com']])
    expect(found('Father\u2019s work email: M.Okoro@Example.NHS.uk')).toEqual([['email', 'M.Okoro@Example.NHS.uk']])
  })

  it.each([
    ['NI number QQ 12 34 56 C.', 'QQ 12 34 56 C'],
    ['Her National Insurance number is JT482193B.', 'JT482193B'],
    ['His NI no. was on the letter: ce 71 45 02 a.', 'ce 71 45 02 a'],
  ])('catches a National Insurance number: %s', (text, ni) => {
    expect(found(text)).toEqual([['ni-number', ni]])
  })

  it.each([
    ['Mosaic ID 4417823 \u2013 open to the assessment team.', '4417823'],
    ['LCS no. 2280194', '2280194'],
    ['Social care number: 7712045.', '7712045'],
    ['The LA person ID (2045571) was on the minutes.', '2045571'],
  ])('catches a social-care record number: %s', (text, id) => {
    expect(found(text)).toEqual([['social-care-id', id]])
  })

  it.each([
    'Case reference HV-2026-1182, incident 2026-11-27; review NSCP-2026-0007.',
    'Our children\u2019s social care reference is CSC-2026-1033.',
    'The Mosaic record was not updated; the LCS case note on 4 March is brief.',
  ])('leaves case references alone: %s', (text) => {
    expect(found(text)).toEqual([])
  })
})

describe('what the person is shown', () => {
  const text = 'Jack Smith, DOB 12/03/2019, NHS 943 476 5919, lives at SW1A 1AA; call 07700 900461.'

  it('finds every kind in a mixed text, in the order written', () => {
    expect(kinds(text)).toEqual(['name', 'date-of-birth', 'nhs-number', 'postcode', 'phone'])
  })

  it('quotes the flagged words back, with no asterisks to break markdown', () => {
    const sentence = describeFindings(findSensitiveText(text))
    expect(sentence).toContain('what looks like a person\u2019s name (\u201CJack Smith\u201D)'.replace('\u2019', "'"))
    expect(sentence).toContain('what looks like an NHS number (\u201C943 476 5919\u201D)')
    expect(sentence).toContain('what looks like a phone number (\u201C07700 900461\u201D)')
    expect(sentence).not.toContain('*')
  })

  it('quotes at most six findings and says how many more there are', () => {
    const many = Array.from({ length: 9 }, (_, i) => `Mosaic ID 44178${20 + i}`).join('; ')
    const sentence = describeFindings(findSensitiveText(many))
    expect(sentence.match(/\u201C/g)).toHaveLength(6)
    expect(sentence).toContain(', and 3 more.')
  })

  it('never puts the words into JSON, so a finding logged by mistake shows only its kind', () => {
    const findings = findSensitiveText(text)
    expect(findings[0]!.text).toBe('Jack Smith')
    const json = JSON.stringify({ findings })
    expect(json).not.toMatch(/Jack|Smith|1AA|943|07700/)
    expect(JSON.parse(json).findings[0]).toEqual({ kind: 'name' })
  })
})

describe('findSensitiveFields', () => {
  it('returns only the fields with findings and skips values that are not text', () => {
    expect(
      findSensitiveFields({
        caseReference: 'HV-2026-1182',
        whatHappened: 'Seen at SW1A 1AA.',
        whyReview: undefined,
        other: '',
        count: 7,
        list: ['Jack Smith'],
      }),
    ).toEqual({ whatHappened: [{ kind: 'postcode', text: 'SW1A 1AA' }] })
  })
})

describe('normalisation and limits', () => {
  it('applies NFKC and removes invisible characters', () => {
    expect(normaliseText('\uFF10\uFF17\uFF17\uFF10\uFF10 900461')).toBe('07700 900461')
    expect(normaliseText('Ja\u200Bc\u2060k\uFEFF')).toBe('Jack')
    expect(kinds('Call \uFF10\uFF17\uFF17\uFF10\uFF10 \uFF19\uFF10\uFF10\uFF14\uFF16\uFF11.')).toEqual(['phone'])
  })

  it('examines at most MAX_CHECKED_CHARS characters', () => {
    const padding = 'The meeting was held. '.repeat(Math.ceil(MAX_CHECKED_CHARS / 22))
    expect(kinds(`${padding}Jack Smith was seen.`)).toEqual([])
    expect(kinds(`Jack Smith was seen. ${padding}`)).toEqual(['name'])
  })

  it.each([
    ['digits and spaces', '0 '.repeat(30_000)],
    ['digits and separators', '1-2.3/4 '.repeat(8_000)],
    ['an e-mail-like run', `${'a.'.repeat(20_000)}@`],
    ['capitalised words', 'Abc '.repeat(15_000)],
    ['mentions', '<at>x</at>'.repeat(4_000)],
    ['cues without numbers', 'Mosaic ID '.repeat(5_000)],
    ['dates of birth', 'DOB 1/1/20 Jack Smith 2/2/21 and '.repeat(1_000)],
  ])('finishes on hostile input (%s)', (_label, text) => {
    expect(Array.isArray(findSensitiveText(text))).toBe(true)
  })
})
