import { http } from '../http'

// 党内统计年报 (/api/analytics/annual-report). Server: Modules/Analytics/…/Features/GetAnnualReport.

export interface ReportGroup {
  key: string
  columns: string[]
}

export interface ReportRow {
  organizationId: string
  name: string
  values: number[]
}

export interface ReportTable {
  key: string
  groups: ReportGroup[]
  /** the subtree's figures, in the groups' column order (counts, or hours with one decimal) */
  values: number[]
  /** per organisation under the total (tables 7 and 8), else null */
  rows: ReportRow[] | null
}

export interface CrossCheck {
  key: string
  expected: number
  actual: number
  passed: boolean
}

export interface AnnualReport {
  year: number
  asOf: string
  fromSnapshot: boolean
  tables: ReportTable[]
  checks: CrossCheck[]
}

export const annualReportApi = {
  get: (organizationId: string | null, year: number) =>
    http.get<AnnualReport>('/api/analytics/annual-report', { organizationId: organizationId ?? undefined, year }),
  xlsx: (organizationId: string | null, year: number) =>
    http.download(`/api/analytics/annual-report/xlsx?${new URLSearchParams(organizationId ? { organizationId, year: String(year) } : { year: String(year) })}`),
}
