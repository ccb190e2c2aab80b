/** The audits domain's public surface: `auditService` for bot/ and web/, plus schemas, seeding and the nudges. */
import { auditPageLinks, readAuditPage } from './audit-page-link.js'
import {
  getAuditByReference,
  getAuditSummary,
  getCaseForDiscussion,
  getCaseSelection,
  getCaseView,
  getChallengeForResponse,
  getCopyToolForm,
  getFindingForActions,
  getPlanForm,
  getReturnForSignOff,
  getReturnView,
  getStandardForModeration,
  listAudits,
  listMyAudits,
  listTools,
} from './audit.queries.js'
import { agreeGrade, recordDiscussion, selectCase } from './case-audit.js'
import { copyTool } from './copy-tool.js'
import { createFindingActions } from './create-finding-actions.js'
import { agreeFinalRating, finishModeration, moderateStandard, respondToChallenge } from './moderation.js'
import { openAudit } from './open-audit.js'
import { planAudit } from './plan-audit.js'
import { reopenReturn } from './reopen-return.js'
import { getReturnPage } from './return-page.queries.js'
import { saveSection } from './save-section.js'
import { signOffReturn } from './sign-off-return.js'
import { submitReturn } from './submit-return.js'

export { seedAuditTools } from './seed-audit-tools.js'

/** Every audit use case `(ctx, actor, raw)` and query `(ctx, actor, ...ids)`; services/index.ts binds them. */
export const auditService = {
  planAudit,
  openAudit,
  copyTool,
  saveSection,
  submitReturn,
  signOffReturn,
  reopenReturn,
  moderateStandard,
  finishModeration,
  respondToChallenge,
  agreeFinalRating,
  selectCase,
  agreeGrade,
  recordDiscussion,
  createFindingActions,
  listAudits,
  listMyAudits,
  listTools,
  getAuditSummary,
  getAuditByReference,
  getReturnView,
  getReturnPage,
  getStandardForModeration,
  getChallengeForResponse,
  getReturnForSignOff,
  getCaseView,
  getCaseForDiscussion,
  getCaseSelection,
  getPlanForm,
  getCopyToolForm,
  getFindingForActions,
  auditPageLinks,
  readAuditPage,
}

export * from './audit.schema.js'
