/** Walks a card or a list of blocks (any JSON) and collects what `pick` finds in each object. */
export function collect(
  root: unknown,
  pick: (node: Record<string, any>) => string[],
  skipKeys: string[] = [],
): string[] {
  const out: string[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(walk)
    const record = node as Record<string, any>
    out.push(...pick(record))
    for (const [key, value] of Object.entries(record))
      if (!skipKeys.includes(key) && typeof value === 'object') walk(value)
  }
  walk(root)
  return out
}
