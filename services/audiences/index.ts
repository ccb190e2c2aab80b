/**
 * Audiences: who a mass message is for. One definition, used by learning products (issue 14) and meant for
 * surveys and any other notice to many people:
 *
 *   const audience = ZAudience.parse({ agencies: ['police'], roles: ['designated-safeguarding-lead'] })
 *   const members = await resolveAudience(db, partnershipId, audience)   // each person once, with agency and role
 *   const words = await describeAudience(db, partnershipId, audience)     // for cards: who it went to
 *   const options = await audienceChoices(db, partnershipId)              // select options for a form
 *
 * The queries check no permission: the use case that sends does. Members are the partnership's active people;
 * the broadcast engine (services/broadcast) delivers to them, one message each.
 */
export { type Audience, type AudienceMember, isEmptyAudience, ZAudience } from './audience.schema.js'
export { audienceChoices, describeAudience, resolveAudience } from './resolve-audience.js'
