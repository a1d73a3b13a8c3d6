import { http, type DownloadOptions } from '../http'

// Evaluation rounds (年终述职测评, 民主评议党员) and anonymous ballots. Server: Modules/Workflow/…/Features/*Evaluation*, CastBallot, ListMyBallots.

export type RoundKind = 'annual_review' | 'democratic_review'
export type Electorate = 'committee' | 'all_members'
export const REVIEW_GRADES = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const
export const BRANCH_GRADES = ['good', 'fairly_good', 'average', 'poor'] as const

export interface ScoreItem {
  key: string
  name: string
  maxPoints: number
}

/** The round's numbers, fixed when it opens; shares are "more than" (0.5 = more than half). */
export interface EvaluationConfig {
  minTurnout: number
  unqualifiedShare: number
  basicallyQualifiedShare: number
  excellentShare: number
  items: ScoreItem[]
  goodFrom: number
  fairlyGoodFrom: number
  averageFrom: number
}

export interface EvaluationRound {
  id: string
  organizationId: string
  organizationName: string
  kind: RoundKind
  year: number
  title: string
  startsOn: string
  endsOn: string
  electorate: Electorate
  status: 'open' | 'closed'
  valid: boolean | null
  eligibleCount: number
  votedCount: number
  subjectCount: number
  reportsSubmitted: number
  config: EvaluationConfig
  version: number
}

export interface OpenRoundBody {
  organizationId: string | null
  roundKind: RoundKind
  year: number
  roundTitle: string
  votingStartsOn: string
  votingEndsOn: string
  electorate: Electorate
  config: EvaluationConfig
}

export interface EvaluationReport {
  organizationId: string
  organizationName: string
  status: 'missing' | 'submitted' | 'returned'
  text: string | null
  attachmentId: string | null
  fileName: string | null
  returnReason: string | null
  submittedAt: string | null
  version: number | null
}

export interface SubjectResult {
  subjectId: string
  name: string
  /** votes per grade (民主评议) or average points per sheet item (述职测评) */
  counts: Record<string, number>
  score: number | null
  grade: string | null
}

export interface EvaluationResults {
  roundId: string
  kind: RoundKind
  year: number
  title: string
  valid: boolean
  eligibleCount: number
  ballotCount: number
  turnout: number
  grades: Record<string, number>
  subjects: Paged<SubjectResult>
}

export interface Paged<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface MyBallot {
  roundId: string
  kind: RoundKind
  year: number
  title: string
  organizationName: string
  startsOn: string
  endsOn: string
  voted: boolean
  started: boolean
  items: ScoreItem[]
  subjects: { id: string; name: string }[]
}

export interface MyBallots extends Paged<MyBallot> {
  /** false: the account has no employee number matching a member */
  linked: boolean
}

export interface BallotMark {
  subjectId: string
  grade?: string
  scores?: Record<string, number>
}

const base = '/api/workflow/evaluations'

export const evaluationsApi = {
  rounds: (query: { organizationId?: string; year?: number; kind?: string }, page: number, pageSize: number) =>
    http.get<Paged<EvaluationRound>>(`${base}/rounds`, { ...query, page, pageSize }),
  open: (body: OpenRoundBody) => http.post<{ id: string; eligibleCount: number; subjectCount: number }>(`${base}/rounds`, body),
  close: (roundId: string) => http.post<{ valid: boolean }>(`${base}/rounds/${roundId}/close`),
  results: (roundId: string, page: number, pageSize: number) =>
    http.get<EvaluationResults>(`${base}/rounds/${roundId}/results`, { page, pageSize }),
  reports: (roundId: string, page: number, pageSize: number) =>
    http.get<Paged<EvaluationReport>>(`${base}/rounds/${roundId}/reports`, { page, pageSize }),
  submitReport: (roundId: string, organizationId: string, reportText: string, file: File | null) => {
    const form = new FormData()
    form.append('organizationId', organizationId)
    form.append('reportText', reportText)
    if (file) form.append('file', file)
    return http.upload<{ version: number }>(`${base}/rounds/${roundId}/reports`, form)
  },
  returnReport: (roundId: string, organizationId: string, reason: string, version: number) =>
    http.post(`${base}/rounds/${roundId}/reports/${organizationId}/return`, { reason, version }),
  attachment: (attachmentId: string, options: DownloadOptions) => http.download(`${base}/attachments/${attachmentId}`, options),
  myBallots: () => http.get<MyBallots>(`${base}/my-ballots`, { page: 1, pageSize: 50 }),
  cast: (roundId: string, marks: BallotMark[]) => http.post(`${base}/rounds/${roundId}/ballot`, { marks }),
}
