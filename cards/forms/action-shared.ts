/** What the forms about one action share: the line that says which action it is. */
import type { Block } from '../model.js'
import { about } from './shared.js'

export type ActionRef = { id: string; reference: string; what: string }

export const actionIntro = (a: ActionRef): Block[] => about(`${a.reference}: ${a.what}`)
