import { http } from '../http'

// The Workflow rule set (/api/workflow/rule-sets). Server: Modules/Workflow/…/Domain/WorkflowRules.cs.

/** A value of a section: a number, a list of codes, meeting quotas by type, or dues bands. */
export type RuleValue = number | string[] | Record<string, MeetingQuota> | DuesBand[]
export interface MeetingQuota {
  per: 'month' | 'quarter' | 'year'
  count: number
}
export interface DuesBand {
  /** null: no upper limit */
  upTo: number | null
  percent: number
}
/** Sections (meetings, recruitment, dues, supervision …) of named values. */
export type WorkflowRules = Record<string, Record<string, RuleValue>>

export interface WorkflowRuleSetVersion {
  id: string
  name: string
  source: string
  effectiveFrom: string
  rules: WorkflowRules
}

export interface WorkflowRuleSetList {
  versions: WorkflowRuleSetVersion[]
  inForceId: string | null
  /** names in the UI's language: "section" and "section.value" */
  labels: Record<string, string>
}

export const workflowRulesApi = {
  list: () => http.get<WorkflowRuleSetList>('/api/workflow/rule-sets'),
  add: (body: { title: string; source: string; effectiveFrom: string; rules: WorkflowRules }) =>
    http.post<{ id: string }>('/api/workflow/rule-sets', body),
}
