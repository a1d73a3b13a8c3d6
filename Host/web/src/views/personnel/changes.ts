import type { PersonChange } from '@/api/types'

/**
 * One field of a timeline entry: its value before (null when there was none, as on recording; undefined when the
 * change did not record it, as the letter number of a transfer) and after.
 */
export interface FieldChange {
  field: string
  before: string | null | undefined
  after: string | null
}

export interface ChangeSummary {
  /** the change code: recorded, basics_updated, party_status … */
  kind: string
  fields: FieldChange[]
  /** encrypted fields the timeline only says changed (their values never go into it) */
  changedSecrets: ('idNumber' | 'phone')[]
  documentNumber: string | null
  /** the information set of an entry's change (record_added …): the fields are that set's */
  set: string | null
  /** the entry's period after the change, if it has one */
  period: { from: string | null; to: string | null } | null
  /** an entry's sensitive values changed (they never go into the timeline) */
  sensitiveChanged: boolean
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

/** Keys of `after` that are about the change rather than fields of the person (or of the entry). */
const META = new Set(['basics', 'documentNumber', 'idNumberChanged', 'phoneChanged', 'organizationName', 'set', 'recordId', 'values', 'from', 'to', 'sensitiveChanged'])

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value)

/**
 * Reads a timeline entry's before/after JSON into field changes, whatever the change: a recording lists what
 * was recorded, an edit only the fields whose value differs (basics_updated nests the new values under
 * `basics` and says whether the ID number or phone changed), a status change its status and document number,
 * an information-set entry's change the values of its set (nested under `values`, with the set and period).
 */
export function summarizeChange(change: PersonChange): ChangeSummary {
  const beforeRaw = parse(change.before)
  const afterRaw = parse(change.after) ?? {}
  const set = typeof afterRaw.set === 'string' && isObject(afterRaw.values) ? afterRaw.set : null
  const before = set && beforeRaw ? (isObject(beforeRaw.values) ? beforeRaw.values : {}) : beforeRaw
  const after = set ? (afterRaw.values as Json) : isObject(afterRaw.basics) ? afterRaw.basics : afterRaw
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter((k) => !META.has(k))
  const fields: FieldChange[] = []
  for (const field of keys) {
    // An entry's blank values are left out of its JSON: absent there means empty, elsewhere "not recorded".
    const b = !before ? null : field in before || set ? text(before[field]) : undefined
    const a = text(after[field])
    if (before && b === a) continue
    if (!before && a === null) continue
    fields.push({ field, before: b, after: a })
  }
  const changedSecrets: ChangeSummary['changedSecrets'] = []
  if (afterRaw.idNumberChanged === true) changedSecrets.push('idNumber')
  if (afterRaw.phoneChanged === true) changedSecrets.push('phone')
  const from = text(afterRaw.from)
  const to = text(afterRaw.to)
  return {
    kind: change.change,
    fields,
    changedSecrets,
    documentNumber: text(afterRaw.documentNumber),
    set,
    period: set && (from || to) ? { from, to } : null,
    sensitiveChanged: afterRaw.sensitiveChanged === true,
  }
}
