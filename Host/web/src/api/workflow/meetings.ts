import { http } from '../http'
import type { Page } from '../types'

// Organisational life and the compliance board (/api/workflow/meetings, /compliance). Server: Modules/Workflow/…/Features/*Meeting*,
// GetRoster, GetComplianceBoard.

export const MEETING_TYPES = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'life_meeting',
  'democratic_review',
  'heart_to_heart_talk',
] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

export interface RosterMember {
  id: string
  name: string
  gender: string
  partyStatus: string
  organizationId: string
  organizationName: string
  committeePost: string | null
}

export interface ExcusedAbsence {
  personId: string
  reason: string
}

/** The quick-record form (recording and editing). */
export interface MeetingForm {
  type: string
  /** ISO with the offset of the recorder's clock */
  startsAt: string
  endsAt: string | null
  place: string
  hostPersonId: string | null
  hostName: string | null
  recorderPersonId: string | null
  recorderName: string | null
  topic: string
  resolutions: string | null
  present: string[]
  excused: ExcusedAbsence[]
}

export interface RecordedMeeting {
  id: string
  version: number
  expected: number
  present: number
  quorumRequired: boolean
  quorumMet: boolean | null
  quorumEntitled: number
  quorumPresent: number
  /** in the UI's language, when the quorum was not reached */
  warning: string | null
}

export interface MeetingSummary {
  id: string
  organizationId: string
  organizationName: string
  type: string
  heldOn: string
  startsAt: string
  endsAt: string | null
  place: string
  topic: string
  hostName: string
  recorderName: string
  expected: number
  present: number
  quorumRequired: boolean
  quorumMet: boolean | null
  version: number
  attachmentCount: number
}

export interface AttendanceRow {
  personId: string
  name: string
  partyStatus: string
  status: 'present' | 'excused' | 'absent'
  reason: string | null
}

export interface MeetingAttachment {
  id: string
  fileName: string
  contentType: string
  size: number
  uploadedAt: string
}

export interface MeetingDetail {
  meeting: MeetingSummary
  hostPersonId: string | null
  recorderPersonId: string | null
  resolutions: string | null
  recordedAt: string
  removedAt: string | null
  removedReason: string | null
  attendance: AttendanceRow[]
  attachments: MeetingAttachment[]
}

export interface MeetingQuery {
  organizationId?: string
  heldFrom?: string
  heldTo?: string
  meetingType?: string
  page: number
  pageSize: number
}

export type ComplianceStatus = 'green' | 'yellow' | 'red' | 'upcoming' | 'none'

export interface ComplianceItem {
  type: string
  per: 'month' | 'quarter' | 'year'
  periodStart: string
  periodEnd: string
  held: number
  required: number
  status: ComplianceStatus
}

export interface ComplianceMonth {
  month: number
  status: ComplianceStatus
  items: ComplianceItem[]
}

export interface ComplianceBranch {
  id: string
  name: string
  months: ComplianceMonth[]
}

export interface ComplianceBoard extends Page<ComplianceBranch> {
  year: number
  today: string
}

export const meetingsApi = {
  roster: (organizationId: string) => http.get<RosterMember[]>(`/api/workflow/organizations/${encodeURIComponent(organizationId)}/roster`),
  list: (q: MeetingQuery) => http.get<Page<MeetingSummary>>('/api/workflow/meetings', { ...q }),
  get: (id: string) => http.get<MeetingDetail>(`/api/workflow/meetings/${encodeURIComponent(id)}`),
  record: (organizationId: string, meeting: MeetingForm) => http.post<RecordedMeeting>('/api/workflow/meetings', { organizationId, meeting }),
  update: (id: string, version: number, meeting: MeetingForm) =>
    http.put<RecordedMeeting>(`/api/workflow/meetings/${encodeURIComponent(id)}`, { version, meeting }),
  remove: (id: string, version: number, reason: string) => http.post(`/api/workflow/meetings/${encodeURIComponent(id)}/remove`, { version, reason }),
  upload: (id: string, file: File) => {
    const form = new FormData()
    form.append('file', file)
    return http.upload<MeetingAttachment>(`/api/workflow/meetings/${encodeURIComponent(id)}/attachments`, form)
  },
  download: (id: string, attachmentId: string) =>
    http.download(`/api/workflow/meetings/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`),
  compliance: (organizationId: string | null, year: number, page: number, pageSize: number) =>
    http.get<ComplianceBoard>('/api/workflow/compliance', { organizationId: organizationId ?? undefined, year, page, pageSize }),
}
