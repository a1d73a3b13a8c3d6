/**
 * The 18-character citizen ID number of GB 11643-1999 (as the server's Domain/IdNumber.cs reads it): a
 * 6-digit address code, the 8-digit birth date, a 3-digit sequence (odd for men, even for women) and a check
 * character over ISO 7064 MOD 11-2. The form checks it before sending; the server checks it again.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARACTERS = '10X98765432'

/** The canonical form: trimmed, with an upper-case X. */
export const normalizeIdNumber = (value: string | null | undefined) => (value ?? '').trim().toUpperCase()

/** The check character for the first 17 digits (R = Σ digit × weight mod 11 → "10X98765432"[R]). */
export function idCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARACTERS[sum % 11]
}

export interface IdNumberFacts {
  /** YYYY-MM-DD */
  birthDate: string
  /** GB/T 2261.1: '1' male, '2' female */
  gender: '1' | '2'
}

/** What a valid ID number says about its holder; null when it is not a valid GB 11643 number. */
export function parseIdNumber(value: string | null | undefined): IdNumberFacts | null {
  const id = normalizeIdNumber(value)
  if (!/^\d{17}[\dX]$/.test(id)) return null
  if (id[17] !== idCheckCharacter(id)) return null
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? '1' : '2',
  }
}

export const isValidIdNumber = (value: string | null | undefined) => parseIdNumber(value) !== null
