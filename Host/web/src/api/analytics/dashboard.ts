import { http } from '../http'
import type { Page } from '../types'

// Analytics (/api/analytics/*). Server: Modules/Analytics/…/Features/GetHeadline, GetDashboard, Drilldown, ExportChart.

export interface BucketCount {
  key: string
  count: number
}

export interface PyramidBand {
  key: string
  male: number
  female: number
  other: number
}

export interface YearTrend {
  year: number
  joinedStillMembers: number
  admitted: number
  converted: number
  losses: number
}

export interface HonourCount {
  level: string
  year: number
  count: number
}

export interface Headline {
  members: number
  branches: number
  probationary: number
  applicants: number
  asOf: string
}

export interface Dashboard {
  asOf: string
  /** true: the month-end snapshot was read; false: today's figures */
  fromSnapshot: boolean
  members: number
  fullMembers: number
  probationary: number
  applicants: number
  branches: number
  statuses: BucketCount[]
  funnel: BucketCount[]
  agePyramid: PyramidBand[]
  genders: BucketCount[]
  education: BucketCount[]
  ethnicity: BucketCount[]
  partyAge: BucketCount[]
  joiningPeriods: BucketCount[]
  organizationTypes: BucketCount[]
  trends: YearTrend[]
  honours: HonourCount[]
}

export type DrillMetric =
  | 'status'
  | 'gender'
  | 'age'
  | 'education'
  | 'ethnicity'
  | 'partyAge'
  | 'joiningPeriod'
  // the people-composition section (api/analytics/people.ts)
  | 'occupation'
  | 'titleLevel'
  | 'youngTrait'
  | 'youngCare'
  | 'massOrg'
  | 'unitedFront'
  | 'democraticParty'

export interface DrilldownPerson {
  personId: string
  name: string
  organizationId: string
  organizationName: string
  value: string
}

export interface DrillQuery {
  metric: DrillMetric
  bucket: string
  organizationId?: string | null
  asOf?: string | null
  gender?: string | null
  page: number
  pageSize: number
}

export const analyticsApi = {
  headline: (organizationId?: string | null) => http.get<Headline>('/api/analytics/headline', { organizationId: organizationId ?? undefined }),
  dashboard: (organizationId?: string | null, asOf?: string | null) =>
    http.get<Dashboard>('/api/analytics/dashboard', { organizationId: organizationId ?? undefined, asOf: asOf ?? undefined }),
  drilldown: (q: DrillQuery) =>
    http.get<Page<DrilldownPerson>>('/api/analytics/drilldown', {
      ...q,
      organizationId: q.organizationId ?? undefined,
      asOf: q.asOf ?? undefined,
      gender: q.gender ?? undefined,
    }),
  /** An xlsx of a chart's rows as shown (labels in the reader's language). */
  exportChart: (title: string, columns: string[], rows: (string | number)[][]) =>
    http.downloadPost('/api/analytics/export', { title, columns, rows: rows.map((r) => r.map((c) => String(c))) }),
}
