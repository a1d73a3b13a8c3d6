import { http, type DownloadOptions, type UploadOptions } from './http'
import type {
  AddPersonRecordRequest,
  AddRuleSetRequest,
  ChangedPartyStatus,
  ImportBatchOutcome,
  ImportPreview,
  ChangeRelationRequest,
  InformationSetCatalog,
  MovePersonRequest,
  Page,
  PersonRecord,
  Reminder,
  RuleSetList,
  SavedPersonRecord,
  StructureWarning,
  TransferInRequest,
  TransferOutRequest,
  TransferredIn,
  UpdatedRelation,
  UpdatePersonRecordRequest,
  ChangePartyStatusRequest,
  CreateOrganizationRequest,
  OrganizationChange,
  OrganizationDetail,
  OrganizationHistoryEntry,
  PeopleFilter,
  PeoplePage,
  PersonBasics,
  PersonChange,
  PersonnelOrganization,
  PersonView,
  RecordPersonRequest,
  SavedOrganization,
  SavedPerson,
} from './types'

const seg = encodeURIComponent

const peopleQuery = (filter: PeopleFilter) => ({ ...filter, keyword: filter.keyword?.trim() })

export const personnelApi = {
  /**
   * The organisations the caller may see, parents first and siblings by code, with their own head counts;
   * merged and dissolved ones only with `includeClosed`.
   */
  organizations: (includeClosed = false) =>
    http.get<PersonnelOrganization[]>('/api/personnel/organizations', includeClosed ? { includeClosed: true } : undefined),

  organization: (id: string) => http.get<OrganizationDetail>(`/api/personnel/organizations/${seg(id)}`),

  /** What happened to the organisation, newest first. */
  organizationHistory: (id: string) => http.get<OrganizationHistoryEntry[]>(`/api/personnel/organizations/${seg(id)}/history`),

  createOrganization: (body: CreateOrganizationRequest) => http.post<SavedOrganization>('/api/personnel/organizations', body),

  // The changes apply to the version read; a 409 says someone else changed the organisation first.
  renameOrganization: (id: string, body: OrganizationChange & { name: string }) =>
    http.post<SavedOrganization>(`/api/personnel/organizations/${seg(id)}/rename`, body),

  moveOrganization: (id: string, body: OrganizationChange & { parentId: string }) =>
    http.post<SavedOrganization>(`/api/personnel/organizations/${seg(id)}/move`, body),

  mergeOrganization: (id: string, body: OrganizationChange & { targetId: string }) =>
    http.post<SavedOrganization>(`/api/personnel/organizations/${seg(id)}/merge`, body),

  dissolveOrganization: (id: string, body: OrganizationChange) =>
    http.post<SavedOrganization>(`/api/personnel/organizations/${seg(id)}/dissolve`, body),

  /** People of the caller's scope (or of one organisation's subtree), filtered, sorted and paged; masked. */
  people: (filter: PeopleFilter, page: number, pageSize: number) =>
    http.get<PeoplePage>('/api/personnel/people', { ...peopleQuery(filter), page, pageSize }),

  /** The people of a list filter as xlsx (always masked, at most 100,000 rows); `onProgress` sees the bytes arrive. */
  exportPeople: (filter: PeopleFilter, options: DownloadOptions = {}) =>
    http.download('/api/personnel/people/export', { ...options, query: peopleQuery(filter) }),

  /** The import template: the 人员 sheet's headers and the 代码说明 sheet. */
  importTemplate: (options: DownloadOptions = {}) => http.download('/api/personnel/people/import-template', options),

  /** Uploads a people sheet for one organisation: every row checked, nothing recorded yet (a batch waits for its commit). */
  previewImport: (organizationId: string, file: File, options: UploadOptions = {}) => {
    const form = new FormData()
    form.append('organizationId', organizationId)
    form.append('file', file, file.name)
    return http.upload<ImportPreview>('/api/personnel/people/imports', form, options)
  },

  /** Records a previewed batch without errors, all or nothing. */
  commitImport: (batchId: string) => http.post<ImportBatchOutcome>(`/api/personnel/people/imports/${seg(batchId)}/commit`),

  /** Takes a committed batch's people out again, while none of them has changed since. */
  rollBackImport: (batchId: string) => http.post<ImportBatchOutcome>(`/api/personnel/people/imports/${seg(batchId)}/rollback`),

  /** One person; `unmask` shows the ID number and phone in full (needs personnel.unmask, and is audited). */
  person: (id: string, unmask = false) =>
    http.get<PersonView>(`/api/personnel/people/${seg(id)}`, unmask ? { unmask: true } : undefined),

  record: (body: RecordPersonRequest) => http.post<SavedPerson>('/api/personnel/people', body),

  /** Saves the basic information against the version read; a 409 says someone else saved first. */
  update: (id: string, version: number, basics: PersonBasics) =>
    http.put<SavedPerson>(`/api/personnel/people/${seg(id)}`, { version, basics }),

  changePartyStatus: (id: string, body: ChangePartyStatusRequest) =>
    http.post<ChangedPartyStatus>(`/api/personnel/people/${seg(id)}/party-status`, body),

  /** The person's timeline, newest first. */
  changes: (id: string) => http.get<PersonChange[]>(`/api/personnel/people/${seg(id)}/changes`),

  // --- information sets -----------------------------------------------------
  /** The information sets' definitions and code tables, labelled in the request's language. */
  informationSets: () => http.get<InformationSetCatalog>('/api/personnel/information-sets'),

  /** A person's entries (of one set, or all); `unmask` shows sensitive values (needs personnel.unmask, and is audited). */
  records: (id: string, set?: string, unmask = false) =>
    http.get<PersonRecord[]>(`/api/personnel/people/${seg(id)}/records`, { set, unmask: unmask || undefined }),

  addRecord: (id: string, body: AddPersonRecordRequest) => http.post<SavedPersonRecord>(`/api/personnel/people/${seg(id)}/records`, body),

  /** Saves an entry against the version read; a sensitive field left out keeps its value. */
  updateRecord: (id: string, recordId: string, body: UpdatePersonRecordRequest) =>
    http.put<SavedPersonRecord>(`/api/personnel/people/${seg(id)}/records/${seg(recordId)}`, body),

  /** Takes back an entry recorded by mistake (kept with the reason). */
  removeRecord: (id: string, recordId: string, version: number, reason: string) =>
    http.post<SavedPersonRecord>(`/api/personnel/people/${seg(id)}/records/${seg(recordId)}/remove`, { version, reason }),

  // --- organisational relation ----------------------------------------------
  transferOut: (id: string, body: TransferOutRequest) => http.post<UpdatedRelation>(`/api/personnel/people/${seg(id)}/transfer-out`, body),

  transferIn: (body: TransferInRequest) => http.post<TransferredIn>('/api/personnel/people/transfer-in', body),

  move: (id: string, body: MovePersonRequest) => http.post<UpdatedRelation>(`/api/personnel/people/${seg(id)}/move`, body),

  /** Flowing, lost contact, or back to normal. */
  changeRelation: (id: string, body: ChangeRelationRequest) => http.post<UpdatedRelation>(`/api/personnel/people/${seg(id)}/relation`, body),

  // --- attention and rules --------------------------------------------------
  /** Probation ending and Youth League age reached, by due date (overdue first). */
  reminders: (page: number, pageSize: number) => http.get<Page<Reminder>>('/api/personnel/reminders', { page, pageSize }),

  /** Party organisations whose set-up departs from the rule set in force. */
  structureWarnings: (page: number, pageSize: number) =>
    http.get<Page<StructureWarning>>('/api/personnel/organizations/structure-warnings', { page, pageSize }),

  ruleSets: () => http.get<RuleSetList>('/api/personnel/rule-sets'),

  /** A new version of the rules from a date (needs personnel.rules); versions are never edited. */
  addRuleSet: (body: AddRuleSetRequest) => http.post<{ id: string }>('/api/personnel/rule-sets', body),
}
