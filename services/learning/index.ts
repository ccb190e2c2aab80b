/**
 * Learning products and national learning (issue 14): write a 7-minute briefing (or a learning brief, a
 * newsletter item, practice guidance) from a review's findings, an audit or national learning; the learning
 * chair approves it; it is sent to an audience through the broadcast engine; people read it, managers brief
 * their teams, and its reach is measured. `learningService` is what the bot and the web pages are given.
 */
import { approveProduct } from './approve-product.js'
import { cancelSend } from './cancel-send.js'
import { createProduct } from './create-product.js'
import {
  getBriefingForm,
  getCreateProductChoices,
  getNationalLearningChoices,
  getProductView,
  getReach,
  getSendChoices,
  listLinkableActions,
  listNationalLearning,
  listProducts,
  reachForLink,
  reachLink,
} from './learning.queries.js'
import { linkNationalLearning } from './link-national-learning.js'
import { markRead } from './mark-read.js'
import { recordBriefing } from './record-briefing.js'
import { recordNationalLearning } from './record-national-learning.js'
import { recordReadReceipt } from './record-read-receipt.js'
import { sendProduct } from './send-product.js'

export type { NationalLearningLine, ProductLine } from './learning.queries.js'
export { learningProductSubject } from './product-subject.js'
export { collectReadingReminders } from './reminders.js'

/** Every learning use case and query, each `(ctx, actor, …)` except `reachForLink` (a signed link); services/index.ts binds them. */
export const learningService = {
  createProduct,
  approveProduct,
  sendProduct,
  cancelSend,
  markRead,
  recordReadReceipt,
  recordBriefing,
  recordNationalLearning,
  linkNationalLearning,
  getProductView,
  listProducts,
  getCreateProductChoices,
  getSendChoices,
  getBriefingForm,
  getReach,
  reachLink,
  reachForLink,
  listNationalLearning,
  getNationalLearningChoices,
  listLinkableActions,
}
