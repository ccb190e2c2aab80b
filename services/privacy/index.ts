/** The privacy domain's public surface: the identifying-details check. */
import { loadLexicon } from './lexicon.js'

/** Loads the check's name and word lists now, so the first submit after a start does not wait for them. */
export function warmIdentifyingDetailsCheck(): void {
  loadLexicon()
}
