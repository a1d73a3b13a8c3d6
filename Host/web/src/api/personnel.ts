import { http, type DownloadOptions, type UploadOptions } from './http'
import type {
  ChangedPartyStatus,
  ImportBatchOutcome,
  ImportPreview,
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
}
