import { http } from '../http'
import type { Page } from '../types'

// Compiled volumes (汇编册) and their e-book reader (/api/archives/volumes). Server: Modules/Archives/…/Features/*Volume*.

export interface VolumeForm {
  title: string
  subtitle: string | null
  compiledBy: string | null
  year: number | null
  description: string | null
  /** explicit level; null = the highest of its documents' */
  securityLevel: number | null
}

export interface VolumeSummary {
  id: string
  title: string
  subtitle: string | null
  compiledBy: string | null
  year: number
  description: string | null
  featured: boolean
  hasCover: boolean
  securityLevel: number
  /** the documents the caller may see */
  itemCount: number
  version: number
  recordedAt: string
}

export interface VolumeItem {
  documentId: string
  position: number
  sectionHeading: string | null
  title: string
  docNumber: string | null
  issuedOn: string
  issuingBody: string
  securityLevel: number
}

export interface VolumeDetail {
  volume: VolumeSummary
  items: VolumeItem[]
}

export interface VolumeVersion {
  id: string
  version: number
}

export interface VolumeItemInput {
  documentId: string
  sectionHeading: string | null
}

export interface TocEntry {
  documentId: string
  title: string
  docNumber: string | null
  issuedOn: string
  sectionHeading: string | null
  startPage: number
}

export interface ReaderParagraph {
  text: string
  /** goes on from the previous page: no first-line indent */
  continued: boolean
}

export interface ReaderDocumentPart {
  documentId: string
  title: string
  docNumber: string | null
  issuedOn: string
  issuingBody: string
  sectionHeading: string | null
  pageOfDocument: number
  pagesOfDocument: number
}

export interface ReaderPageContent {
  number: number
  kind: 'cover' | 'toc' | 'document'
  tocEntries: TocEntry[] | null
  document: ReaderDocumentPart | null
  paragraphs: ReaderParagraph[]
}

export interface VolumeReaderPage {
  volumeId: string
  title: string
  subtitle: string | null
  compiledBy: string | null
  year: number
  description: string | null
  hasCover: boolean
  version: number
  totalPages: number
  toc: TocEntry[]
  page: ReaderPageContent
}

/** A document the editor may add (the documents list's summary, filtered by title). */
export interface VolumeCandidate {
  id: string
  title: string
  docNumber: string | null
  issuedOn: string
  issuingBody: string
  securityLevel: number
}

const base = '/api/archives/volumes'

/** The cover picture's address (the version busts the browser's cache after a new upload). */
export const coverUrl = (volume: { id: string; version: number }) => `${base}/${volume.id}/cover?v=${volume.version}`

export const volumesApi = {
  list: (query: { year?: number; featured?: boolean; page: number; pageSize: number }) => http.get<Page<VolumeSummary>>(base, query),
  get: (id: string) => http.get<VolumeDetail>(`${base}/${id}`),
  create: (volume: VolumeForm) => http.post<VolumeVersion>(base, { volume }),
  update: (id: string, version: number, volume: VolumeForm) => http.put<VolumeVersion>(`${base}/${id}`, { version, volume }),
  setCover: (id: string, file: File) => {
    const form = new FormData()
    form.append('file', file)
    return http.upload<VolumeVersion>(`${base}/${id}/cover`, form)
  },
  addItems: (id: string, version: number, items: VolumeItemInput[]) => http.post<VolumeVersion>(`${base}/${id}/items`, { version, items }),
  removeItem: (id: string, documentId: string, version: number) =>
    http.post<VolumeVersion>(`${base}/${id}/items/${documentId}/remove`, { version }),
  reorder: (id: string, version: number, items: VolumeItemInput[]) => http.put<VolumeVersion>(`${base}/${id}/items`, { version, items }),
  feature: (id: string, version: number, featured: boolean) => http.post<VolumeVersion>(`${base}/${id}/feature`, { version, featured }),
  remove: (id: string, version: number, reason: string) => http.post<VolumeVersion>(`${base}/${id}/remove`, { version, reason }),
  reader: (id: string, page: number) => http.get<VolumeReaderPage>(`${base}/${id}/reader`, { page }),
  candidates: (query: { title?: string; page: number; pageSize: number }) => http.get<Page<VolumeCandidate>>('/api/archives/documents', query),
}
