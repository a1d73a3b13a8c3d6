import { reactive } from 'vue'
import { isApiError } from '@/api/http'

/** Normalises a server field name ("NewPassword", "body.newPassword", "$.newPassword") to camelCase. */
export function normalizeField(name: string): string {
  const last = name.split('.').pop() ?? name
  const bare = last.replace(/^\$/, '').replace(/\[\d+\]$/, '')
  return bare.charAt(0).toLowerCase() + bare.slice(1)
}

/**
 * Maps a 400 problem's `errors` onto form fields.
 * Returns the messages that matched no known field (to be shown elsewhere).
 */
export function mapFieldErrors(
  errors: Record<string, string[]> | undefined,
  fields: readonly string[],
): { byField: Record<string, string>; unmatched: string[] } {
  const byField: Record<string, string> = {}
  const unmatched: string[] = []
  if (!errors) return { byField, unmatched }
  for (const [rawName, messages] of Object.entries(errors)) {
    const text = (Array.isArray(messages) ? messages : [String(messages)]).filter(Boolean).join(' ')
    const name = normalizeField(rawName)
    if (fields.includes(name)) byField[name] = byField[name] ? `${byField[name]} ${text}` : text
    else if (text) unmatched.push(text)
  }
  return { byField, unmatched }
}

/**
 * Reactive per-field server errors for an el-form: bind `:error="serverErrors.fields.x"`
 * on each el-form-item. `apply` returns true when the error was a field-validation problem
 * whose every message landed under a field (so no extra toast is needed).
 */
export function useServerErrors<F extends string>(fieldNames: readonly F[]) {
  const fields = reactive<Record<string, string>>(Object.fromEntries(fieldNames.map((f) => [f, ''])))

  function clear(): void {
    for (const f of fieldNames) fields[f] = ''
  }

  function apply(error: unknown): boolean {
    clear()
    if (!isApiError(error) || error.status !== 400 || !error.errors) return false
    const { byField, unmatched } = mapFieldErrors(error.errors, fieldNames)
    for (const [f, text] of Object.entries(byField)) fields[f] = text
    return unmatched.length === 0 && Object.keys(byField).length > 0
  }

  return { fields: fields as Record<F, string>, clear, apply }
}
