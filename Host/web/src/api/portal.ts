import { http } from './http'
import type { Page } from './types'

// The portal (党建门户): announcements and news (/api/archives/announcements, Modules/Archives/…/Features/*Announcement*), and the
// figures other modules publish for it: Analytics' headline statistics and Honors' honour wall.

export type AnnouncementKind = 'notice' | 'news'

export interface AnnouncementSummary {
  id: string
  kind: AnnouncementKind
  title: string
  excerpt: string
  publishedAt: string
  pinned: boolean
  version: number
}

export interface AnnouncementDetail {
  id: string
  kind: AnnouncementKind
  title: string
  /** sanitised on the server (safe to render as HTML) */
  bodyHtml: string
  publishedAt: string
  pinned: boolean
  authorName: string
  updatedAt: string | null
  version: number
}

export interface AnnouncementForm {
  kind: AnnouncementKind
  title: string
  bodyHtml: string
  /** ISO with offset; null = now */
  publishedAt: string | null
  pinned: boolean
}

export interface AnnouncementVersion {
  id: string
  version: number
}

/** GET /api/analytics/headline (Analytics). */
export interface Headline {
  members: number
  branches: number
  probationary: number
  applicants: number
  asOf: string
}

/** GET /api/honors/wall (Honors). */
export interface HonourWallItem {
  kind: 'honour' | 'representative'
  holderName: string
  organizationName: string
  title: string
  level: string
  date: string
}

const base = '/api/archives/announcements'

export const announcementsApi = {
  list: (query: { kind?: AnnouncementKind; scheduled?: boolean; page: number; pageSize: number }) => http.get<Page<AnnouncementSummary>>(base, query),
  get: (id: string) => http.get<AnnouncementDetail>(`${base}/${id}`),
  publish: (announcement: AnnouncementForm) => http.post<AnnouncementVersion>(base, { announcement }),
  update: (id: string, version: number, announcement: AnnouncementForm) => http.put<AnnouncementVersion>(`${base}/${id}`, { version, announcement }),
  pin: (id: string, version: number, pinned: boolean) => http.post<AnnouncementVersion>(`${base}/${id}/pin`, { version, pinned }),
  remove: (id: string, version: number, reason: string) => http.post<AnnouncementVersion>(`${base}/${id}/remove`, { version, reason }),
}

export const portalApi = {
  headline: () => http.get<Headline>('/api/analytics/headline'),
  honourWall: (limit = 12) => http.get<{ items: HonourWallItem[] }>('/api/honors/wall', { limit }),
}
