import type { LedgerCell } from '@/api/workflow/dues'

/** Yuan with two decimals, as on a receipt ('—' for nothing). */
export const yuan = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2))

/** The first day of a month as the API takes it: 2026-03-01. */
export const monthIso = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`

/** 2026-03-01 → 2026-03 */
export const monthLabel = (iso: string) => iso.slice(0, 7)

/**
 * A cell may be chosen for payment when something is owed (due, arrears, partly paid), or when it lies ahead of the
 * current month (prepayment: the server generates the month as it is paid).
 */
export const payable = (cell: LedgerCell, currentMonth: string) =>
  cell.status === 'due' || cell.status === 'arrears' || cell.status === 'partial' || (cell.status === 'none' && cell.month > currentMonth)

/** What is still owed for a month (0 when paid up or nothing due). */
export const outstanding = (cell: LedgerCell) => Math.max(0, Math.round(((cell.due ?? 0) - (cell.paid ?? 0)) * 100) / 100)

/** A member's month chosen in the ledger for payment. */
export interface SelectedMonth {
  personId: string
  name: string
  month: string
  outstanding: number
}
