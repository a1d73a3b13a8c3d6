import type { Page } from '../types'
import { http } from '../http'

// Members' study: sessions (大课, 小课, 集中学习) with participants, hours per member and branch, achievements (学习成果).
// Server: Modules/Workflow/…/Features/{RecordStudySession,GetStudyHours,…}.

export type SessionKind = 'big_class' | 'small_class' | 'centralised'
export const SESSION_KINDS: SessionKind[] = ['centralised', 'big_class', 'small_class']

export interface StudySession {
  id: string
  organizationId: string
  organizationName: string
  sessionDate: string
  sessionTopic: string
  sessionHours: number
  sessionKind: SessionKind
  participants: number
}

export interface BranchStudyHours {
  organizationId: string
  organizationName: string
  members: number
  totalHours: number
  belowMinimum: number
}

export interface MemberStudyHours {
  personId: string
  personName: string
  organizationId: string
  organizationName: string
  sessions: number
  hours: number
  belowMinimum: boolean
}

export interface StudyHoursReport extends Page<MemberStudyHours> {
  year: number
  /** from the rule set in force at the year's end (local practice) */
  minimumHours: number
  branches: BranchStudyHours[]
}

export interface StudyAchievement {
  id: string
  organizationId: string
  organizationName: string
  personId: string | null
  personName: string | null
  year: number
  achievementTitle: string
  achievementSummary: string
  featured: boolean
}

export const studyApi = {
  sessions: (organizationId: string | null, year: number, page: number, pageSize: number) =>
    http.get<Page<StudySession>>('/api/workflow/study-sessions', { organizationId: organizationId ?? undefined, year, page, pageSize }),
  recordSession: (body: {
    organizationId: string
    sessionDate: string
    sessionTopic: string
    sessionHours: number | null
    sessionKind: string
    participantIds: string[]
  }) => http.post<{ id: string; participants: number }>('/api/workflow/study-sessions', body),
  hours: (organizationId: string, year: number, belowOnly: boolean, page: number, pageSize: number) =>
    http.get<StudyHoursReport>('/api/workflow/study-hours', { organizationId, year, belowOnly, page, pageSize }),
  achievements: (organizationId: string | null, year: number, featured: boolean | null, page: number, pageSize: number) =>
    http.get<Page<StudyAchievement>>('/api/workflow/study-achievements', {
      organizationId: organizationId ?? undefined,
      year,
      featured: featured ?? undefined,
      page,
      pageSize,
    }),
  recordAchievement: (body: {
    organizationId: string
    personId: string | null
    year: number
    achievementTitle: string
    achievementSummary: string
    featured: boolean
  }) => http.post('/api/workflow/study-achievements', body),
}
