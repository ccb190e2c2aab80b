/** Platform limits, as named constants, with the truncation the renderers apply. */
export const SLACK = {
  maxBlocks: 100,
  modalTitle: 24,
  modalButton: 24,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  privateMetadata: 3000,
  inputLabel: 2000,
  hint: 2000,
  optionText: 75,
  checkboxOptions: 10,
  selectOptions: 100,
  contextText: 3000,
  /** plain_text_input's max_length may be at most 3000; a larger value makes views.open fail. */
  inputMaxLength: 3000,
} as const

/** Teams rejects bot messages much above 40 KB with 413; cards are checked against this in tests. */
export const TEAMS_MAX_CARD_BYTES = 40 * 1024

export function clip(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`
}
