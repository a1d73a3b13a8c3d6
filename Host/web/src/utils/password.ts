/** Client-side mirror of the server's password rule: ≥12 characters and ≥3 of 4 character classes. */
export const PASSWORD_MIN_LENGTH = 12

export function characterClasses(password: string): number {
  let n = 0
  if (/[A-Z]/.test(password)) n++
  if (/[a-z]/.test(password)) n++
  if (/[0-9]/.test(password)) n++
  if (/[^A-Za-z0-9]/.test(password)) n++
  return n
}

export type PasswordProblem = 'tooShort' | 'notComplex' | null

export function checkPassword(password: string): PasswordProblem {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort'
  if (characterClasses(password) < 3) return 'notComplex'
  return null
}
