import { describe, expect, it } from 'vitest'
import { nextPage, previousPage, spreadOf } from './readerSpread'

describe('the volume reader’s spreads', () => {
  it('shows one page at a time on a phone', () => {
    expect(spreadOf(4, 9, false)).toEqual([4])
    expect(nextPage(4, 9, false)).toBe(5)
    expect(previousPage(4, 9, false)).toBe(3)
    expect(previousPage(1, 9, false)).toBeNull()
    expect(nextPage(9, 9, false)).toBeNull()
  })

  it('shows the cover alone and then even and odd pages side by side on a wide screen', () => {
    expect(spreadOf(1, 9, true)).toEqual([1])
    expect(spreadOf(2, 9, true)).toEqual([2, 3])
    expect(spreadOf(3, 9, true)).toEqual([2, 3])
    expect(nextPage(1, 9, true)).toBe(2)
    expect(nextPage(3, 9, true)).toBe(4)
    expect(previousPage(5, 9, true)).toBe(2)
    expect(previousPage(2, 9, true)).toBe(1)
  })

  it('ends on a single page when the last one has no partner, and keeps pages within the book', () => {
    expect(spreadOf(8, 8, true)).toEqual([8])
    expect(nextPage(8, 8, true)).toBeNull()
    expect(spreadOf(99, 9, true)).toEqual([8, 9])
    expect(spreadOf(0, 9, false)).toEqual([1])
  })
})
