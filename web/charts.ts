/**
 * Charts, drawn on the server as SVG from one Vega-Lite definition per kind, so the tab, the yearly report and
 * the training results page draw them one way. Each chart carries its text alternative (the SVG's aria-label);
 * the page puts the same figures in a table beside it. Drawing one takes tens of milliseconds,
 * so charts are kept by their definition: the same figures are drawn once.
 */
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

/** One point of a trend: a quarter's label and its figure (null: nothing to measure). */
export type TrendPoint = { quarter: string; value: number | null; n: number }

const CACHE_LIMIT = 500
const drawn = new Map<string, Promise<string>>()

async function draw(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

/** The SVG of a Vega-Lite definition, drawn once per distinct definition (the oldest forgotten past 500). */
function svgOf(spec: TopLevelSpec): Promise<string> {
  const key = JSON.stringify(spec)
  const known = drawn.get(key)
  if (known) {
    drawn.delete(key)
    drawn.set(key, known)
    return known
  }
  const svg = draw(spec)
  drawn.set(key, svg)
  svg.catch(() => drawn.delete(key))
  while (drawn.size > CACHE_LIMIT) drawn.delete(drawn.keys().next().value as string)
  return svg
}

/** The words a screen reader hears for a trend: each quarter's figure. */
export function describeTrend(label: string, unit: 'count' | 'share' | 'points', points: TrendPoint[]): string {
  const figures = points.map((p) =>
    p.value === null ? `${p.quarter}: nothing to measure` : `${p.quarter}: ${p.value}${unit === 'share' ? '%' : ''}`,
  )
  return `${label}. ${figures.join('; ')}.`
}

/**
 * A quarterly trend as bars: a count per quarter, or a share per quarter on a 0 to 100% scale. A quarter with
 * nothing to measure has no bar (and the table says so), rather than a bar at zero or a line across it.
 */
function trendSpec(label: string, unit: 'count' | 'share' | 'points', points: TrendPoint[]): TopLevelSpec {
  const values = points.filter((p) => p.value !== null).map((p) => ({ quarter: p.quarter, value: p.value }))
  const y =
    unit === 'share'
      ? { scale: { domain: [0, 100] }, axis: { labelExpr: "datum.value + '%'", tickCount: 5 } }
      : { axis: { format: 'd', tickMinStep: 1 } }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: describeTrend(label, unit, points),
    width: 320,
    height: 140,
    config: { view: { stroke: null }, axis: { labelFontSize: 11 }, background: 'transparent' },
    data: { values },
    mark: { type: 'bar', color: '#5b5fc7' },
    encoding: {
      x: {
        field: 'quarter',
        type: 'ordinal',
        sort: null,
        title: null,
        axis: { labelAngle: 0 },
        scale: { domain: points.map((p) => p.quarter) },
      },
      y: { field: 'value', type: 'quantitative', title: null, ...y },
    },
  }
}

/** The SVG of a Vega-Lite definition, marked as an image with `label` as what a screen reader hears. */
export async function labelledSvg(spec: TopLevelSpec, label: string): Promise<string> {
  const svg = await svgOf(spec)
  const alt = label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  return svg.replace('<svg ', `<svg role="img" aria-label="${alt}" focusable="false" `)
}

/** The SVG of a quarterly trend, labelled for screen readers. */
export function trendSvg(label: string, unit: 'count' | 'share' | 'points', points: TrendPoint[]) {
  return labelledSvg(trendSpec(label, unit, points), describeTrend(label, unit, points))
}
