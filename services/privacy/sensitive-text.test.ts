/** The identifying-details detector: what it catches, what it leaves alone, and that it never repeats the text. */
import { describe, expect, it } from 'vitest'
import { describeFindings, findSensitiveFields, findSensitiveText, isValidNhsNumber, type SensitiveKind } from './sensitive-text.js'

const kinds = (text: string): SensitiveKind[] => findSensitiveText(text).map((f) => f.kind)

describe('NHS numbers', () => {
  it.each(['NHS number 943 476 5919.', 'NHS 9434765919', 'nhs no. 943-476-5919'])('catches a valid number: %s', (text) => {
    expect(findSensitiveText(text)).toEqual([{ kind: 'nhs-number', hint: '9********9' }])
  })

  it('checks the modulus-11 check digit', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true)
    expect(isValidNhsNumber('9434765918')).toBe(false)
    expect(isValidNhsNumber('943476591')).toBe(false)
    expect(isValidNhsNumber('94347659190')).toBe(false)
  })

  it('ignores a number with the wrong check digit', () => {
    expect(findSensitiveText('NHS number 943 476 5918')).toEqual([])
  })

  it.each(['Call 07700 900461 after 5pm.', 'Switchboard 020 7946 0018.', 'Ward on 0161 496 0000.', 'Office 01632 960001.'])(
    'ignores a phone number: %s',
    (text) => {
      expect(findSensitiveText(text)).toEqual([])
    },
  )
})

describe('postcodes', () => {
  it.each([
    ['Seen at SW1A 1AA yesterday.', 'S*****A'],
    ['Moved to m1 1ae last year.', 'm***e'],
    ['Family lives near B33 8TH.', 'B****H'],
    ['Address EC1A1BB.', 'E*****B'],
  ])('catches %s', (text, hint) => {
    expect(findSensitiveText(text)).toEqual([{ kind: 'postcode', hint }])
  })

  it('reports each postcode once, however often it appears', () => {
    expect(findSensitiveText('CR2 6XH, then DN55 1PT, then CR2 6XH again.')).toEqual([
      { kind: 'postcode', hint: 'C****H' },
      { kind: 'postcode', hint: 'D*****T' },
    ])
  })
})

describe('dates of birth', () => {
  it.each([
    ['DOB 12/03/2019', '1********9'],
    ['born on 3 March 2020', '3********0'],
    ['date of birth: 01.02.2018', '0********8'],
    ['d.o.b. 5th Jan 2017', '5********7'],
  ])('catches a date with a cue: %s', (text, hint) => {
    expect(findSensitiveText(text)).toEqual([{ kind: 'date-of-birth', hint }])
  })

  it('leaves other dates alone', () => {
    expect(findSensitiveText('The incident was on 12/03/2019 and the strategy meeting on 3 March 2020.')).toEqual([])
  })
})

describe('names', () => {
  it('catches a full name', () => {
    const found = findSensitiveText('Jack Smith was seen with bruising.')
    expect(found).toContainEqual({ kind: 'name', hint: 'J*******h' })
    expect(new Set(found.map((f) => f.kind))).toEqual(new Set(['name']))
  })

  it('catches an unusual name after a cue', () => {
    expect(findSensitiveText('The boy named Kayden was not at school.')).toEqual([{ kind: 'name', hint: 'K****n' }])
    expect(findSensitiveText('Her brother, known as Bex, was present.')).toEqual([{ kind: 'name', hint: 'B*x' }])
  })

  it('catches a lone common first name', () => {
    expect(findSensitiveText('Olivia was seen at school on Monday.')).toEqual([{ kind: 'name', hint: 'O****a' }])
  })

  it('does not treat a cue followed by an ordinary word as a name', () => {
    expect(findSensitiveText('A meeting called The Panel was held.')).toEqual([])
  })
})

describe('ordinary professional text', () => {
  it.each([
    'Police and health visitor attended a strategy meeting on Monday; the GP was informed.',
    'Referral from Health Visitor; CAMHS and MASH involved. The School Nurse saw the child in A&E on Friday 3 March.',
    'Case reference HV-2026-1182, incident 2026-11-27, agency aware 2026-11-28.',
    'Information held by health and police was not shared before the child protection conference.',
  ])('has no findings: %s', (text) => {
    expect(findSensitiveText(text)).toEqual([])
  })
})

describe('hints are masked', () => {
  const text = 'Jack Smith, DOB 12/03/2019, NHS 943 476 5919, lives at SW1A 1AA; his sister named Kayden.'
  // "Jack" is not reported again on its own: it is part of the full name already found.
  const matched = ['JackSmith', '12/03/2019', '9434765919', 'SW1A1AA', 'Kayden']

  it('finds every kind in a mixed text', () => {
    expect(new Set(kinds(text))).toEqual(new Set(['name', 'date-of-birth', 'nhs-number', 'postcode']))
  })

  it('keeps only the first and last character of what matched', () => {
    const hints = findSensitiveText(text).map((f) => f.hint)
    expect(hints).toHaveLength(matched.length)
    for (const hint of hints) {
      expect(hint).toMatch(/^[^*]\*+[^*]$/)
      for (const m of matched) expect(hint).not.toContain(m)
    }
  })

  it('reports a full name once, not again as a first name', () => {
    expect(findSensitiveText('Jack Smith was seen.').filter((f) => f.kind === 'name')).toEqual([{ kind: 'name', hint: 'J*******h' }])
    // A first name on its own elsewhere in the text is still reported.
    expect(findSensitiveText('Jack Smith and Olivia were seen.').map((f) => f.hint)).toEqual(['J*******h', 'O****a'])
  })

  it('masks very short matches completely', () => {
    expect(findSensitiveText('The child known as Al was present.')).toEqual([{ kind: 'name', hint: '**' }])
  })

  it('never repeats the text in the sentence shown to the person', () => {
    const sentence = describeFindings(findSensitiveText(text))
    expect(sentence).toContain("what looks like a person's name (J*******h)")
    expect(sentence).toContain('what looks like an NHS number (9********9)')
    for (const m of ['Jack', 'Smith', '12/03/2019', '943 476 5919', '9434765919', 'SW1A', 'Kayden']) expect(sentence).not.toContain(m)
  })
})

describe('findSensitiveFields', () => {
  it('returns only the fields with findings', () => {
    expect(
      findSensitiveFields({ caseReference: 'HV-2026-1182', whatHappened: 'Seen at SW1A 1AA.', whyReview: undefined, other: '' }),
    ).toEqual({ whatHappened: [{ kind: 'postcode', hint: 'S*****A' }] })
  })
})
