/** Moved to rapid-review/start-rapid-review.ts; re-exported here until services/referrals imports it from there. */
export { startRapidReview, type RapidReviewStart } from './rapid-review/start-rapid-review.js'
