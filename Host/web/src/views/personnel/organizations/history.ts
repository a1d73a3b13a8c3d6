import type { OrganizationHistoryEntry } from '@/api/types'

/** One line that says what a history entry changed: a message key under organizations.history and its values. */
export interface HistoryLine {
  key: 'created' | 'renamed' | 'moved' | 'mergedInto' | 'mergedFrom' | 'committeeElected'
  params: Record<string, string | number>
}

const text = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : String(value))

/**
 * Reads an entry's before/after (see OrganizationHistoryEntry) into the line the timeline shows for
 * `organizationId`: a merge reads differently for the organisation merged away and the one it joined.
 * Null when the change's name says it all (dissolved; a change of the committee's members, whose reason says what) or
 * the entry is of a kind this page does not know.
 */
export function describeHistory(entry: OrganizationHistoryEntry, organizationId: string): HistoryLine | null {
  const before = entry.before ?? {}
  const after = entry.after ?? {}
  switch (entry.changeType) {
    case 'created':
      return { key: 'created', params: { name: text(after.name), code: text(after.code) } }
    case 'renamed':
      return { key: 'renamed', params: { from: text(before.name), to: text(after.name) } }
    case 'moved':
      return { key: 'moved', params: { from: text(before.parentName), to: text(after.parentName) } }
    case 'merged':
      return after.sourceId === organizationId
        ? { key: 'mergedInto', params: { target: text(after.targetName) } }
        : {
            key: 'mergedFrom',
            params: { source: text(after.sourceName), children: Number(after.children ?? 0), people: Number(after.people ?? 0) },
          }
    case 'committee_elected':
      return { key: 'committeeElected', params: { number: text(after.termNumber), members: text(after.members), endsOn: text(after.endsOn) } }
    default:
      return null
  }
}

/** The timeline dot's colour of a change. */
export function historyType(changeType: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (changeType) {
    case 'created':
    case 'committee_elected':
      return 'success'
    case 'renamed':
      return 'primary'
    case 'moved':
    case 'merged':
      return 'warning'
    case 'dissolved':
      return 'danger'
    default:
      return 'info'
  }
}
