/** Buttons that show an audit's summary, one return's standards, or one case of a case audit, fresh. */
import { cardReply, defineButton } from '../interaction.js'
import { auditSummaryCard, caseCard, returnCard } from '../messages/audit-cards.js'
import { VERBS } from '../verbs.js'

export const auditViewButton = defineButton({
  verb: VERBS.auditView,
  run: async ({ services, actor, meta }) => {
    const summary = await services.audits.getAuditSummary(actor, meta.auditId ?? '')
    return cardReply(auditSummaryCard(summary, services.audits.auditPageLinks(actor, summary.id)))
  },
})

export const auditViewReturnButton = defineButton({
  verb: VERBS.auditViewReturn,
  run: async ({ services, actor, meta }) =>
    cardReply(returnCard(await services.audits.getReturnView(actor, meta.returnId ?? ''))),
})

export const auditViewCaseButton = defineButton({
  verb: VERBS.auditViewCase,
  run: async ({ services, actor, meta }) =>
    cardReply(caseCard(await services.audits.getCaseView(actor, meta.caseId ?? ''))),
})
