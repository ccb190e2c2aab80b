/**
 * The evidence an action's owner gave, for the verifying chair: each link or file reference on a line of its
 * own, and a button for each web address that names where it goes (the host), so nothing hides its target.
 */
import type { Action, Block } from '../model.js'
import { text } from '../model.js'

const MAX_LINK_BUTTONS = 5

/** The host of an https address, or null for anything else (a file reference, a typo, another scheme). */
function webHost(link: string): string | null {
  try {
    const url = new URL(link)
    return url.protocol === 'https:' ? url.host : null
  } catch {
    return null
  }
}

/** "Evidence" with one line per link or file reference, then the buttons that open the web links. */
export function evidenceBlocks(links: string[]): Block[] {
  if (!links.length) return []
  const buttons = links
    .map((url): Action | null => {
      const host = webHost(url)
      return host ? { type: 'link', label: `Open evidence on ${host}`, url } : null
    })
    .filter((a): a is Action => a !== null)
    .slice(0, MAX_LINK_BUTTONS)
  return [
    text('Evidence (links or file references):'),
    ...links.map((link) => text(link, 'default', true)),
    ...(buttons.length ? [{ type: 'actions' as const, actions: buttons }] : []),
  ]
}
