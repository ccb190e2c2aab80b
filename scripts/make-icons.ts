/**
 * Draws the Teams app icons (a looped arrow, "Learning Loop") and writes them as PNG files using only
 * node:zlib: manifest/teams/color.png (192x192, white loop on teal) and manifest/teams/outline.png
 * (32x32, white loop on transparent, as Teams requires). Run once after changing the design:
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'

export type Rgba = readonly [r: number, g: number, b: number, a: number]

/** Teal background of the colour icon; also the manifests' accent colour. */
export const TEAL = '#0F766E'
const TEAL_RGBA: Rgba = [0x0f, 0x76, 0x6e, 255]
const WHITE: Rgba = [255, 255, 255, 255]
const TRANSPARENT: Rgba = [0, 0, 0, 0]

// ------------------------------------------------------------------ PNG encoding

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** Encodes 8-bit RGBA pixels (row by row, 4 bytes a pixel) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4)
    throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`)
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type: truecolour with alpha
  ihdr[10] = 0 // compression: deflate
  ihdr[11] = 0 // filter method 0
  ihdr[12] = 0 // no interlace
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0 // filter type None for every row
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1)
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// ------------------------------------------------------------------ the loop motif

/**
 * The motif in unit coordinates (0..1 both ways, y down): a thick ring that runs clockwise from the
 * one o'clock position round to twelve o'clock and ends in an arrowhead pointing into the gap.
 */
function inLoop(x: number, y: number, scale: number): boolean {
  const outer = 0.36 * scale
  const thickness = 0.13 * scale
  const mid = outer - thickness / 2
  // The arrowhead reaches higher than the ring reaches low: move the ring down to centre the whole motif.
  const cx = 0.5
  const cy = 0.5 + 0.042 * scale
  const dx = x - cx
  const dy = y - cy
  const r = Math.hypot(dx, dy)
  // Angle clockwise from twelve o'clock, 0..2π.
  let a = Math.atan2(dx, -dy)
  if (a < 0) a += 2 * Math.PI
  const gap = (55 * Math.PI) / 180
  if (a >= gap && r >= outer - thickness && r <= outer) return true
  // Round cap where the ring starts, after the gap.
  const capX = cx + mid * Math.sin(gap)
  const capY = cy - mid * Math.cos(gap)
  if (Math.hypot(x - capX, y - capY) <= thickness / 2) return true
  // Arrowhead at twelve o'clock, pointing clockwise (to the right).
  const baseX = cx
  const baseY = cy - mid
  const half = thickness * 1.15
  const tipX = baseX + thickness * 1.35
  return inTriangle(x, y, [baseX, baseY - half], [baseX, baseY + half], [tipX, baseY])
}

function inTriangle(x: number, y: number, p1: [number, number], p2: [number, number], p3: [number, number]): boolean {
  const side = (a: [number, number], b: [number, number]) => (x - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (y - b[1])
  const d1 = side(p1, p2)
  const d2 = side(p2, p3)
  const d3 = side(p3, p1)
  const hasNeg = d1 < 0 || d2 < 0 || d3 < 0
  const hasPos = d1 > 0 || d2 > 0 || d3 > 0
  return !(hasNeg && hasPos)
}

/**
 * Renders the loop at `size` pixels with 8x8 supersampling: the loop's coverage of each pixel blends
 * `fg` over `bg` (colour icon) or becomes the alpha of a white pixel (outline icon).
 */
export function drawLoop(size: number, options: { bg: Rgba; fg: Rgba; scale?: number }): Uint8Array {
  const samples = 8
  const out = new Uint8Array(size * size * 4)
  const scale = options.scale ?? 1
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (inLoop((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, scale)) hits++
        }
      }
      const coverage = hits / (samples * samples)
      const i = (py * size + px) * 4
      if (options.bg[3] === 0) {
        // Outline icon: pure white, with the coverage as alpha, so it is white or transparent only.
        const alpha = Math.round(coverage * options.fg[3])
        out.set(alpha === 0 ? TRANSPARENT : [options.fg[0], options.fg[1], options.fg[2], alpha], i)
      } else {
        for (let c = 0; c < 3; c++) out[i + c] = Math.round(options.bg[c]! * (1 - coverage) + options.fg[c]! * coverage)
        out[i + 3] = 255
      }
    }
  }
  return out
}

export function makeIcons(dir: string): { color: string; outline: string } {
  mkdirSync(dir, { recursive: true })
  const color = path.join(dir, 'color.png')
  const outline = path.join(dir, 'outline.png')
  // The colour icon keeps the motif inside Teams' safe area; the outline icon uses the whole 32 px.
  writeFileSync(color, encodePng(192, 192, drawLoop(192, { bg: TEAL_RGBA, fg: WHITE, scale: 0.72 })))
  writeFileSync(outline, encodePng(32, 32, drawLoop(32, { bg: TRANSPARENT, fg: WHITE, scale: 1.1 })))
  return { color, outline }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isMain) {
  const dir = fileURLToPath(new URL('../manifest/teams/', import.meta.url))
  const written = makeIcons(dir)
  console.log(
    `Wrote ${path.relative(process.cwd(), written.color)} (192x192) and ${path.relative(process.cwd(), written.outline)} (32x32)`,
  )
}
