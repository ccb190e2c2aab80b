/**
 * Opening and moving a dialog (cards/dialog.ts), the same for Teams task modules, Slack modals and the
 * playground: the page's fields come from the definition first, so the person's answers are read by kind;
 * blank required answers stop Next and the finish here, before anything is saved; refusals with field
 * messages, a newer save by someone else and other refusals show a page again rather than losing what the
 * person typed. What a page shows and what a move saves are the definition's (and its services').
 */
import type { DialogDefinition, DialogMove, DialogOutcome, DialogPage } from '../../cards/dialog.js'
import { CONFIRM_SENSITIVE_FIELD } from '../../cards/forms/shared.js'
import type { Scope } from '../../cards/interaction.js'
import type { Card, Field, FieldValue } from '../../cards/model.js'
import type { FormValues } from '../../cards/submit.js'
import { isAppError } from '../../lib/errors.js'
import type { DialogAnswer } from './types.js'

type Move = { move: DialogMove | null; readValues: (fields: Field[]) => FormValues }

const isBlank = (value: FieldValue | undefined) =>
  value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)

const ANSWER_THIS = 'Please answer this question.'
const CHECK_BELOW = 'Please check the answers marked below.'
const SENSITIVE =
  'Please check the answers marked below. Some may identify a child or family member: edit them, or tick the ' +
  'box to confirm. Then save again.'

/** The page the person was on, again: their answers, the messages by field, a notice. */
function again(page: DialogPage, values: FormValues, notice: string, errors?: Record<string, string>): DialogPage {
  return { ...page, values, notice: { tone: 'attention', text: notice }, ...(errors ? { errors } : {}) }
}

/** Opens the dialog at its page (`move` null) or makes the move, as cards/dialog.ts describes. */
export async function moveDialog(def: DialogDefinition, scope: Scope, incoming: Move): Promise<DialogAnswer> {
  const page = await def.page(scope)
  const answer = (p: DialogPage): DialogAnswer => ({ type: 'page', verb: def.verb, page: p, size: def.size ?? 'large' })
  if (incoming.move === null) return answer(page)
  const move = incoming.move
  const values = incoming.readValues([...page.fields, CONFIRM_SENSITIVE_FIELD])
  if (move === 'next' || move === 'finish') {
    const missing = page.fields.filter((f) => f.required && isBlank(values[f.id]))
    if (missing.length) {
      const notice = missing.length === 1 ? 'Please answer the question marked below.' : CHECK_BELOW
      return answer(again(page, values, notice, Object.fromEntries(missing.map((f) => [f.id, ANSWER_THIS]))))
    }
  }
  try {
    const outcome: DialogOutcome = await def.move({ ...scope, values, move, page })
    return outcome.type === 'page' ? answer(outcome.page) : { type: 'done', replies: outcome.replies }
  } catch (error) {
    if (!isAppError(error) || error.code === 'NOT_PERMITTED' || error.code === 'NOT_FOUND') throw error
    const hasFieldErrors = Object.keys(error.fieldErrors).length > 0
    if (error.code === 'SENSITIVE_TEXT' && hasFieldErrors) {
      const confirm = { ...again(page, values, SENSITIVE, error.fieldErrors) }
      return answer({ ...confirm, fields: [...page.fields, CONFIRM_SENSITIVE_FIELD] })
    }
    if (error.code === 'INVALID_INPUT' && hasFieldErrors)
      return answer(again(page, values, CHECK_BELOW, error.fieldErrors))
    // Saved by someone else in the meantime: the latest, as it is now, with who changed it and when.
    if (error.code === 'ALREADY_DONE')
      return answer({ ...(await def.page(scope)), notice: { tone: 'warning', text: error.userMessage } })
    return answer(again(page, values, error.userMessage))
  }
}

/**
 * A card with the button that opens the dialog, for a press that cannot open one itself (a plain Teams
 * Action.Execute). Loading the page first refuses a person who may not see it.
 */
export async function dialogOpenerCard(def: DialogDefinition, scope: Scope): Promise<Card> {
  const page = await def.page(scope)
  return {
    title: page.title,
    blocks: [
      { type: 'text', text: page.step },
      {
        type: 'actions',
        actions: [{ type: 'dialog', verb: def.verb, label: 'Open', data: scope.meta, style: 'positive' }],
      },
    ],
  }
}
