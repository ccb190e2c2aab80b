/**
 * A review's status in words, as the people following it see it: a rapid review still "gathering" once every
 * agency has replied says so, so nobody waits on information that has arrived.
 */
import { REVIEW_STATUSES, type ReviewStatus } from './review.schema.js'

/** The label for a review in `status` with `openAgencyRequests` agency information requests still unanswered. */
export function reviewStatusLabel(status: string, typeKey: string, openAgencyRequests: number): string {
  if (typeKey === 'rapid-review' && status === 'GATHERING' && openAgencyRequests === 0)
    return 'All agency information received: ready for the outcome'
  return REVIEW_STATUSES[status as ReviewStatus] ?? status
}
