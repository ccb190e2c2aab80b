/**
 * A small dialog that lives only in the tests: a three-page "team check-in", routed beside the app's own
 * definitions (`startHarness({ interactions: [checkIn.dialog] })`), so the dialog machinery of both edges,
 * the core and the playground can be driven before and apart from any domain's dialog. Its answers are kept
 * in memory per person, with a version per check-in, the person who last saved it and when, as a real
 * definition keeps them in its tables; it refuses as the services would (NOT_PERMITTED, SENSITIVE_TEXT,
 * INVALID_INPUT with field messages, ALREADY_DONE when someone saved first).
 */
import { defineDialog, type DialogPage } from '../../cards/dialog.js'
import type { Field } from '../../cards/model.js'
import type { FormValues } from '../../cards/submit.js'
import type { Verb } from '../../cards/verbs.js'
import { AppError } from '../../lib/errors.js'
import { describeFindings, findSensitiveFields } from '../../services/privacy/sensitive-text.js'

export const CHECK_IN_VERB = 'test.check-in' as Verb

const PAGES: { name: string; fields: Field[] }[] = [
  {
    name: 'Your team',
    fields: [
      { id: 'staff', label: 'How many staff are in your team?', kind: 'number', min: 0, max: 500, required: true },
      {
        id: 'trained',
        label: 'How many had safeguarding training this year?',
        kind: 'number',
        min: 0,
        max: 500,
        help: 'Leave it blank if you do not know yet.',
      },
      {
        id: 'rating',
        label: 'How well does your team know the escalation policy?',
        kind: 'select',
        required: true,
        options: [
          { value: 'good', label: 'Good' },
          { value: 'requires-improvement', label: 'Requires improvement' },
        ],
      },
    ],
  },
  {
    name: 'What helps',
    fields: [{ id: 'notes', label: 'What helps your team most?', kind: 'textarea', maxLength: 2000 }],
  },
  {
    name: 'Confirm',
    fields: [{ id: 'confirm', label: 'Confirm', kind: 'checkbox', help: 'These answers are right', required: true }],
  },
]

type Stored = {
  page: number
  values: FormValues
  version: number
  savedBy: string
  savedAt: string
  sent: boolean
  /** The notes were saved after the person confirmed they may identify someone (not asked again unchanged). */
  acknowledged?: boolean
}

/** A check-in per team, shared by everyone in it (so two people can save the same page). */
export function createCheckIn(options: { refuse?: string[] } = {}) {
  const store = new Map<string, Stored>()
  const saves: { team: string; page: number; by: string }[] = []
  /** Errors the next moves throw, first one first (e.g. the database going away). */
  const failures: unknown[] = []
  const teamOf = (scope: { actor: { agencyKey: string | null; personId: string } }) =>
    scope.actor.agencyKey ?? scope.actor.personId

  const pageAt = (index: number, stored: Stored | undefined): DialogPage => {
    const page = PAGES[index]!
    return {
      title: 'Team check-in',
      step: `Page ${index + 1} of ${PAGES.length}: ${page.name}`,
      shortTitle: 'Team check-in',
      fields: page.fields,
      values: Object.fromEntries(page.fields.map((f) => [f.id, stored?.values[f.id]])),
      meta: { page: String(index), version: String(stored?.version ?? 0) },
      canGoBack: index > 0,
      canGoNext: index < PAGES.length - 1,
      ...(index === PAGES.length - 1 ? { finishLabel: 'Send check-in' } : {}),
    }
  }

  const dialog = defineDialog({
    verb: CHECK_IN_VERB,
    size: 'large',
    page: async (scope) => {
      if (options.refuse?.includes(scope.actor.name))
        throw new AppError('NOT_PERMITTED', 'Only team members can fill in the check-in. Ask your manager.')
      const stored = store.get(teamOf(scope))
      const asked = Number(scope.meta.page)
      const index = Number.isInteger(asked) && asked >= 0 && asked < PAGES.length ? asked : (stored?.page ?? 0)
      return pageAt(index, stored)
    },
    move: async (scope) => {
      if (failures.length) throw failures.shift()
      const team = teamOf(scope)
      const stored = store.get(team)
      const index = Number(scope.meta.page)
      const page = PAGES[index]!
      if (stored?.sent) throw new AppError('INVALID_TRANSITION', 'This check-in was sent, so it cannot change.')
      if (stored && String(stored.version) !== scope.meta.version)
        throw new AppError('ALREADY_DONE', `Changed by ${stored.savedBy} at ${stored.savedAt}; here is the latest.`)
      const staff = scope.values.staff
      const trained = scope.values.trained
      if (index === 0 && typeof staff === 'number' && typeof trained === 'number' && trained > staff)
        throw new AppError('INVALID_INPUT', 'Please check the answers.', {
          fieldErrors: { trained: 'This cannot be more than the staff in your team.' },
        })
      if (index === 0 && staff !== undefined && typeof staff !== 'number')
        throw new AppError('INVALID_INPUT', 'Please check the answers.', { fieldErrors: { staff: 'Enter a number.' } })
      const acknowledged =
        scope.values.confirmSensitive === true ||
        (stored?.acknowledged === true && stored.values.notes === scope.values.notes)
      if (!acknowledged) {
        const findings = findSensitiveFields({ notes: scope.values.notes })
        if (findings.notes)
          throw new AppError('SENSITIVE_TEXT', 'Please check the highlighted answers.', {
            fieldErrors: { notes: describeFindings(findings.notes) },
          })
      }
      const values = { ...stored?.values }
      for (const f of page.fields) values[f.id] = scope.values[f.id]
      const changed = page.fields.some((f) => JSON.stringify(stored?.values[f.id]) !== JSON.stringify(values[f.id]))
      const next = scope.move === 'back' ? index - 1 : scope.move === 'next' ? index + 1 : index
      const saved: Stored = {
        page: Math.max(0, Math.min(next, PAGES.length - 1)),
        values,
        version: (stored?.version ?? 0) + (changed || scope.move === 'finish' ? 1 : 0),
        savedBy: changed ? scope.actor.name : (stored?.savedBy ?? scope.actor.name),
        savedAt: changed ? '10:42' : (stored?.savedAt ?? '10:42'),
        sent: scope.move === 'finish',
        acknowledged: index === 1 ? acknowledged : stored?.acknowledged,
      }
      store.set(team, saved)
      if (changed || scope.move === 'finish') saves.push({ team, page: index, by: scope.actor.name })
      if (scope.move === 'close')
        return {
          type: 'done',
          replies: [
            {
              type: 'card',
              card: {
                title: 'Check-in saved',
                blocks: [
                  { type: 'text', text: `You stopped on page ${index + 1} of ${PAGES.length}.` },
                  {
                    type: 'actions',
                    actions: [{ type: 'dialog', verb: CHECK_IN_VERB, label: 'Carry on with the check-in', data: {} }],
                  },
                ],
              },
            },
          ],
        }
      if (scope.move === 'finish')
        return {
          type: 'done',
          replies: [{ type: 'card', card: { title: 'Check-in sent', blocks: [{ type: 'text', text: 'Thank you.' }] } }],
        }
      return { type: 'page', page: pageAt(saved.page, saved) }
    },
  })

  return { dialog, store, saves, failures }
}
