import { http } from './http'

/**
 * The OA's integration, for administrators: the department → organisation mapping and the user list synchronised by
 * employee number (Features/OaProvisioning), the unified to-do's delivery log (Features/OaTodos/ListOaTodoDeliveries.cs).
 */

export interface OaDepartment {
  departmentCode: string
  departmentName: string
  organizationId: string
  organizationName: string | null
  updatedAt: string
}

export type OaSyncAction = 'create' | 'update' | 'disable' | 'skip'

export interface OaSyncItem {
  action: OaSyncAction | string
  row: number | null
  employeeNumber: string | null
  userName: string | null
  displayName: string | null
  departmentCode: string | null
  organizationName: string | null
  /** invalid_row, duplicate_employee_number, department_unmapped, user_name_taken, inactive_in_oa, not_in_oa */
  reason: string | null
}

export interface OaSyncPlan {
  applied: boolean
  created: number
  updated: number
  disabled: number
  skipped: number
  items: OaSyncItem[]
}

export type DeliveryStatus = 'delivered' | 'pending' | 'parked'

export interface OaTodoDelivery {
  module: string
  eventId: string
  /** open or close */
  action: string
  subscriber: string
  status: DeliveryStatus | string
  attempts: number
  lastError: string | null
  occurredAt: string
  deliveredAt: string | null
  nextAttemptAt: string | null
  parkedAt: string | null
}

const seg = encodeURIComponent

export const oaApi = {
  departments: () => http.get<OaDepartment[]>('/api/platform/oa/departments'),
  mapDepartment: (body: { departmentCode: string; departmentName: string; organizationId: string }) =>
    http.put('/api/platform/oa/departments', body),
  unmapDepartment: (code: string) => http.delete(`/api/platform/oa/departments/${seg(code)}`),
  /** apply=false: the dry run (what would be created, changed, disabled); apply=true: all of it, in one transaction. */
  syncFromFile: (file: File, apply: boolean) => {
    const form = new FormData()
    form.append('file', file)
    return http.upload<OaSyncPlan>(`/api/platform/oa/users/sync?apply=${apply}`, form)
  },
  syncFromOa: (apply: boolean) => http.post<OaSyncPlan>(`/api/platform/oa/users/sync-from-oa?apply=${apply}`),
  todoDeliveries: (status?: DeliveryStatus | '') =>
    http.get<OaTodoDelivery[]>('/api/platform/oa/todo-deliveries', { status: status || undefined }),
  setLocalSignIn: (localSignIn: string) => http.put('/api/platform/sso/local-sign-in', { localSignIn }),
}
