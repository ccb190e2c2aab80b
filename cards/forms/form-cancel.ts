/**
 * The Cancel button of a form shown as a whole card in Teams (after a command or an `open` button): the form
 * becomes a short "Cancelled" card, or the list it was opened from again, and nothing is saved. Slack's modals
 * close with their own Close button.
 */
import { cancelledCard } from '../messages/general.js'
import { cardReply, defineButton } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { actionAnswer } from './action-shared.js'

export const formCancelButton = defineButton({
  verb: VERBS.formCancel,
  run: async (scope) =>
    scope.meta.list ? actionAnswer(scope, 'Cancelled', 'Nothing was saved.') : cardReply(cancelledCard()),
})
