import type { Page } from '../types'
import { http } from '../http'

// Annual plans and tasks (年初部署, 年度工作布局), committee members' training, quarterly exchanges, year-end nominations.
// Server: Modules/Workflow/…/Features/{SavePlan,AddPlanTask,ReportTaskCompletion,…}.

const seg = encodeURIComponent

export interface PlanSummary {
  id: string
  organizationId: string
  organizationName: string
  year: number
  level: 'committee' | 'branch'
  title: string
  status: 'draft' | 'published'
  tasks: number
  done: number
  version: number
}

export interface BranchProgress {
  organizationId: string
  organizationName: string
  total: number
  done: number
  overdue: number
}

export interface PlanDetail extends Omit<PlanSummary, 'tasks' | 'done'> {
  planSummary: string | null
  publishedAt: string | null
  progress: BranchProgress[]
}

export type TaskStatus = 'open' | 'done' | 'cancelled'

export interface PlanTask {
  id: string
  planId: string
  year: number
  organizationId: string
  organizationName: string
  ownerOrganizationId: string
  ownerName: string
  answersTaskId: string | null
  title: string
  expectedResult: string | null
  dueOn: string
  status: TaskStatus
  completedOn: string | null
  completionNote: string | null
  accepted: boolean
  overdue: boolean
  attachments: number
  version: number
}

export interface PlanTaskDetail {
  task: PlanTask
  files: { id: string; fileName: string; contentType: string; size: number; uploadedAt: string }[]
  history: { action: string; note: string | null; at: string }[]
  linked: PlanTask[]
}

export interface TaskBody {
  title: string
  expectedResult: string
  dueOn: string
}

export interface Training {
  id: string
  personId: string
  personName: string
  post: string | null
  organizationId: string
  organizationName: string
  title: string
  organizer: string
  trainingDate: string
  trainingHours: number
  trainingKind: string
}

export interface ExchangeMeeting {
  id: string
  organizationId: string
  organizationName: string
  year: number
  quarter: number
  exchangeDate: string
  exchangeTopic: string
  exchangeSummary: string | null
  branchNames: string[]
}

export interface Nomination {
  id: string
  organizationId: string
  organizationName: string
  year: number
  nominationKind: 'branch' | 'member'
  personId: string | null
  personName: string | null
  nominationReason: string
  nominationResult: 'pending' | 'selected' | 'not_selected'
  resultNote: string | null
  version: number
}

export const plansApi = {
  plans: (year: number, organizationId: string | null, page = 1, pageSize = 50) =>
    http.get<Page<PlanSummary>>('/api/workflow/plans', { year, organizationId: organizationId ?? undefined, page, pageSize }),
  plan: (id: string) => http.get<PlanDetail>(`/api/workflow/plans/${seg(id)}`),
  createPlan: (body: { organizationId: string; year: number; title: string; planSummary: string }) =>
    http.post<{ id: string; version: number }>('/api/workflow/plans', body),
  publish: (id: string, version: number) => http.post<{ id: string; version: number }>(`/api/workflow/plans/${seg(id)}/publish`, { version }),
  addTask: (planId: string, body: TaskBody & { ownerOrganizationIds: string[] }) =>
    http.post<{ ids: string[] }>(`/api/workflow/plans/${seg(planId)}/tasks`, body),
  tasks: (planId: string, page: number, pageSize: number, ownerOrganizationId?: string) =>
    http.get<Page<PlanTask>>(`/api/workflow/plans/${seg(planId)}/tasks`, { page, pageSize, ownerOrganizationId }),
  branchTasks: (branchId: string, year: number, page: number, pageSize: number) =>
    http.get<Page<PlanTask>>(`/api/workflow/branches/${seg(branchId)}/plan-tasks`, { year, page, pageSize }),
  task: (id: string) => http.get<PlanTaskDetail>(`/api/workflow/plan-tasks/${seg(id)}`),
  cancelTask: (id: string, reason: string, version: number) => http.post(`/api/workflow/plan-tasks/${seg(id)}/cancel`, { reason, version }),
  review: (id: string, accept: boolean, reason: string, version: number) =>
    http.post(`/api/workflow/plan-tasks/${seg(id)}/review`, { accept, reason: reason || null, version }),
  answer: (id: string, body: TaskBody) => http.post<{ id: string }>(`/api/workflow/plan-tasks/${seg(id)}/answers`, body),
  /** multipart: completedOn, completionNote, version and the evidence files */
  reportCompletion: (id: string, completedOn: string, completionNote: string, version: number, files: File[]) => {
    const form = new FormData()
    form.append('completedOn', completedOn)
    form.append('completionNote', completionNote)
    form.append('version', String(version))
    files.forEach((f) => form.append('files', f, f.name))
    return http.upload<{ id: string; version: number }>(`/api/workflow/plan-tasks/${seg(id)}/completion`, form)
  },
  fileUrl: (id: string) => `/api/workflow/plan-task-files/${seg(id)}`,

  trainings: (organizationId: string | null, year: number, page: number, pageSize: number) =>
    http.get<Page<Training> & { totalHours: number }>('/api/workflow/trainings', { organizationId: organizationId ?? undefined, year, page, pageSize }),
  recordTraining: (body: {
    personId: string
    title: string
    organizer: string
    trainingDate: string
    trainingHours: number | null
    trainingKind: string
  }) => http.post('/api/workflow/trainings', body),
  exchanges: (organizationId: string | null, year: number, page: number, pageSize: number) =>
    http.get<Page<ExchangeMeeting>>('/api/workflow/exchange-meetings', { organizationId: organizationId ?? undefined, year, page, pageSize }),
  recordExchange: (body: { organizationId: string; exchangeDate: string; exchangeTopic: string; exchangeBranchIds: string[]; exchangeSummary: string }) =>
    http.post('/api/workflow/exchange-meetings', body),
  nominations: (organizationId: string | null, year: number, page: number, pageSize: number) =>
    http.get<Page<Nomination>>('/api/workflow/nominations', { organizationId: organizationId ?? undefined, year, page, pageSize }),
  recordNomination: (body: { organizationId: string; year: number; nominationKind: string; personId: string | null; nominationReason: string }) =>
    http.post('/api/workflow/nominations', body),
  decideNomination: (id: string, nominationResult: string, resultNote: string, version: number) =>
    http.post(`/api/workflow/nominations/${seg(id)}/result`, { nominationResult, resultNote: resultNote || null, version }),
}
