/**
 * One typed definition per interaction. A form says what it shows (fields, how to load its data through a
 * service query, which holds the permission check) and what its submit does (the use case it calls and the
 * card it answers with); a button says what it runs. cards/registry.ts lists them all, and Teams routing,
 * Slack listeners, the playground and the tests are derived from that list.
 *
 * Definitions call services only through the `services` object they are handed (bound to a context by the
 * composition root), so cards/ never touches the database.
 */
import type { Services } from '../services/index.js'
import type { Actor } from '../services/people/people.schema.js'
import type { DialogDefinition } from './dialog.js'
import type { Block, Card, Field, Form } from './model.js'
import type { FormValues } from './submit.js'
import type { Verb } from './verbs.js'

export type Meta = Record<string, string>
export type Option = { value: string; label: string }

/** What the bot answers with. */
export type Reply =
  /** A card: Teams returns it in place of the card acted on (or posts it); Slack posts it or shows it in the modal. */
  | { type: 'card'; card: Card; ephemeral?: boolean }
  /** A form to open or show again with the person's answers, messages and warnings. */
  | { type: 'form'; form: Form; reason: 'open' | 'invalid' | 'confirm' }
  | { type: 'none' }

/** What an interaction is handed: the services, who is acting, and the hidden values of the button or form. */
export type Scope = { services: Services; actor: Actor; meta: Meta }

/** The parts of a form that depend on its data. */
type FormView = {
  /** Hidden values sent back with the submit (ids, the form token). */
  meta: Meta
  intro?: Block[]
  /** Choices of select fields, by field id. */
  options?: Record<string, Option[]>
  /** Answers to show already filled in. */
  values?: FormValues
  /**
   * The fields this copy shows, when they depend on the data (a survey's questions): each must be one of the
   * definition's `fields` (same id and kind), so a submit is still read with the static list.
   */
  fields?: Field[]
}

export type FormDefinition<Data = unknown> = {
  kind: 'form'
  verb: Verb
  title: string
  submitLabel: string
  /** The fields, the same for every copy of the form, so a submit's values are read before anything loads. */
  fields: readonly Field[]
  /** Loads what the form shows through a service query, which refuses a person who may not open it. */
  load: (scope: Scope) => Promise<Data>
  /** The form's data-dependent parts, from what `load` returned (or what a card already has at hand). */
  view: (data: Data) => FormView
  /** Calls the use case and chooses what to answer with. */
  submit: (scope: Scope & { values: FormValues }) => Promise<Reply[]>
  /** A refusal answered with a card of its own instead of the plain message (e.g. the screening card). */
  onRefused?: (scope: Scope, message: string) => Promise<Reply | null>
}

export type ButtonDefinition = {
  kind: 'button'
  verb: Verb
  /** Calls the use case or query and chooses what to answer with. */
  run: (scope: Scope) => Promise<Reply[]>
  onRefused?: (scope: Scope, message: string) => Promise<Reply | null>
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds forms of every data type
export type AnyForm = FormDefinition<any>
/** A form, a button or a dialog (a long form a page at a time, cards/dialog.ts). */
export type Interaction = AnyForm | ButtonDefinition | DialogDefinition

export const defineForm = <Data>(def: Omit<FormDefinition<Data>, 'kind'>): FormDefinition<Data> => ({
  kind: 'form',
  ...def,
})
export const defineButton = (def: Omit<ButtonDefinition, 'kind'>): ButtonDefinition => ({ kind: 'button', ...def })

/** The form of a definition for the given data: used when it opens, and by cards that embed it inline. */
export function formOf<Data>(def: FormDefinition<Data>, data: Data): Form {
  const view = def.view(data)
  return {
    id: def.verb,
    title: def.title,
    submitLabel: def.submitLabel,
    intro: view.intro,
    fields: (view.fields ?? def.fields).map((f) => (view.options?.[f.id] ? { ...f, options: view.options[f.id] } : f)),
    meta: view.meta,
    ...(view.values ? { values: view.values } : {}),
  }
}

/** A one-card reply. */
export const cardReply = (card: Card, ephemeral?: boolean): Reply[] => [
  { type: 'card', card, ...(ephemeral ? { ephemeral } : {}) },
]
