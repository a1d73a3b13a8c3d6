import { describe, expect, it } from 'vitest'
import { formatBytes, progressPercent } from './transfer'

describe('progressPercent', () => {
  it('is the whole percent of a known size, never over 100', () => {
    expect(progressPercent({ loaded: 0, total: 2048 })).toBe(0)
    expect(progressPercent({ loaded: 1023, total: 2048 })).toBe(49)
    expect(progressPercent({ loaded: 2048, total: 2048 })).toBe(100)
    expect(progressPercent({ loaded: 5000, total: 2048 })).toBe(100)
  })

  it('is null when the size is unknown or nothing has started', () => {
    expect(progressPercent({ loaded: 4096, total: null })).toBeNull()
    expect(progressPercent({ loaded: 0, total: 0 })).toBeNull()
    expect(progressPercent(null)).toBeNull()
  })
})

describe('formatBytes', () => {
  it('uses bytes below a kilobyte and one decimal above', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(24 * 1024 * 1024)).toBe('24.0 MB')
    expect(formatBytes(3.5 * 1024 ** 3)).toBe('3.5 GB')
  })
})
