import type { Page } from '../types'
import { http } from '../http'

// 代表委员: 党代表, 人大代表, 政协委员 with their terms; the reminder lists terms ending soon.
// Server: Modules/Honors/…/Features/{RecordRepresentative,UpdateRepresentative,ListRepresentatives}.

/** The levels of each kind of seat (Domain/RepresentativeKinds.cs). */
export const REPRESENTATIVE_LEVELS: Record<string, string[]> = {
  party_congress: ['national', 'provincial', 'municipal', 'county'],
  peoples_congress: ['national', 'provincial', 'municipal', 'county', 'township'],
  cppcc: ['national', 'provincial', 'municipal', 'county'],
}
export const REPRESENTATIVE_KINDS = Object.keys(REPRESENTATIVE_LEVELS)

export interface Representative {
  id: string
  personId: string
  personName: string
  organizationId: string
  organizationName: string
  representativeKind: string
  representativeLevel: string
  body: string
  termStartsOn: string
  termEndsOn: string
  status: 'serving' | 'ended'
  daysLeft: number
  version: number
}

export interface RepresentativeForm {
  personId: string | null
  representativeKind: string
  representativeLevel: string
  body: string
  termStartsOn: string
  termEndsOn: string
}

export const representativesApi = {
  list: (filter: { kind?: string; status?: string; organizationId?: string; name?: string }, page: number, pageSize: number) =>
    http.get<Page<Representative>>('/api/honors/representatives', {
      kind: filter.kind || undefined,
      status: filter.status || undefined,
      organizationId: filter.organizationId || undefined,
      name: filter.name || undefined,
      page,
      pageSize,
    }),
  ending: (days: number, organizationId?: string) =>
    http.get<Page<Representative>>('/api/honors/representatives/ending', { days, organizationId, pageSize: 50 }),
  record: (body: RepresentativeForm) => http.post<{ id: string }>('/api/honors/representatives', body),
  update: (id: string, body: RepresentativeForm & { status: string; version: number }) => http.put(`/api/honors/representatives/${id}`, body),
}
