import type { Page } from '../types'
import { http, type DownloadOptions } from '../http'

// 荣誉库: honours of people and organisations, proposed by branches and approved by the committee; statistics, import/export;
// 光荣在党50年 candidates; the portal's honour wall. Server: Modules/Honors/…/Features/*.

export const HONOUR_TYPES = [
  'outstanding_member',
  'outstanding_party_worker',
  'advanced_organization',
  'honorary_title',
  'other_commendation',
  'fifty_years_in_party',
  'july_first_medal',
] as const
export type HonourType = (typeof HONOUR_TYPES)[number]
/** Highest first (Domain/HonourLevels.cs). */
export const HONOUR_LEVELS = ['national', 'ministerial_provincial', 'bureau', 'institute'] as const
export type HonourLevel = (typeof HONOUR_LEVELS)[number]
/** The types an organisation may hold (the others go to people; 荣誉称号 and 其他表彰 to both). */
export const ORGANIZATION_TYPES: readonly string[] = ['advanced_organization', 'honorary_title', 'other_commendation']
export const PERSON_TYPES: readonly string[] = HONOUR_TYPES.filter((t) => t !== 'advanced_organization')
export type HonourStatus = 'pending' | 'rejected' | 'approved' | 'withdrawn'

export interface HonourFilter {
  status?: HonourStatus
  level?: string
  type?: string
  year?: number
  organizationId?: string
  name?: string
}

export interface HonourSummary {
  id: string
  organizationId: string
  organizationName: string
  personId: string | null
  personName: string | null
  honourType: string
  honourLevel: string
  title: string
  conferringBody: string
  awardedOn: string
  documentNumber: string | null
  status: HonourStatus
  rejectionReason: string | null
  certificates: number
  version: number
}

export interface HonourDetail extends HonourSummary {
  withdrawalReason: string | null
  certificateFiles: { id: string; fileName: string; contentType: string; size: number }[]
  history: { action: string; reason: string | null; actedAt: string }[]
}

export interface HonourForm {
  personId: string | null
  organizationId: string | null
  honourType: string
  honourLevel: string
  title: string
  conferringBody: string
  awardedOn: string
  documentNumber: string | null
}

export interface ImportPreview {
  rows: number
  valid: number
  errors: { row: number; field: string; message: string }[]
}

export interface HonourStatistics {
  fromYear: number
  toYear: number
  counts: { year: number; honourLevel: string; honourType: string; count: number }[]
}

export interface FiftyYearCandidate {
  personId: string
  name: string
  gender: string
  organizationId: string
  organizationName: string
  joinedOn: string | null
  convertedOn: string | null
  partyAgeFrom: string
  fiftyYearsOn: string
  proposed: boolean
}

const query = (f: HonourFilter) => ({
  status: f.status,
  level: f.level || undefined,
  type: f.type || undefined,
  year: f.year || undefined,
  organizationId: f.organizationId || undefined,
  name: f.name || undefined,
})

const file = (f: File) => {
  const form = new FormData()
  form.append('file', f)
  return form
}

export const honoursApi = {
  list: (filter: HonourFilter, page: number, pageSize: number) =>
    http.get<Page<HonourSummary>>('/api/honors/honours', { ...query(filter), page, pageSize }),
  get: (id: string) => http.get<HonourDetail>(`/api/honors/honours/${encodeURIComponent(id)}`),
  propose: (body: HonourForm) => http.post<{ id: string; version: number }>('/api/honors/honours', body),
  update: (id: string, body: HonourForm & { version: number }) => http.put<{ id: string; version: number }>(`/api/honors/honours/${id}`, body),
  approve: (id: string, version: number) => http.post(`/api/honors/honours/${id}/approve`, { version }),
  reject: (id: string, reason: string, version: number) => http.post(`/api/honors/honours/${id}/reject`, { reason, version }),
  withdraw: (id: string, reason: string, version: number) => http.post(`/api/honors/honours/${id}/withdraw`, { reason, version }),
  uploadCertificate: (id: string, f: File) => http.upload(`/api/honors/honours/${id}/certificates`, file(f)),
  certificateUrl: (id: string, certificateId: string) => `/api/honors/honours/${id}/certificates/${certificateId}`,
  export: (filter: HonourFilter, options: DownloadOptions) => {
    const params = new URLSearchParams(
      Object.entries(query(filter)).filter((e): e is [string, string | number] => e[1] !== undefined).map(([k, v]) => [k, String(v)]),
    )
    return http.download(`/api/honors/honours/export?${params}`, options)
  },
  previewImport: (f: File) => http.upload<ImportPreview>('/api/honors/honours/import/preview', file(f)),
  commitImport: (f: File) => http.upload<{ imported: number }>('/api/honors/honours/import', file(f)),
  statistics: (fromYear: number, toYear: number, organizationId?: string) =>
    http.get<HonourStatistics>('/api/honors/statistics', { fromYear, toYear, organizationId }),
  fiftyYearCandidates: (year: number, organizationId?: string) =>
    http.get<{ year: number; presentationDay: string; items: FiftyYearCandidate[] }>('/api/honors/fifty-years/candidates', { year, organizationId }),
}
