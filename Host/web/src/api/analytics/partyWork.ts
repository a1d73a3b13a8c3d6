import { http } from '../http'
import type { Page } from '../types'

// Analytics' meeting and dues figures (/api/analytics/compliance*, /api/analytics/dues*), built from Workflow's events.
// Server: Modules/Analytics/…/Features/GetComplianceHeatMap, ListCellMeetings, GetDuesCollection, ListDuesBranchMonths.

export type ComplianceStatus = 'green' | 'yellow' | 'red' | 'upcoming' | 'none'

export interface QuotaJudged {
  type: string
  per: string
  periodStart: string
  periodEnd: string
  held: number
  required: number
  status: ComplianceStatus
}

export interface HeatMapCell {
  month: number
  status: ComplianceStatus
  items: QuotaJudged[]
}

export interface HeatMapBranch {
  id: string
  name: string
  months: HeatMapCell[]
}

export interface ComplianceHeatMap {
  year: number
  today: string
  items: HeatMapBranch[]
  total: number
  page: number
  pageSize: number
}

export interface CellMeeting {
  meetingId: string
  organizationId: string
  organizationName: string
  type: string
  heldOn: string
  expected: number
  present: number
  quorumMet: boolean | null
  recordedAt: string
}

export interface DuesFigure {
  /** yyyy-MM (by month) or the branch id (by branch) */
  key: string
  name: string | null
  due: number
  paid: number
  rate: number | null
  membersDue: number
  membersPaid: number
}

export interface DuesCollection {
  year: number
  due: number
  paid: number
  rate: number | null
  byMonth: DuesFigure[]
  byBranch: DuesFigure[]
}

export interface DuesBranchMonth {
  branchId: string
  branchName: string
  month: string
  due: number
  paid: number
  rate: number | null
  membersDue: number
  membersPaid: number
  membersPaidOnTime: number
}

export const partyWorkApi = {
  heatMap: (organizationId: string | null, year: number, page = 1, pageSize = 50) =>
    http.get<ComplianceHeatMap>('/api/analytics/compliance', { organizationId: organizationId ?? undefined, year, page, pageSize }),
  cellMeetings: (branchId: string, year: number, month: number) =>
    http.get<CellMeeting[]>('/api/analytics/compliance/meetings', { branchId, year, month }),
  dues: (organizationId: string | null, year: number) =>
    http.get<DuesCollection>('/api/analytics/dues', { organizationId: organizationId ?? undefined, year }),
  duesBranchMonths: (organizationId: string | null, year: number, month: number | null, page: number, pageSize: number) =>
    http.get<Page<DuesBranchMonth>>('/api/analytics/dues/branch-months', {
      organizationId: organizationId ?? undefined,
      year,
      month: month ?? undefined,
      page,
      pageSize,
    }),
}
