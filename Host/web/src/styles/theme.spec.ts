import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Read from disk: Vitest hands CSS imports (even ?raw) to its CSS pipeline, which empties them.
const css = readFileSync(fileURLToPath(import.meta.url).replace(/theme\.spec\.ts$/, 'theme.css'), 'utf8')

type Rgb = [number, number, number]

function declared(name: string): string {
  const match = new RegExp(`${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)
  if (!match) throw new Error(`${name} is not declared in theme.css`)
  return match[1].toLowerCase()
}

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb
const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`

/** Sass mix(other, color, tenths × 10 %), as Element Plus uses it for its light and dark shades. */
const mix = (other: number, color: Rgb, tenths: number): Rgb =>
  color.map((v) => Math.round((other * tenths + v * (10 - tenths)) / 10)) as Rgb

/** WCAG 2 contrast ratio. */
function contrast(a: string, b: string): number {
  const luminance = (h: string) => {
    const [r, g, bl] = rgb(h).map((v) => {
      const s = v / 255
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const primary = declared('--el-color-primary')
const white = '#ffffff'

describe('theme', () => {
  it('makes the party red the Element Plus primary colour', () => {
    expect(primary).toBe('#c8161d')
    expect(css).toContain(`--el-color-primary-rgb: ${rgb(primary).join(', ')};`)
  })

  it('derives the shades the way Element Plus does', () => {
    for (const n of [3, 5, 7, 8, 9]) expect(declared(`--el-color-primary-light-${n}`), `light-${n}`).toBe(hex(mix(255, rgb(primary), n)))
    expect(declared('--el-color-primary-dark-2')).toBe(hex(mix(0, rgb(primary), 2)))
    expect(declared('--rs-red-light-1')).toBe(hex(mix(255, rgb(primary), 1)))
  })

  it('keeps text on red and red text readable (WCAG AA, 4.5:1)', () => {
    const aa = 4.5
    expect(contrast(white, primary), 'button').toBeGreaterThanOrEqual(aa)
    expect(contrast(white, declared('--rs-red-light-1')), 'button hover').toBeGreaterThanOrEqual(aa)
    expect(contrast(white, declared('--el-color-primary-dark-2')), 'button pressed').toBeGreaterThanOrEqual(aa)
    expect(contrast(primary, declared('--el-color-primary-light-9')), 'active menu item, tag').toBeGreaterThanOrEqual(aa)
    expect(contrast(declared('--el-color-primary-dark-2'), white), 'link hover').toBeGreaterThanOrEqual(aa)
  })

  it('uses the readable shades for hover, link hover and focus rings', () => {
    expect(css).toMatch(/--el-button-hover-bg-color:\s*var\(--rs-red-light-1\)/)
    expect(css).toMatch(/--el-button-hover-link-text-color:\s*var\(--el-color-primary-dark-2\)/)
    expect(css).toMatch(/--el-button-outline-color:\s*var\(--el-color-primary\)/)
  })
})
