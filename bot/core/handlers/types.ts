import type { FormValues } from '../../../cards/submit.js'
import type { Actor } from '../../../services/people/index.js'
import type { BotDeps, Reply } from '../types.js'

/** One action (button or form submit) handler: calls a use case and chooses the card to answer with. */
export type ActionHandler = (args: { deps: BotDeps; actor: Actor; meta: Record<string, string>; values: FormValues }) => Promise<Reply[]>
