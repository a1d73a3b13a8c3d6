// Shapes of the backend JSON (camelCase), as given by the API contract.

export type LoginNext = 'done' | 'totp' | 'totp-setup' | 'password-change'

export interface TotpSetup {
  secret: string
  otpauthUri: string
}

export interface LoginResponse {
  next: LoginNext
  totpSetup?: TotpSetup | null
}

export interface TotpResponse {
  next: 'done' | 'password-change'
}

export interface RoleAssignment {
  role: string
  roleName: string
  organizationId: string | null
  organizationName: string | null
}

export interface Me {
  userId: string
  userName: string
  displayName: string
  roles: RoleAssignment[]
  permissions: string[]
  passwordChangeDue: boolean
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface RoleGrant extends RoleAssignment {
  grantId: string
}

export interface UserSummary {
  id: string
  userName: string
  displayName: string
  enabled: boolean
  lockedUntil: string | null
  lastSignInAt: string | null
  totpEnrolled: boolean
  roles: RoleGrant[]
}

export interface RoleDefinition {
  role: string
  roleName: string
  description: string
  scoped: boolean
  permissions: string[]
}

export interface Organization {
  id: string
  parentId: string | null
  name: string
  type: string
}

export interface PersonnelOrganization extends Organization {
  /** Organisation code; the server orders parents before children and siblings by code. */
  code: string
  /** This organisation's own Party members (full and probationary), not those of the organisations under it. */
  memberCount: number
  /** All of this organisation's own people: members, candidates, activists, applicants and non-members. */
  peopleCount: number
}

export const OA_SCOPES = ['personnel', 'workflow', 'honors', 'archives', 'analytics'] as const
export type OaScope = (typeof OA_SCOPES)[number]

export interface OaClient {
  clientId: string
  name: string
  scopes: string[]
  enabled: boolean
  createdAt: string
}

export interface OaClientCreated {
  clientId: string
  clientSecret: string
}

export type AuditResult = 'success' | 'denied' | 'failed'
export const AUDIT_RESULTS: readonly AuditResult[] = ['success', 'denied', 'failed']

export interface AuditEntry {
  sequence: number
  occurredAt: string
  userName: string | null
  role: string | null
  sourceAddress: string | null
  action: string
  targetType: string | null
  targetId: string | null
  targetOrganization: string | null
  result: AuditResult | string
  correlationId: string | null
}

export interface AuditFilter {
  from?: string
  to?: string
  userName?: string
  action?: string
  result?: AuditResult | ''
}

export interface AuditVerification {
  intact: boolean
  checked: number
  firstBrokenSequence: number | null
}

export interface ParkedEvent {
  module: string
  eventId: string
  eventType: string
  subscriber: string
  attempts: number
  lastError: string | null
  occurredAt: string
}
