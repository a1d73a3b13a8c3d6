import { http, type DownloadOptions, type UploadOptions } from '../http'
import type { Page } from '../types'

// 史料库: categories, documents, their files and text extraction, bulk imports (/api/archives/…).
// Server: Modules/Archives/…/Features/{ListCategories,…,RecordDocument,GetDocument,UploadDocumentFile,StartDocumentImport,…}.

export const SECURITY_LEVELS = [0, 1, 2] as const
export type SecurityLevel = (typeof SECURITY_LEVELS)[number]

export interface Category {
  id: string
  parentId: string | null
  name: string
  sort: number
}

export interface DocumentSummary {
  id: string
  title: string
  docNumber: string | null
  issuedOn: string
  issuingBody: string
  categoryId: string
  categoryName: string
  keywords: string[]
  securityLevel: SecurityLevel
  organizationId: string
  organizationName: string | null
  version: number
  fileCount: number
}

export interface DocumentFile {
  id: string
  fileName: string
  fileVersion: number
  contentType: string
  size: number
  sha256: string
  caption: string | null
  extractionStatus: 'pending' | 'running' | 'done' | 'failed'
  extractionError: string | null
  uploadedAt: string
}

export interface NamedReference {
  id: string
  name: string
}

export interface DocumentDetail extends DocumentSummary {
  summary: string | null
  relatedOrganizationIds: string[]
  relatedPersonIds: string[]
  relatedOrganizations: NamedReference[]
  relatedPeople: NamedReference[]
  categoryPath: string | null
  recordedAt: string
  updatedAt: string | null
  files: DocumentFile[]
}

/** What the recording and editing form sends. */
export interface DocumentFields {
  title: string
  docNumber: string | null
  issuedOn: string | null
  issuingBody: string
  categoryId: string | null
  keywords: string[]
  securityLevel: SecurityLevel
  organizationId: string | null
  relatedOrganizationIds: string[]
  relatedPersonIds: string[]
  summary: string | null
}

export interface DocumentFilter {
  categoryId?: string | null
  issuedFrom?: string | null
  issuedTo?: string | null
  issuingBody?: string | null
  organizationId?: string | null
}

export interface ExtractionCounts {
  pending: number
  running: number
  done: number
  failed: number
  total: number
}

export interface ExtractionProgress {
  document: ExtractionCounts | null
  overall: ExtractionCounts
}

export interface UploadedFile {
  id: string
  documentId: string
  fileName: string
  fileVersion: number
  contentType: string
  sha256: string
}

export interface StartedImport {
  id: string
  rows: number
  waiting: number
  invalid: number
}

export type ImportOutcome = 'imported' | 'version' | 'already' | 'skipped' | 'refused' | 'unlisted'

export interface ImportedFile {
  fileName: string
  outcome: ImportOutcome
  rowNumber: number | null
  documentId: string | null
  reason: string | null
}

export interface ImportReportRow {
  rowNumber: number
  fileName: string
  title: string | null
  status: 'waiting' | 'imported' | 'invalid' | 'refused'
  reason: string | null
  documentId: string | null
}

export interface ImportReport {
  id: string
  sheetName: string
  createdAt: string
  total: number
  imported: number
  waiting: number
  skipped: number
  rows: ImportReportRow[]
}

const documentPath = (id: string) => `/api/archives/documents/${encodeURIComponent(id)}`

/** The URL of one file version's bytes: `inline` previews PDFs and pictures in the browser (same origin, audited). */
export const fileContentUrl = (documentId: string, fileId: string, inline = false) =>
  `${documentPath(documentId)}/files/${encodeURIComponent(fileId)}/content${inline ? '?inline=true' : ''}`

export const archivesDocumentsApi = {
  categories: () => http.get<Category[]>('/api/archives/categories'),
  addCategory: (body: { parentId: string | null; name: string; sort: number }) => http.post<{ id: string }>('/api/archives/categories', body),
  editCategory: (id: string, body: { parentId: string | null; name: string; sort: number }) =>
    http.put<string>(`/api/archives/categories/${encodeURIComponent(id)}`, body),
  removeCategory: (id: string) => http.delete<string>(`/api/archives/categories/${encodeURIComponent(id)}`),

  list: (filter: DocumentFilter, page: number, pageSize: number, signal?: AbortSignal) =>
    http.get<Page<DocumentSummary>>('/api/archives/documents', { ...filter, page, pageSize }, signal),
  get: (id: string) => http.get<DocumentDetail>(documentPath(id)),
  record: (document: DocumentFields) => http.post<{ id: string; version: number }>('/api/archives/documents', { document }),
  edit: (id: string, version: number, document: DocumentFields) => http.put<{ id: string; version: number }>(documentPath(id), { version, document }),
  remove: (id: string, version: number, reason: string) => http.post<{ id: string; version: number }>(`${documentPath(id)}/remove`, { version, reason }),

  upload: (id: string, file: File, caption: string | null, options?: UploadOptions) => {
    const form = new FormData()
    form.append('file', file)
    if (caption) form.append('caption', caption)
    return http.upload<UploadedFile>(`${documentPath(id)}/files`, form, options)
  },
  download: (documentId: string, fileId: string, options?: DownloadOptions) => http.download(fileContentUrl(documentId, fileId), options),
  extractionProgress: (documentId?: string) => http.get<ExtractionProgress>('/api/archives/extraction-progress', { documentId }),

  startImport: (sheet: File, organizationId: string) => {
    const form = new FormData()
    form.append('file', sheet)
    form.append('organizationId', organizationId)
    return http.upload<StartedImport>('/api/archives/imports', form)
  },
  importFile: (batchId: string, file: File, options?: UploadOptions) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.upload<ImportedFile>(`/api/archives/imports/${encodeURIComponent(batchId)}/files`, form, options)
  },
  importReport: (batchId: string) => http.get<ImportReport>(`/api/archives/imports/${encodeURIComponent(batchId)}`),
  downloadImportReport: (batchId: string, options?: DownloadOptions) =>
    http.download(`/api/archives/imports/${encodeURIComponent(batchId)}/report`, options),
}
