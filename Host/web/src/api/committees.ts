import { http } from './http'
import type { PeoplePage } from './types'

/**
 * Committees by term (班子任期) of the party organisations: Features/ListCommitteeTerms, ElectCommittee,
 * AddCommitteeMember, EndCommitteeMembership and the rule set (ListRuleSets) the election hints come from.
 */

/** 书记 … 委员, in the server's order (Domain/CommitteeRules.cs). */
export const COMMITTEE_POSTS = ['secretary', 'deputy_secretary', 'organization', 'propaganda', 'discipline', 'youth', 'women', 'member'] as const
export type CommitteePost = (typeof COMMITTEE_POSTS)[number]

/** 等额 or 差额选举. */
export const ELECTION_METHODS = ['equal', 'competitive'] as const
export type ElectionMethod = (typeof ELECTION_METHODS)[number]

/** in_term, expiring (within the rule set's notice), expired — for the current term; ended for the others. */
export type TermState = 'in_term' | 'expiring' | 'expired' | 'ended'

export interface CommitteeMember {
  id: string
  personId: string
  personName: string
  post: CommitteePost | string
  /** YYYY-MM-DD */
  fromOn: string
  /** YYYY-MM-DD; null while the member sits */
  toOn: string | null
  /** why the member left: the reason typed in, or 'term_ended' when the next election ended the term */
  endReason: string | null
}

export interface CommitteeTerm {
  id: string
  termNumber: number
  electedOn: string
  termYears: number
  endsOn: string
  entitledVoters: number
  presentVoters: number
  electionMethod: ElectionMethod | string
  approvalDocument: string | null
  notes: string | null
  status: 'current' | 'ended' | string
  endedOn: string | null
  /** the version a change of the members must send back */
  version: number
  state: TermState | string
  /** by start date and post */
  members: CommitteeMember[]
}

export interface ElectCommitteeRequest {
  electedOn: string
  entitledVoters: number
  presentVoters: number
  electionMethod: string
  approvalDocument: string | null
  notes: string | null
  members: { personId: string; post: string }[]
}

export interface ElectedCommittee {
  termId: string
  termNumber: number
  endsOn: string
}

export interface CommitteeTermVersion {
  termId: string
  version: number
}

/** The numbers of one rule set version the committee pages use (missing ones: the 2014 figures). */
export interface CommitteeRuleNumbers {
  electionQuorumPercent?: number
  committeeThresholdMembers?: number
  termReminderMonths?: number
  committeeTermYears?: number
  branchTermYears?: number
}

export interface RuleSetVersion {
  id: string
  name: string
  source: string
  /** YYYY-MM-DD */
  effectiveFrom: string
  rules: CommitteeRuleNumbers
}

export interface RuleSetList {
  /** oldest first */
  versions: RuleSetVersion[]
  inForceId: string | null
}

const seg = encodeURIComponent

export const committeeApi = {
  /** The organisation's terms, newest first, with their members. */
  terms: (organizationId: string) => http.get<CommitteeTerm[]>(`/api/personnel/organizations/${seg(organizationId)}/committee-terms`),

  /** 换届选举: the new term; the current one ends on the election day. */
  elect: (organizationId: string, body: ElectCommitteeRequest) =>
    http.post<ElectedCommittee>(`/api/personnel/organizations/${seg(organizationId)}/committee-terms`, body),

  // Both apply to the term's version read; a 409 says someone else changed the committee first.
  addMember: (termId: string, body: { version: number; personId: string; post: string; fromOn: string; reason: string }) =>
    http.post<CommitteeTermVersion>(`/api/personnel/committee-terms/${seg(termId)}/members`, body),

  endMember: (termId: string, memberId: string, body: { version: number; toOn: string; reason: string }) =>
    http.post<CommitteeTermVersion>(`/api/personnel/committee-terms/${seg(termId)}/members/${seg(memberId)}/end`, body),

  ruleSets: () => http.get<RuleSetList>('/api/personnel/rule-sets'),

  /** Full members of the organisation's subtree whose name matches `keyword` (who may be elected), masked. */
  candidates: (organizationId: string, keyword: string) =>
    http.get<PeoplePage>('/api/personnel/people', {
      organizationId,
      status: 'full_member',
      keyword: keyword.trim(),
      sort: 'name',
      page: 1,
      pageSize: 200,
    }),
}
