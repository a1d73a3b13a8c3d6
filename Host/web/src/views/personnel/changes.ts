import type { PersonChange } from '@/api/types'

/** One field of a timeline entry: its value before (null when there was none, as on recording) and after. */
export interface FieldChange {
  field: string
  before: string | null
  after: string | null
}

export interface ChangeSummary {
  /** the change code: recorded, basics_updated, party_status … */
  kind: string
  fields: FieldChange[]
  /** encrypted fields the timeline only says changed (their values never go into it) */
  changedSecrets: ('idNumber' | 'phone')[]
  documentNumber: string | null
}

type Json = Record<string, unknown>

function parse(text: string | null): Json | null {
  if (!text) return null
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null
  } catch {
    return null
  }
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** Keys of `after` that are about the change rather than fields of the person. */
const META = new Set(['basics', 'documentNumber', 'idNumberChanged', 'phoneChanged'])

/**
 * Reads a timeline entry's before/after JSON into field changes, whatever the change: a recording lists what
 * was recorded, an edit only the fields whose value differs (basics_updated nests the new values under
 * `basics` and says whether the ID number or phone changed), a status change its status and document number.
 */
export function summarizeChange(change: PersonChange): ChangeSummary {
  const before = parse(change.before)
  const afterRaw = parse(change.after) ?? {}
  const after = afterRaw.basics && typeof afterRaw.basics === 'object' ? (afterRaw.basics as Json) : afterRaw
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter((k) => !META.has(k))
  const fields: FieldChange[] = []
  for (const field of keys) {
    const b = before ? text(before[field]) : null
    const a = text(after[field])
    if (before && b === a) continue
    if (!before && a === null) continue
    fields.push({ field, before: b, after: a })
  }
  const changedSecrets: ChangeSummary['changedSecrets'] = []
  if (afterRaw.idNumberChanged === true) changedSecrets.push('idNumber')
  if (afterRaw.phoneChanged === true) changedSecrets.push('phone')
  return { kind: change.change, fields, changedSecrets, documentNumber: text(afterRaw.documentNumber) }
}
