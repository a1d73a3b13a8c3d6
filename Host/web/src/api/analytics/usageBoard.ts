import { http } from '../http'

// 应用情况公示 (/api/analytics/usage-board). Server: Modules/Analytics/…/Features/GetUsageBoard.

export interface UsageBoardBranch {
  rank: number
  id: string
  name: string
  meetingsHeld: number
  meetingsRecordedInTime: number
  /** null when no meeting was held */
  recordedInTimeRate: number | null
  membersDue: number
  membersPaidOnTime: number
  paidOnTimeRate: number | null
  members: number
  membersComplete: number
  completenessRate: number | null
  /** accounts scoped to the branch or its party groups that signed in during the quarter, and their sign-ins */
  signedInAccounts: number
  signIns: number
  /** signed-in accounts ÷ members, at most 1; null when the branch has no member */
  signInRate: number | null
  /** mean of the four rates, a missing one counting as 0 */
  score: number
}

export interface UsageBoard {
  year: number
  quarter: number
  recordedWithinDays: number
  items: UsageBoardBranch[]
}

export const usageBoardApi = {
  board: (organizationId: string | null, year: number, quarter: number, recordedWithinDays = 7) =>
    http.get<UsageBoard>('/api/analytics/usage-board', { organizationId: organizationId ?? undefined, year, quarter, recordedWithinDays }),
}
