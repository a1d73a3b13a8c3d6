import { http } from '../http'
import type { Page } from '../types'

// Recruitment files (发展党员), /api/workflow/recruitment/…. Server: Modules/Workflow/…/Features/*Recruitment*.

const seg = encodeURIComponent

export interface RecruitmentCard {
  id: string
  personId: string
  personName: string
  organizationId: string
  organizationName: string
  appliedOn: string
  stage: number
  nextStep: number
  nextStepName: string | null
  nextDueOn: string | null
  nextEarliestOn: string | null
  overdue: boolean
  status: string
  version: number
}

export interface StageCount {
  stage: number
  name: string
  count: number
  overdue: number
}

export interface RecruitmentBoard extends Page<RecruitmentCard> {
  stages: StageCount[]
}

/** The details a step records; each step uses the fields its `detailFields` names. */
export interface StepDetails {
  contacts?: string[] | null
  introducers?: string[] | null
  reviewPassed?: boolean | null
  trainingHours?: number | null
  trainingDays?: number | null
  noticeFrom?: string | null
  noticeTo?: string | null
  votingMembers?: number | null
  present?: number | null
  inFavour?: number | null
  outcome?: string | null
  extensionMonths?: number | null
}

export interface RecruitmentStepView {
  number: number
  stage: number
  name: string
  actorRole: string
  actorRoleName: string
  materials: { code: string; name: string }[]
  detailFields: string[]
  state: 'done' | 'next' | 'later'
  completedOn: string | null
  actor: string | null
  opinion: string | null
  materialsFiled: string[] | null
  details: StepDetails | null
  earliestOn: string | null
  dueOn: string | null
  latestOn: string | null
}

export interface RecruitmentFile {
  id: string
  personId: string
  personName: string
  organizationId: string
  organizationName: string
  appliedOn: string
  ruleSetName: string | null
  stage: number
  nextStep: number
  nextDueOn: string | null
  nextEarliestOn: string | null
  overdue: boolean
  status: string
  outcome: string | null
  closedReason: string | null
  closedOn: string | null
  probationEndsOn: string | null
  version: number
  steps: RecruitmentStepView[]
  /** names of the contacts and introducers the steps' details name */
  people: Record<string, string>
}

export interface RecruitmentApplicant {
  id: string
  name: string
  organizationId: string
  organizationName: string
  birthDate: string
}

export interface CompleteStepRequest {
  version: number
  completedOn: string | null
  actor: string
  opinion: string
  materials: string[]
  details: StepDetails
}

export const recruitmentApi = {
  board: (query: { organizationId?: string | null; stage?: number | null; overdue?: boolean; page: number; pageSize: number }) =>
    http.get<RecruitmentBoard>('/api/workflow/recruitment/files', {
      organizationId: query.organizationId ?? undefined,
      stage: query.stage ?? undefined,
      overdue: query.overdue || undefined,
      page: query.page,
      pageSize: query.pageSize,
    }),
  file: (id: string) => http.get<RecruitmentFile>(`/api/workflow/recruitment/files/${seg(id)}`),
  applicants: (name: string | null, page: number, pageSize: number) =>
    http.get<Page<RecruitmentApplicant>>('/api/workflow/recruitment/applicants', { name: name || undefined, page, pageSize }),
  open: (body: { personId: string | null; appliedOn: string | null; opinion: string }) =>
    http.post<{ id: string; version: number }>('/api/workflow/recruitment/files', body),
  complete: (id: string, step: number, body: CompleteStepRequest) =>
    http.post<{ id: string; nextStep: number; status: string; version: number }>(`/api/workflow/recruitment/files/${seg(id)}/steps/${step}`, body),
  close: (id: string, body: { version: number; closedOn: string | null; reason: string }) =>
    http.post<{ id: string; version: number }>(`/api/workflow/recruitment/files/${seg(id)}/close`, body),
}
