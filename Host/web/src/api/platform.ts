import { http } from './http'
import type {
  AuditEntry,
  AuditFilter,
  AuditVerification,
  OaClient,
  OaClientCreated,
  Organization,
  Page,
  ParkedEvent,
  RoleDefinition,
  UserSummary,
} from './types'

const seg = encodeURIComponent

export const usersApi = {
  list: (keyword: string, page: number, pageSize: number) =>
    http.get<Page<UserSummary>>('/api/platform/users', { keyword, page, pageSize }),
  /** `employeeNumber` (optional) links the account to that person's record, for the member's self-service. */
  create: (body: { userName: string; displayName: string; employeeNumber: string | null; password: string }) =>
    http.post<{ id: string }>('/api/platform/users', body),
  enable: (id: string) => http.post(`/api/platform/users/${seg(id)}/enable`),
  disable: (id: string) => http.post(`/api/platform/users/${seg(id)}/disable`),
  unlock: (id: string) => http.post(`/api/platform/users/${seg(id)}/unlock`),
  resetPassword: (id: string, password: string) =>
    http.post(`/api/platform/users/${seg(id)}/reset-password`, { password }),
}

export const rolesApi = {
  list: () => http.get<RoleDefinition[]>('/api/platform/roles'),
  grant: (userId: string, role: string, organizationId: string | null) =>
    http.post<{ grantId: string }>(`/api/platform/users/${seg(userId)}/grants`, { role, organizationId }),
  revoke: (grantId: string) => http.delete(`/api/platform/grants/${seg(grantId)}`),
}

export const organizationsApi = {
  list: () => http.get<Organization[]>('/api/platform/organizations'),
}

export const oaClientsApi = {
  list: () => http.get<OaClient[]>('/api/platform/oa-clients'),
  create: (name: string, scopes: string[]) =>
    http.post<OaClientCreated>('/api/platform/oa-clients', { name, scopes }),
  disable: (clientId: string) => http.post(`/api/platform/oa-clients/${seg(clientId)}/disable`),
}

function auditQuery(filter: AuditFilter) {
  return {
    from: filter.from,
    to: filter.to,
    userName: filter.userName?.trim(),
    action: filter.action?.trim(),
    result: filter.result,
  }
}

export const auditApi = {
  list: (filter: AuditFilter, page: number, pageSize: number) =>
    http.get<Page<AuditEntry>>('/api/platform/audit', { ...auditQuery(filter), page, pageSize }),
  export: (filter: AuditFilter) => http.download('/api/platform/audit/export', { query: auditQuery(filter) }),
  verify: () => http.get<AuditVerification>('/api/platform/audit/verify'),
}

export const outboxApi = {
  parked: () => http.get<ParkedEvent[]>('/api/platform/outbox/parked'),
  retry: (event: Pick<ParkedEvent, 'module' | 'eventId' | 'subscriber'>) =>
    http.post('/api/platform/outbox/retry', {
      module: event.module,
      eventId: event.eventId,
      subscriber: event.subscriber,
    }),
}

export const openApiDocument = () => http.get<unknown>('/openapi/v1.json')
