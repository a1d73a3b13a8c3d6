// Shapes of the backend JSON (camelCase), as given by the API contract.

export type LoginNext = 'done' | 'totp' | 'totp-setup' | 'password-change'

export interface TotpSetup {
  secret: string
  otpauthUri: string
}

/** A single sign-on through the OA offered on the sign-in page (Features/Sso/SsoSettings.cs). */
export interface SsoProvider {
  name: string
  kind: 'oidc' | 'cas' | 'ticket' | string
  displayName: string
  displayNameEn: string
  /** a full-page navigation: the browser goes to the OA and comes back signed in */
  loginUrl: string
}

export interface SignInOptions {
  localSignIn: 'everyone' | 'administrators_only' | string
  providers: SsoProvider[]
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
  /** exact unless totalCapped: then at least this many match (the server stops counting) */
  total: number
  page: number
  pageSize: number
  totalCapped?: boolean
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
  /** links the account to the person with this employee number (self-service) */
  employeeNumber: string | null
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
  /** active, or closed: merged or dissolved (listed only when asked for) */
  status: OrganizationStatus | string
  unit: string | null
  /** the version a change must send back */
  version: number
}

export type OrganizationStatus = 'active' | 'merged' | 'dissolved'

/** One organisation as GET /api/personnel/organizations/{id} shows it. */
export interface OrganizationDetail {
  id: string
  parentId: string | null
  parentName: string | null
  code: string
  name: string
  type: string
  unit: string | null
  /** YYYY-MM-DD */
  foundedOn: string | null
  status: OrganizationStatus | string
  mergedInto: string | null
  dissolvedOn: string | null
  version: number
}

/**
 * One line of an organisation's history (沿革), newest first. `before` and `after` depend on the change:
 * created {code, name, type, parentId, unit, foundedOn}; renamed {name}; moved {parentId, parentName};
 * merged {sourceId, sourceName, targetId, targetName, children, people}; dissolved {status, dissolvedOn}.
 */
export interface OrganizationHistoryEntry {
  id: number
  changeType: string
  effectiveOn: string
  reason: string | null
  before: Record<string, unknown> | null
  after: Record<string, unknown>
  recordedAt: string
  recordedBy: string | null
}

export interface CreateOrganizationRequest {
  code: string
  name: string
  type: string
  parentId: string
  unit: string | null
  foundedOn: string | null
}

/** What every change of an existing organisation carries: the date it takes effect, why, and the version read. */
export interface OrganizationChange {
  effectiveOn: string
  reason: string
  version: number
}

export interface SavedOrganization {
  id: string
  version: number
}

/** The basic information set (基本信息) as the person form sends it; codes from src/codes/tables.ts. */
export interface PersonBasics {
  name: string
  gender: string
  ethnicity: string
  /** YYYY-MM-DD */
  birthDate: string | null
  idNumber: string
  nativePlace: string | null
  phone: string | null
  employeeNumber: string | null
  department: string | null
  education: string | null
}

/** The dates of the way into the party (YYYY-MM-DD), as far as the status needs them. */
export interface PartyDates {
  appliedOn: string | null
  activistOn: string | null
  candidateOn: string | null
  joinedOn: string | null
  convertedOn: string | null
  probationExtendedMonths: number
}

/** A person as the API shows them: ID number and phone masked unless `unmasked`. */
export interface PersonView extends PartyDates {
  id: string
  organizationId: string
  organizationName: string
  name: string
  gender: string
  birthDate: string
  age: number
  ethnicity: string
  education: string | null
  idNumber: string
  phone: string | null
  unmasked: boolean
  nativePlace: string | null
  department: string | null
  employeeNumber: string | null
  partyStatus: string
  partyAgeYears: number | null
  /** the organisational relation (组织关系) of a member, and since when */
  relation: Relation
  relationSince: string | null
  version: number
}

export interface RecordPersonRequest {
  organizationId: string
  basics: PersonBasics
  partyStatus: string
  partyDates: PartyDates
}

export interface SavedPerson {
  id: string
  version: number
}

export interface ChangePartyStatusRequest {
  version: number
  to: string
  /** YYYY-MM-DD */
  effectiveOn: string
  reason: string
  documentNumber: string | null
}

export interface ChangedPartyStatus {
  id: string
  partyStatus: string
  version: number
}

/** One line of a person's timeline; `before` and `after` are JSON texts whose shape depends on `change`. */
export interface PersonChange {
  id: number
  change: string
  effectiveOn: string
  reason: string | null
  before: string | null
  after: string
  recordedAt: string
  recordedBy: string | null
}

/** A page of the people list: `total` is exact unless `totalCapped`, when at least that many match. */
export type PeoplePage = Page<PersonView>

/** One problem of an uploaded people sheet: the row as Excel numbers it (the header is row 1), the field, the message. */
export interface ImportRowError {
  row: number
  field: string
  message: string
}

/** POST /api/personnel/people/imports: the batch waiting for its commit, its data rows, how many are valid, every error. */
export interface ImportPreview {
  batchId: string
  rows: number
  valid: number
  errors: ImportRowError[]
}

/** A committed or rolled-back batch: how many people it brought in or took out. */
export interface ImportBatchOutcome {
  batchId: string
  imported: number
}

export type PeopleSort = 'name' | 'birthDate' | '-birthDate' | 'joinedOn' | 'organization'

/** The people list's filters (GET /api/personnel/people); empty values are left out of the query. */
export interface PeopleFilter {
  organizationId?: string | null
  status?: string[]
  gender?: string
  /** a GB 3304 code or 'minority' */
  ethnicity?: string
  /** a one-digit group or a two-digit exact code */
  education?: string
  ageFrom?: number | null
  ageTo?: number | null
  partyAgeFrom?: number | null
  joinedYearFrom?: number | null
  joinedYearTo?: number | null
  keyword?: string
  sort?: PeopleSort
  /** one of PEOPLE_ROLES */
  role?: string
  /** one of PEOPLE_RELATIONS; none = everyone but those transferred out */
  relation?: string
  /** a fragment of a current post or professional title */
  titleKeyword?: string
  /** a fragment of a specialty, skill or hobby */
  trait?: string
}

/** The roles one person may hold (DOMAIN.md §3), as the people list filters them. */
export const PEOPLE_ROLES = ['member', 'pipeline', 'young', 'mass_org', 'united_front'] as const
/** A member's organisational relation. */
export const PEOPLE_RELATIONS = ['active', 'flowing', 'lost_contact', 'transferred_out'] as const

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

// --- Personnel: information sets, relations, reminders, rule sets ---------------------------------------------

export type SetFieldKind = 'text' | 'longtext' | 'code' | 'year' | 'date' | 'organization'

/** One field of an information set, as the server validates it (Domain/InformationSets.cs). */
export interface SetFieldDefinition {
  name: string
  kind: SetFieldKind
  required: boolean
  maxLength: number
  /** the code table of a `code` field */
  codes: string | null
  /** encrypted at rest, masked when read unless unmasked */
  sensitive: boolean
}

/** An information set (学历学位, 家庭成员 …): its fields, whether entries carry a period, whether one entry is current at most. */
export interface InformationSetDefinition {
  kind: string
  hasPeriod: boolean
  fromRequired: boolean
  singleCurrent: boolean
  fields: SetFieldDefinition[]
}

export interface CodeOption {
  value: string
  label: string
}

/** GET /api/personnel/information-sets: the definitions and the code tables, labelled in the caller's language. */
export interface InformationSetCatalog {
  sets: InformationSetDefinition[]
  codes: Record<string, CodeOption[]>
}

/** One entry of a person's information set; sensitive values masked (`masked`) unless unmasked. */
export interface PersonRecord {
  id: string
  set: string
  validFrom: string | null
  validTo: string | null
  values: Record<string, string>
  /** the mass organisation's name, for a `mass_org` entry */
  organizationName: string | null
  masked: boolean
  updatedAt: string
  version: number
}

/** What an entry's form sends: text, or a number for a year. */
export type RecordValues = Record<string, string | number>

export interface AddPersonRecordRequest {
  set: string
  validFrom: string | null
  validTo: string | null
  values: RecordValues
}

/** A sensitive field left out of `values` keeps its stored value. */
export interface UpdatePersonRecordRequest {
  version: number
  validFrom: string | null
  validTo: string | null
  values: RecordValues
}

export interface SavedPersonRecord {
  id: string
  version: number
}

export type Relation = 'active' | 'flowing' | 'lost_contact' | 'transferred_out'

export interface TransferOutRequest {
  version: number
  effectiveOn: string
  letterNumber: string
  destination: string
  /** YYYY-MM */
  duesPaidUpTo: string | null
  reason: string | null
}

export interface TransferInRequest {
  organizationId: string
  effectiveOn: string
  letterNumber: string
  origin: string
  duesPaidUpTo: string | null
  reason: string | null
  basics: PersonBasics
  partyStatus: string
  partyDates: PartyDates
}

export interface MovePersonRequest {
  version: number
  toOrganizationId: string
  effectiveOn: string
  reason: string
}

export interface ChangeRelationRequest {
  version: number
  to: Exclude<Relation, 'transferred_out'>
  effectiveOn: string
  reason: string
  whereabouts: string | null
}

export interface UpdatedRelation {
  id: string
  organizationId: string
  relation: Relation
  version: number
}

export interface TransferredIn {
  id: string
  /** someone transferred out earlier, whose record came back */
  returning: boolean
  version: number
}

/** A person needing attention by a date: probation_due (转正) or league_age (超龄离团). */
export interface Reminder {
  kind: string
  personId: string
  name: string
  organizationId: string
  organizationName: string
  dueOn: string
}

/** A party organisation whose set-up departs from the rule set in force. */
export interface StructureWarning {
  organizationId: string
  name: string
  type: string
  members: number | null
  fullMembers: number | null
  termEndsOn: string | null
  /** over_member_limit, committee_missing, too_few_full_members, term_missing, term_expiring, term_expired */
  warnings: string[]
}

/** The numbers of one rule-set version (Domain/PersonnelRules.cs). */
export interface PersonnelRules {
  minApplicationAge: number
  probationMonths: number
  probationExtensionMinMonths: number
  probationExtensionMaxMonths: number
  probationReminderDays: number
  leagueMaxAge: number
  leagueReminderMonths: number
  youngEmployeeMaxAge: number
  committeeTermYears: number
  branchTermYears: number
  termReminderMonths: number
  branchMaxMembers: number
  committeeThresholdMembers: number
  branchMinFullMembers: number
  electionQuorumPercent: number
}

export interface RuleSetVersion {
  id: string
  name: string
  source: string
  effectiveFrom: string
  rules: PersonnelRules
}

/** Every version, oldest first, and the one in force today. */
export interface RuleSetList {
  versions: RuleSetVersion[]
  inForceId: string | null
}

export interface AddRuleSetRequest {
  title: string
  source: string
  effectiveFrom: string
  rules: PersonnelRules
}
