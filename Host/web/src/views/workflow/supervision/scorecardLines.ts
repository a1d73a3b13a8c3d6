import type { ScorecardItem } from '@/api/workflow/supervision'

/** What one scorecard item says, as an i18n key and its values (the page translates). */
export interface ScorecardLine {
  /** i18n key under workflow.supervision.items */
  labelKey: string
  labelValues: Record<string, string>
  detailKey: string
  detailValues: Record<string, string | number>
}

const text = (v: unknown) => (v === null || v === undefined ? '—' : String(v))

/** The line of a scorecard item: its name (meeting items by their type) and its figures. */
export function scorecardLine(item: ScorecardItem): ScorecardLine {
  const base = { labelValues: {} as Record<string, string>, detailValues: {} as Record<string, string | number> }
  switch (item.item) {
    case 'meeting':
      return {
        labelKey: 'workflow.supervision.items.meeting',
        labelValues: { type: item.type ?? '' },
        detailKey: item.status === 'none' ? 'workflow.supervision.details.notApplicable' : 'workflow.supervision.details.meeting',
        detailValues: { held: text(item.value), required: text(item.expected), missed: item.missedPeriods ?? 0 },
      }
    case 'attendance':
    case 'completeness':
      return {
        ...base,
        labelKey: `workflow.supervision.items.${item.item}`,
        detailKey: item.status === 'none' ? 'workflow.supervision.details.noData' : `workflow.supervision.details.${item.item}`,
        detailValues: { percent: text(item.value), threshold: text(item.expected), members: item.members ?? 0 },
      }
    case 'recruitment':
      return {
        ...base,
        labelKey: 'workflow.supervision.items.recruitment',
        detailKey: item.status === 'none' ? 'workflow.supervision.details.noFiles' : 'workflow.supervision.details.recruitment',
        detailValues: { overdue: text(item.value), upcoming: item.upcoming ?? 0 },
      }
    case 'dues':
      return {
        ...base,
        labelKey: 'workflow.supervision.items.dues',
        detailKey: item.status === 'none' ? 'workflow.supervision.details.noData' : 'workflow.supervision.details.dues',
        detailValues: { paid: text(item.value), due: text(item.expected), months: item.mostUnpaidMonths ?? 0 },
      }
    case 'plan_tasks':
      return {
        ...base,
        labelKey: 'workflow.supervision.items.planTasks',
        detailKey: item.status === 'none' ? 'workflow.supervision.details.noTasks' : 'workflow.supervision.details.planTasks',
        detailValues: { done: text(item.value), total: text(item.expected), overdue: item.overdue ?? 0 },
      }
    case 'term':
      return {
        ...base,
        labelKey: 'workflow.supervision.items.term',
        detailKey: item.value ? 'workflow.supervision.details.term' : 'workflow.supervision.details.noTerm',
        detailValues: { endsOn: text(item.value) },
      }
  }
}

/** Element Plus tag type of a status. */
export function statusTagType(status: string): 'success' | 'warning' | 'danger' | 'info' {
  return status === 'green' ? 'success' : status === 'yellow' ? 'warning' : status === 'red' ? 'danger' : 'info'
}
