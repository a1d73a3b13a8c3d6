/**
 * The information-set form's logic, driven by the server's definition of the set (GET information-sets): the form
 * model an entry starts from, what is sent back, and how a stored value reads. Pure, so that it can be tested
 * without a browser.
 */
import type {
  CodeOption,
  InformationSetCatalog,
  InformationSetDefinition,
  PersonRecord,
  RecordValues,
  SetFieldDefinition,
} from '@/api/types'

/**
 * The form's model: the entry's period (`validFrom`, `validTo`, YYYY-MM-DD or '') beside one key per field —
 * text (or a code, a date, an organisation id) as a string, a year as a number or null. Flat, so that a server
 * error keyed `{set}.{field}` lands on the form item whose prop is the field's name.
 */
export type RecordFormModel = Record<string, string | number | null>

/** The keys of the period; no set names a field like them. */
export const PERIOD_FIELDS = ['validFrom', 'validTo'] as const

/** Which dates an entry of the set has: a period (from–to), a single date (a reward's, a request's), or none (a family member). */
export function datesOf(set: InformationSetDefinition): { from: boolean; to: boolean } {
  return { from: set.hasPeriod || set.fromRequired, to: set.hasPeriod }
}

/** The names of the form's items the server's field errors may name (`set` is shown above the form). */
export function formFields(set: InformationSetDefinition): string[] {
  return [...PERIOD_FIELDS, ...set.fields.map((f) => f.name)]
}

const blankOf = (field: SetFieldDefinition) => (field.kind === 'year' ? null : '')

/** An empty entry of the set. */
export function emptyModel(set: InformationSetDefinition): RecordFormModel {
  const model: RecordFormModel = { validFrom: '', validTo: '' }
  for (const field of set.fields) model[field.name] = blankOf(field)
  return model
}

/**
 * An existing entry in the form. A masked sensitive value is never put in the form (it is not the value: saving
 * it would overwrite the real one): the field starts empty, and empty means "keep what is stored".
 */
export function modelFromRecord(set: InformationSetDefinition, record: PersonRecord): RecordFormModel {
  const model = emptyModel(set)
  model.validFrom = record.validFrom ?? ''
  model.validTo = record.validTo ?? ''
  for (const field of set.fields) {
    const value = record.values[field.name]
    if (value === undefined || (field.sensitive && record.masked)) continue
    model[field.name] = field.kind === 'year' ? toYear(value) : value
  }
  return model
}

function toYear(value: string | number | null): number | null {
  if (value === null || value === '') return null
  const year = Number(value)
  return Number.isInteger(year) ? year : null
}

/** A form value as sent: trimmed text, a year as a number; null when blank. */
function sendable(field: SetFieldDefinition, value: string | number | null | undefined): string | number | null {
  if (value === null || value === undefined) return null
  if (field.kind === 'year') return toYear(value)
  const text = String(value).trim()
  return text === '' ? null : text
}

/**
 * The values to send. Blank fields are left out (the server treats them as empty). On an update (`initial` is the
 * model the form started from) a sensitive field goes only when the user changed it: one left out keeps its stored
 * value, so a masked value the form never held cannot overwrite it — and clearing an unmasked one does send the change.
 */
export function valuesToSend(set: InformationSetDefinition, model: RecordFormModel, initial?: RecordFormModel): RecordValues {
  const values: RecordValues = {}
  for (const field of set.fields) {
    const value = sendable(field, model[field.name])
    if (field.sensitive && initial) {
      if (value === sendable(field, initial[field.name])) continue
      // changed to blank: sent empty, which clears it (a masked field started blank, so it cannot get here)
      values[field.name] = value ?? ''
      continue
    }
    if (value !== null) values[field.name] = value
  }
  return values
}

/** The sensitive fields an update would change (for tests and for the form's hint). */
export function changedSensitive(set: InformationSetDefinition, model: RecordFormModel, initial: RecordFormModel): string[] {
  const sent = valuesToSend(set, model, initial)
  return set.fields.filter((f) => f.sensitive && f.name in sent).map((f) => f.name)
}

/** The period to send: dates the set does not have are null. */
export function periodToSend(set: InformationSetDefinition, model: RecordFormModel): { validFrom: string | null; validTo: string | null } {
  const dates = datesOf(set)
  const date = (value: string | number | null | undefined) => (typeof value === 'string' && value !== '' ? value : null)
  return { validFrom: dates.from ? date(model.validFrom) : null, validTo: dates.to ? date(model.validTo) : null }
}

/** Whether the form insists on a field: a required one, unless it is sensitive and kept as stored (left empty on an edit of a masked entry). */
export function requiredInForm(field: SetFieldDefinition, editingMasked: boolean): boolean {
  return field.required && !(field.sensitive && editingMasked)
}

/** The label of a code, or the code itself when the table does not know it (e.g. a code retired since). */
export function codeLabel(codes: Readonly<Record<string, readonly CodeOption[]>>, table: string | null, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  if (!table) return value
  return codes[table]?.find((c) => c.value === value)?.label ?? value
}

/** A stored value as a person reads it: a code's label, a mass organisation's name, else the text itself. */
export function displayValue(catalog: Pick<InformationSetCatalog, 'codes'>, field: SetFieldDefinition, record: PersonRecord): string {
  const value = record.values[field.name]
  if (value === undefined || value === '') return ''
  if (field.kind === 'code') return codeLabel(catalog.codes, field.codes, value)
  if (field.kind === 'organization') return record.organizationName ?? value
  return value
}

/** Whether this value of the entry is shown masked. */
export const isMaskedValue = (field: SetFieldDefinition, record: PersonRecord) => field.sensitive && record.masked && !!record.values[field.name]

/** The current entry of a single-entry set (traits, united-front category): the open one, else the latest. */
export function currentEntry(records: readonly PersonRecord[]): PersonRecord | null {
  return records.find((r) => !r.validTo) ?? records[0] ?? null
}
