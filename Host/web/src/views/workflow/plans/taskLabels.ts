import { useI18n } from 'vue-i18n'
import type { PlanTask } from '@/api/workflow/plans'

/** A task's state as one tag: overdue, open, awaiting review, accepted, done or cancelled. */
export function useTaskLabels() {
  const { t } = useI18n()
  function state(task: PlanTask): { text: string; type: 'danger' | 'info' | 'warning' | 'success' | 'primary' } {
    if (task.status === 'cancelled') return { text: t('workflow.plans.task.cancelled'), type: 'info' }
    if (task.status === 'open') return task.overdue ? { text: t('workflow.plans.task.overdue'), type: 'danger' } : { text: t('workflow.plans.task.open'), type: 'primary' }
    if (task.organizationId === task.ownerOrganizationId) return { text: t('workflow.plans.task.done'), type: 'success' }
    return task.accepted ? { text: t('workflow.plans.task.accepted'), type: 'success' } : { text: t('workflow.plans.task.awaitingReview'), type: 'warning' }
  }
  return { state }
}
