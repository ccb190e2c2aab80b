/**
 * A dialog: a long form shown one page at a time (an audit return, a section per page). Teams shows it as a
 * task module (`task/fetch` opens it, `task/submit` moves on), Slack as a modal moved on with `views.update`,
 * the playground as an overlay. Each page is saved as the person leaves it, so they can stop and come back on
 * either platform where they left off.
 *
 * This file is the contract between the definitions in cards/forms/ (which know the domain, through services)
 * and the edges (which know the platforms). A definition is listed in cards/registry.ts like any form, and
 * offered from a card with a `{ type: 'dialog', verb, label, data }` action (cards/model.ts).
 *
 * What the core (bot/core/interact.ts) does around a definition, so a definition need not:
 * - `required` on a page's field means "answered before Next or the finish": the core refuses those two moves
 *   with a message next to each blank required field (values kept, nothing saved), as Slack itself does;
 *   Back and Save and close save whatever is there.
 * - An AppError thrown by `move` with field messages (INVALID_INPUT, SENSITIVE_TEXT) shows the same page with
 *   the person's answers and the messages; for SENSITIVE_TEXT the page gains the identifying-details box, and
 *   the next move's values carry `confirmSensitive: true` once it is ticked.
 * - ALREADY_DONE from `move` (someone else saved the page first: "Changed by Dana Price at 10:42; here is the
 *   latest.") shows the page freshly loaded by `page`, with the error's message as the notice.
 * - Other refusals from `move` show the same page, answers kept, with the message as the notice; a refusal from
 *   `page` (NOT_PERMITTED, NOT_FOUND) replaces the dialog with a card saying so.
 * - Hidden values travel with each move; Teams sends them beside the answers, so a meta key must not be a
 *   field id, `verb` or `move`.
 */
import type { Reply, Scope } from './interaction.js'
import type { Block, Field, Tone } from './model.js'
import type { FormValues } from './submit.js'
import type { Verb } from './verbs.js'

/** One page of a dialog, ready to render. */
export type DialogPage = {
  /** The dialog's title, e.g. "Section 11 return: Northshire Police". */
  title: string
  /** Where the person is, e.g. "Section 3 of 9: Safer recruitment". */
  step: string
  /**
   * Slack's modal title, at most 24 characters (e.g. "Section 11 return"); when absent, the step's part
   * before a colon if that fits ("Section 3 of 9"), else "Learning Loop".
   */
  shortTitle?: string
  intro?: Block[]
  fields: Field[]
  values?: FormValues
  /** Messages next to fields, by field id. */
  errors?: Record<string, string>
  /** Shown above the fields, e.g. "Changed by Dana Price at 10:42; here is the latest." */
  notice?: { tone: Tone; text: string }
  /** Hidden values sent back with every move: ids, the page index, the version the person saw. */
  meta: Record<string, string>
  /** Which moves the page offers: Back on every page but the first, Next on all but the last. */
  canGoBack: boolean
  canGoNext: boolean
  /** On the last page, the label of the button that ends the dialog (e.g. "Submit for sign-off"). */
  finishLabel?: string
}

/** What a person pressed: the page's values are saved first in every case but `back` with nothing changed. */
export type DialogMove = 'back' | 'next' | 'close' | 'finish'

export type DialogOutcome =
  /** Show this page next (the next or previous one, or the same one with errors or a notice). */
  | { type: 'page'; page: DialogPage }
  /** The dialog is over: close it and answer with these replies (a card in the chat, a message). */
  | { type: 'done'; replies: Reply[] }

export type DialogDefinition = {
  kind: 'dialog'
  /** The verb that opens the dialog; moves are sent with the same verb and a `move` in meta. */
  verb: Verb
  /** Teams task module size (height and width); long forms default to 'large'. */
  size?: 'small' | 'medium' | 'large'
  /** Loads the page named in `scope.meta` (or where the person left off), through a service query that refuses a
   *  person who may not see it. The edge calls this first on every move to learn the page's fields. */
  page: (scope: Scope) => Promise<DialogPage>
  /**
   * Saves the page's values (as the person leaves it) and says what to show next. `page` is the page `page`
   * just loaded for this move (its fields, saved values and meta), so a definition need not load it again.
   */
  move: (scope: Scope & { values: FormValues; move: DialogMove; page: DialogPage }) => Promise<DialogOutcome>
}

/** A dialog's definition, marked as one for the registry and the edges. */
export const defineDialog = (def: Omit<DialogDefinition, 'kind'>): DialogDefinition => ({ kind: 'dialog', ...def })
