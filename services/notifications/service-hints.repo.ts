/** Where each platform's service is, for reaching someone the app has never heard from (the outbox and broadcasts). */
import type { Db } from '../../lib/db.js'
import type { PersonTarget } from './notification.schema.js'

/**
 * For each platform the person has no address on, the newest address anyone in the partnership has there
 * (a person's 1:1 chat, else a partnership channel): a notifier learns from it where the platform's service
 * is, to open a conversation with someone it never heard from.
 */
export async function findServiceHints(
  db: Db,
  partnershipId: string,
  platforms: string[],
): Promise<PersonTarget['serviceHints']> {
  const hints: PersonTarget['serviceHints'] = {}
  for (const platform of platforms) {
    if (platform !== 'teams' && platform !== 'slack') continue
    const person = await db.channelAddress.findFirst({
      where: { platform, person: { partnershipId } },
      orderBy: { updatedAt: 'desc' },
      select: { address: true },
    })
    const channel = person
      ? null
      : await db.partnershipChannel.findFirst({
          where: { partnershipId, platform },
          orderBy: { updatedAt: 'desc' },
          select: { address: true },
        })
    const address = person?.address ?? channel?.address
    if (address) hints[platform] = address
  }
  return hints
}
