/**
 * The neutral card and form model. Every message and form is defined once here and rendered to an
 * Adaptive Card 1.5 (cards/render/adaptive.ts) and to Slack Block Kit (cards/render/blockkit.ts).
 */

import type { Verb } from './verbs.js'

export type Tone = 'default' | 'good' | 'attention' | 'warning' | 'accent'
/** An answer as read from a platform: a number field's is a number (or the text typed, if it is not one). */
export type FieldValue = string | number | string[] | boolean

export type Field = {
  id: string
  label: string
  kind: 'text' | 'textarea' | 'date' | 'select' | 'multiselect' | 'checkbox' | 'number'
  required?: boolean
  help?: string
  placeholder?: string
  maxLength?: number
  options?: { value: string; label: string }[]
  /** A single choice shown as radio buttons rather than a drop-down (a rating scale). */
  expanded?: boolean
  /** A number field's least and greatest allowed values (Teams and Slack enforce them as the person types). */
  min?: number
  max?: number
  /** A number field takes decimals (Slack's number input takes whole numbers unless told). */
  decimal?: boolean
}

/** A small form opened from a button (Teams: an inline show-card; Slack: a modal). */
type FormAction = {
  type: 'form'
  label: string
  form: Form
  style?: 'positive' | 'destructive'
}

export type Action =
  /** A button that runs its verb at once (e.g. accept an action). */
  | { type: 'submit'; verb: Verb; label: string; data: Record<string, string>; style?: 'positive' | 'destructive' }
  /** A button that opens the form of its verb, loaded fresh (Teams: the card becomes the form; Slack: a modal). */
  | { type: 'open'; verb: Verb; label: string; data: Record<string, string>; style?: 'positive' | 'destructive' }
  | FormAction
  /**
   * A button that opens the dialog of its verb (cards/dialog.ts) at the page its data names, or where the
   * person left off. Teams: an Action.Submit that asks for a task module (`task/fetch`); Slack: a modal.
   */
  | { type: 'dialog'; verb: Verb; label: string; data: Record<string, string>; style?: 'positive' | 'destructive' }
  | { type: 'link'; label: string; url: string }

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string; tone?: Tone; subtle?: boolean }
  | { type: 'facts'; facts: { label: string; value: string }[] }
  | { type: 'divider' }
  | { type: 'actions'; actions: Action[] }

export type Card = {
  title: string
  blocks: Block[]
  /** Teams: ask these users' clients to fetch their own view of the card (Universal Actions refresh). */
  refresh?: { verb: Verb; data: Record<string, string>; userIds: string[] }
}

export type Form = {
  /** The action verb (Teams) and callback id (Slack) of the submit. */
  id: Verb
  title: string
  submitLabel: string
  intro?: Block[]
  fields: Field[]
  /** Hidden values sent back with the submit (e.g. the form token, a referral id). */
  meta: Record<string, string>
  values?: Record<string, FieldValue | undefined>
  errors?: Record<string, string>
  /** Shown above the fields, e.g. a warning about identifying details. */
  notice?: { tone: Tone; text: string }
}

export const text = (t: string, tone?: Tone, subtle?: boolean): Block => ({
  type: 'text',
  text: t,
  ...(tone ? { tone } : {}),
  ...(subtle ? { subtle } : {}),
})
export const facts = (pairs: [string, string | null | undefined][]): Block => ({
  type: 'facts',
  facts: pairs.filter((p): p is [string, string] => Boolean(p[1])).map(([label, value]) => ({ label, value })),
})
