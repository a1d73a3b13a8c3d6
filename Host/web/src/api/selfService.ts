import { http } from './http'
import type { Page, PersonView } from './types'

// The member's self-service (GET /api/personnel/me/record, POST /api/personnel/me/proposals) and the branch's review of
// what members propose (/api/personnel/change-proposals). Server: Features/SelfService/ChangeProposals.cs.

export type ProposalStatus = 'pending' | 'approved' | 'rejected'
export const PROPOSAL_STATUSES: readonly ProposalStatus[] = ['pending', 'approved', 'rejected']

/** The personal traits (个人特质) information set; health and children are sensitive (encrypted, hidden from approvers). */
export const TRAIT_FIELDS = ['specialty', 'skills', 'hobbies', 'health', 'children'] as const
export type TraitField = (typeof TRAIT_FIELDS)[number]

/** The member's current traits entry (an information-set entry; their own, so nothing masked). */
export interface TraitsEntry {
  id: string
  set: string
  values: Partial<Record<TraitField, string>>
  masked: boolean
  updatedAt: string
  version: number
}

/** One of the member's own proposals, newest first. */
export interface MyProposal {
  id: string
  status: ProposalStatus
  createdAt: string
  decidedAt: string | null
  decisionReason: string | null
  note: string | null
}

export interface MyRecord {
  /** their own record, unmasked */
  person: PersonView
  traits: TraitsEntry | null
  proposals: MyProposal[]
}

/** What a member proposes: only what changes (the rest keeps its value). */
export interface ProposeChangeRequest {
  phone?: string
  traits?: Partial<Record<TraitField, string>>
  note?: string
}

/** A proposal as an approver sees it: ordinary traits as proposed, sensitive fields (phone, health, children) by name only. */
export interface ChangeProposal {
  id: string
  personId: string
  personName: string
  organizationName: string
  status: ProposalStatus
  note: string | null
  createdAt: string
  decidedAt: string | null
  decisionReason: string | null
  version: number
  traits: Partial<Record<TraitField, string>>
  sensitiveFields: string[]
}

export interface DecidedProposal {
  id: string
  status: ProposalStatus
  version: number
}

export const selfServiceApi = {
  /** The signed-in member's own record (404 when the account is linked to none). */
  myRecord: () => http.get<MyRecord>('/api/personnel/me/record'),

  /** 422 `proposal_pending` while one is still open. */
  propose: (body: ProposeChangeRequest) => http.post<{ id: string }>('/api/personnel/me/proposals', body),

  /** Proposals of the people the caller may edit, oldest first. */
  proposals: (status: ProposalStatus, page: number, pageSize: number) =>
    http.get<Page<ChangeProposal>>('/api/personnel/change-proposals', { status, page, pageSize }),

  /** Approves (written as proposed) or returns (reason required) against the version read; a 409 says someone decided first. */
  decide: (id: string, version: number, approve: boolean, reason: string | null) =>
    http.post<DecidedProposal>(`/api/personnel/change-proposals/${encodeURIComponent(id)}/decision`, { version, approve, reason }),
}
