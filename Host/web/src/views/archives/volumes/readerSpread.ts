/**
 * Which pages the reader shows: one page on a phone, a two-page spread on a wide screen — the cover alone on the right like a
 * printed book's, then pages 2–3, 4–5 … (even on the left, odd on the right).
 */
export function spreadOf(page: number, total: number, wide: boolean): number[] {
  const p = Math.min(Math.max(1, Math.floor(page) || 1), Math.max(1, total))
  if (!wide || p === 1) return [p]
  const left = p % 2 === 0 ? p : p - 1
  return left + 1 <= total ? [left, left + 1] : [left]
}

/** The first page of the next spread, or null at the end. */
export function nextPage(page: number, total: number, wide: boolean): number | null {
  const shown = spreadOf(page, total, wide)
  const next = shown[shown.length - 1] + 1
  return next <= total ? next : null
}

/** The first page of the previous spread, or null at the cover. */
export function previousPage(page: number, total: number, wide: boolean): number | null {
  const first = spreadOf(page, total, wide)[0]
  if (first <= 1) return null
  return spreadOf(first - 1, total, wide)[0]
}
