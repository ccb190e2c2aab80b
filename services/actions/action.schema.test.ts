/** The bulk form's schema: valid rows pass with defaults; each issue lands on its row's field id. */
import { describe, expect, it } from 'vitest'
import type { ZodError } from 'zod'
import { fieldErrorsOf } from '../../lib/validation.js'
import { bulkFieldId, ZCreateActionsForm } from './action.schema.js'

const row = {
  what: 'Health visitors record the child\u2019s views at every visit.',
  agencyKey: 'health',
  ownerId: '7d1f1a52-2b0b-4b8e-9d0a-0d7b7a3c9e11',
  dueDate: '2026-11-30',
  measureOfSuccess: 'An audit of 10 cases shows views recorded in 8.',
  verifyingSubGroupKey: 'case-review',
}
const form = { formToken: 'f0c7c0a5-4d53-4c4b-9a0e-1b9d2f3e4a5b', actions: [row, row] }

const errorsOf = (raw: unknown) => {
  try {
    ZCreateActionsForm.parse(raw)
    return {}
  } catch (error) {
    return fieldErrorsOf(error as ZodError)
  }
}

describe('ZCreateActionsForm', () => {
  it('parses valid rows, defaulting the impact check to 3 months and leaving the source to the use case', () => {
    const parsed = ZCreateActionsForm.parse(form)
    expect(parsed.actions.map((a) => a.impactMonths)).toEqual([3, 3])
    expect(parsed.source).toBeUndefined()
  })

  it('reports a row\u2019s issues on that row\u2019s field ids', () => {
    const errors = errorsOf({ ...form, actions: [row, { ...row, measureOfSuccess: '', ownerId: 'nobody' }] })
    expect(errors).toEqual({
      measureOfSuccess2: expect.stringContaining('Enter what we would see'),
      ownerId2: 'Choose the owner.',
    })
  })

  it('reports form-level issues on their own ids', () => {
    expect(Object.keys(errorsOf({ actions: [] }))).toEqual(expect.arrayContaining(['formToken', 'actions']))
  })

  it('refuses a source it does not know', () => {
    expect(Object.keys(errorsOf({ ...form, source: 'somewhere' }))).toEqual(['source'])
  })
})

describe('bulkFieldId', () => {
  it.each([
    [['actions', 0, 'what'], 'what1'],
    [['actions', 2, 'dueDate'], 'dueDate3'],
    [['actions'], 'actions'],
    [['formToken'], 'formToken'],
    [[], 'form'],
  ] as [(string | number)[], string][])('%j is %s', (path, id) => {
    expect(bulkFieldId(path)).toBe(id)
  })
})
