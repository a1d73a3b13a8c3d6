import type { CommitteeMember, CommitteeRuleNumbers, CommitteeTerm, RuleSetVersion } from '@/api/committees'
import { walk } from '@/utils/tree'
import type { OrgNode } from '../useOrganizations'

/**
 * What the 班子任期 tab works out for itself, as the server's rules (Domain/CommitteeRules.cs, PersonnelRules.cs)
 * would: only hints while the user fills a form in — the server checks everything again and says why it refuses.
 */

/** The types that elect a committee by term (PersonnelRules.TermYears): 党委, 党总支 and the branches. */
const TERM_TYPES: readonly string[] = ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch']

export const hasTerms = (type: string) => TERM_TYPES.includes(type)

/** The 2014 figures the server falls back to for a value a rule set version leaves out. */
const REGULATION_2014: Required<CommitteeRuleNumbers> = {
  electionQuorumPercent: 80,
  committeeThresholdMembers: 7,
  termReminderMonths: 6,
  committeeTermYears: 5,
  branchTermYears: 3,
}

/**
 * The numbers in force on `date` (YYYY-MM-DD): the latest version in force by then; before the first version,
 * the first (as RuleSets.At does).
 */
export function rulesAt(versions: readonly RuleSetVersion[], date: string | null | undefined): Required<CommitteeRuleNumbers> {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
  const inForce = (date ? sorted.filter((v) => v.effectiveFrom <= date).pop() : sorted.pop()) ?? sorted[0]
  return { ...REGULATION_2014, ...inForce?.rules }
}

export type QuorumStatus = 'incomplete' | 'valid' | 'short' | 'exceeds'

/**
 * Whether an election with `present` of `entitled` voting members present is valid: strictly more than
 * `percent` % must be there. `needed` is the fewest present that makes it valid (null until `entitled` is known).
 */
export function quorum(
  entitled: number | null | undefined,
  present: number | null | undefined,
  percent: number,
): { status: QuorumStatus; needed: number | null } {
  if (!entitled || entitled < 1) return { status: 'incomplete', needed: null }
  const needed = Math.floor((entitled * percent) / 100) + 1
  if (!present || present < 1) return { status: 'incomplete', needed }
  if (present > entitled) return { status: 'exceeds', needed }
  return { status: present * 100 > entitled * percent ? 'valid' : 'short', needed }
}

/** How many may sit on the committee of an organisation of `type` with `members` party members (CommitteeRules.Size). */
export function committeeSize(type: string, members: number, rules: Pick<CommitteeRuleNumbers, 'committeeThresholdMembers'>) {
  if (type === 'committee') return { min: 3, max: 15 }
  return members >= (rules.committeeThresholdMembers ?? REGULATION_2014.committeeThresholdMembers) ? { min: 3, max: 7 } : { min: 1, max: 2 }
}

/** The party members (full and probationary) of an organisation and everything below it, as far as the tree shows. */
export function subtreeMembers(org: OrgNode): number {
  let count = 0
  walk([org], (n) => (count += n.memberCount ?? 0))
  return count
}

/** Days from one date to another (YYYY-MM-DD, calendar days; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number)
    return Date.UTC(y, m - 1, d) / 86_400_000
  }
  return Math.round(day(to) - day(from))
}

export type TermStateKey = 'inTerm' | 'expiring' | 'expired' | 'ended'

/**
 * The state tag of a term: its colour, its label (a key under committees.states) and the days it counts — until
 * the term ends (in term, expiring), or since it ended without an election (expired). The server decides the
 * state (it knows the notice period); the days are the browser's today.
 */
export function termState(term: Pick<CommitteeTerm, 'state' | 'endsOn'>, today: string) {
  const days = daysBetween(today, term.endsOn)
  switch (term.state) {
    case 'in_term':
      return { key: 'inTerm' as TermStateKey, tag: 'success' as const, days }
    case 'expiring':
      return { key: 'expiring' as TermStateKey, tag: 'warning' as const, days }
    case 'expired':
      return { key: 'expired' as TermStateKey, tag: 'danger' as const, days: -days }
    default:
      return { key: 'ended' as TermStateKey, tag: 'info' as const, days: 0 }
  }
}

/** The reason the server records when the next election ends a term (any other is the one typed in). */
const TERM_ENDED = 'term_ended'

/** Whether the member sat until the next election ended the term (rather than leaving during it). */
export const endedWithTerm = (member: Pick<CommitteeMember, 'endReason'>) => member.endReason === TERM_ENDED

/** The members who sit now, and those who left the term before it ended (with why). */
export const sittingMembers = (term: CommitteeTerm) => term.members.filter((m) => m.toOn === null)
export const leftDuringTerm = (term: CommitteeTerm) => term.members.filter((m) => m.toOn !== null && !endedWithTerm(m))

/** 'none' or 'many' when the rows do not hold exactly one 书记 (the server's rule), null when they do. */
export function secretaryProblem(rows: readonly { post: string }[]): 'none' | 'many' | null {
  const count = rows.filter((r) => r.post === 'secretary').length
  return count === 0 ? 'none' : count > 1 ? 'many' : null
}

/**
 * Splits a 400 problem's `errors` into those of the rows of a list (`members[2].personId` → row 2, field
 * personId) and the rest (the list's own `members`, the other fields), which go to the form as they are.
 */
export function splitRowErrors(errors: Record<string, string[]> | undefined, list: string) {
  const rows: Record<number, Record<string, string>> = {}
  const rest: Record<string, string[]> = {}
  const pattern = new RegExp(`^${list}\\[(\\d+)\\]\\.(\\w+)$`, 'i')
  for (const [name, messages] of Object.entries(errors ?? {})) {
    const match = pattern.exec(name)
    const text = (Array.isArray(messages) ? messages : [String(messages)]).filter(Boolean).join(' ')
    if (!match) {
      rest[name] = messages
      continue
    }
    const row = (rows[Number(match[1])] ??= {})
    const field = match[2].charAt(0).toLowerCase() + match[2].slice(1)
    row[field] = row[field] ? `${row[field]} ${text}` : text
  }
  return { rows, rest }
}
