import { http } from '../http'
import type { Page } from '../types'

// Quarterly supervision (/api/workflow/supervision/*). Server: Modules/Workflow/…/Features/*Supervision*, Features/Supervision/Scorecard.cs.

export type Grade = 'green' | 'yellow' | 'red'
export type ItemStatus = Grade | 'none'

/** One line of a scorecard: `item` says which (meeting items carry the meeting `type`); figures depend on the item. */
export interface ScorecardItem {
  item: 'meeting' | 'attendance' | 'recruitment' | 'dues' | 'plan_tasks' | 'term' | 'completeness'
  status: ItemStatus
  type?: string
  value?: number | string | null
  expected?: number | null
  missedPeriods?: number
  upcoming?: number
  overdue?: number
  mostUnpaidMonths?: number
  members?: number
}

export interface Scorecard {
  quarter: string
  organizationId: string
  organizationName: string
  grade: Grade
  items: ScorecardItem[]
  computedAt: string | null
  /** false: computed now for the running quarter, not stored */
  stored: boolean
  response: string | null
  respondedAt: string | null
}

export interface SupervisionRun {
  quarter: string
  startedAt: string
  branches: number
  green: number
  yellow: number
  red: number
}

export interface ReportList extends Page<Scorecard> {
  byGrade: Partial<Record<Grade, number>>
}

export interface Rectification {
  id: string
  requirement: string
  dueOn: string
  status: 'open' | 'done'
  completedOn: string | null
  result: string | null
  overdue: boolean
  version: number
}

export interface OnsiteCheck {
  id: string
  organizationId: string
  organizationName: string
  checkedOn: string
  inspectors: string
  findings: string
  rectifications: Rectification[]
}

export interface RecordCheckRequest {
  organizationId: string
  checkedOn: string
  inspectors: string
  findings: string
  rectifications: { requirement: string; dueOn: string }[]
}

export const supervisionApi = {
  runs: () => http.get<SupervisionRun[]>('/api/workflow/supervision/runs'),
  run: (quarter: string | null) => http.post<SupervisionRun & { alreadyRun: boolean }>('/api/workflow/supervision/runs', { quarter }),
  reports: (quarter: string | null, grade: Grade | null, page: number, pageSize: number) =>
    http.get<ReportList>('/api/workflow/supervision/reports', { quarter: quarter ?? undefined, grade: grade ?? undefined, page, pageSize }),
  report: (quarter: string, organizationId: string) =>
    http.get<Scorecard>(`/api/workflow/supervision/reports/${encodeURIComponent(quarter)}/${organizationId}`),
  current: (organizationId: string) => http.get<Scorecard>(`/api/workflow/supervision/scorecards/${organizationId}/current`),
  respond: (quarter: string, organizationId: string, response: string) =>
    http.post(`/api/workflow/supervision/reports/${encodeURIComponent(quarter)}/${organizationId}/response`, { response }),
  checks: (openOnly: boolean, page: number, pageSize: number) =>
    http.get<Page<OnsiteCheck>>('/api/workflow/supervision/checks', { openOnly, page, pageSize }),
  recordCheck: (body: RecordCheckRequest) => http.post<{ id: string }>('/api/workflow/supervision/checks', body),
  completeRectification: (id: string, version: number, completedOn: string, result: string) =>
    http.post<{ id: string; version: number }>(`/api/workflow/supervision/rectifications/${id}/complete`, { version, completedOn, result }),
}
