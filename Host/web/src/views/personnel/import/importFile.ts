import { isApiError } from '@/api/http'
import type { ImportRowError } from '@/api/types'

/** The server's limits on an uploaded people sheet (ImportFile.MaxBytes, ImportFile.MaxRows). */
export const MAX_IMPORT_MB = 24
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024
export const MAX_IMPORT_ROWS = 100_000

export type FileProblem = 'extension' | 'empty' | 'tooLarge'

/**
 * What is wrong with a chosen file before it is sent: not .xlsx by its name, empty, or over the size limit.
 * The server checks the content itself (a renamed file is refused there); this spares the user a useless upload.
 */
export function checkImportFile(file: { name: string; size: number }): FileProblem | null {
  if (!/\.xlsx$/i.test(file.name.trim())) return 'extension'
  if (file.size === 0) return 'empty'
  if (file.size > MAX_IMPORT_BYTES) return 'tooLarge'
  return null
}

type Translate = (key: string, named?: Record<string, unknown>) => string

/**
 * The lines to show for a failed upload, commit or roll-back: the server's message (already in the user's
 * language), then each field message of a validation problem; a 413 without a body (a proxy's) as the size
 * limit; a lost connection and anything else in general terms.
 */
export function problemLines(error: unknown, t: Translate): string[] {
  if (!isApiError(error)) return [t('error.generic')]
  if (error.isNetworkError) return [t('error.network')]
  if (error.status === 413 && !error.detail) return [t('peopleImport.upload.tooLarge', { max: MAX_IMPORT_MB })]
  const lines = [error.detail || error.title || t('error.generic')]
  for (const messages of Object.values(error.errors ?? {}))
    for (const message of Array.isArray(messages) ? messages : [String(messages)])
      if (message && !lines.includes(message)) lines.push(message)
  return lines
}

/** How many rows of the file have at least one error (a row can have several). */
export function rowsWithErrors(errors: readonly ImportRowError[]): number {
  return new Set(errors.map((e) => e.row)).size
}

/** The errors in the order of the file: by row, then as the server listed them within a row. */
export function byRow(errors: readonly ImportRowError[]): ImportRowError[] {
  return errors.map((e, i) => ({ e, i })).sort((a, b) => a.e.row - b.e.row || a.i - b.i).map(({ e }) => e)
}
