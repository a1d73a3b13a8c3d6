import { describe, expect, it } from 'vitest'
import type { CommitteeMember, CommitteeTerm, RuleSetVersion } from '@/api/committees'
import type { OrganizationHistoryEntry } from '@/api/types'
import { buildTree } from '@/utils/tree'
import type { OrgNode } from '../useOrganizations'
import {
  committeeSize,
  daysBetween,
  hasTerms,
  leftDuringTerm,
  quorum,
  rulesAt,
  secretaryProblem,
  sittingMembers,
  splitRowErrors,
  subtreeMembers,
  termState,
} from './committee'
import { ORG_DETAIL_TABS } from './detailTabs'
import { describeHistory, historyType } from './history'

const version = (effectiveFrom: string, rules: RuleSetVersion['rules']): RuleSetVersion => ({
  id: effectiveFrom,
  name: effectiveFrom,
  source: 'test',
  effectiveFrom,
  rules,
})

describe('the election quorum (more than 80 % present)', () => {
  it('says how many must be present once the entitled voters are known', () => {
    expect(quorum(null, null, 80)).toEqual({ status: 'incomplete', needed: null })
    expect(quorum(0, 5, 80)).toEqual({ status: 'incomplete', needed: null })
    expect(quorum(10, null, 80)).toEqual({ status: 'incomplete', needed: 9 })
    expect(quorum(5, null, 80).needed).toBe(5)
    expect(quorum(7, null, 80).needed).toBe(6)
  })

  it('is valid only strictly above the share, as the server counts (present × 100 > entitled × percent)', () => {
    expect(quorum(10, 8, 80).status).toBe('short') // exactly 80 % is not enough
    expect(quorum(10, 9, 80).status).toBe('valid')
    expect(quorum(5, 4, 80).status).toBe('short')
    expect(quorum(5, 5, 80).status).toBe('valid')
    expect(quorum(7, 6, 80).status).toBe('valid')
    expect(quorum(7, 5, 80).status).toBe('short')
  })

  it('follows the percentage of the rule set', () => {
    expect(quorum(10, 7, 66)).toEqual({ status: 'valid', needed: 7 })
    expect(quorum(10, 6, 66)).toEqual({ status: 'short', needed: 7 })
  })

  it('refuses more present than entitled', () => {
    expect(quorum(10, 11, 80).status).toBe('exceeds')
  })
})

describe('the rule set in force', () => {
  const versions = [version('2027-01-01', { electionQuorumPercent: 66 }), version('2014-01-01', {})]

  it('takes the latest version in force on the date, with the 2014 figures for what it leaves out', () => {
    expect(rulesAt(versions, '2026-06-01').electionQuorumPercent).toBe(80)
    expect(rulesAt(versions, '2027-01-01').electionQuorumPercent).toBe(66)
    expect(rulesAt(versions, '2027-01-01').branchTermYears).toBe(3)
  })

  it('takes the first version before any is in force, the latest without a date, the 2014 figures without versions', () => {
    expect(rulesAt(versions, '2000-01-01').electionQuorumPercent).toBe(80)
    expect(rulesAt(versions, null).electionQuorumPercent).toBe(66)
    expect(rulesAt([], '2026-01-01')).toEqual({
      electionQuorumPercent: 80,
      committeeThresholdMembers: 7,
      termReminderMonths: 6,
      committeeTermYears: 5,
      branchTermYears: 3,
    })
  })
})

describe('which organisations elect a committee, and how large', () => {
  it('offers terms to party committees, general branches and branches only', () => {
    for (const type of ['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch']) expect(hasTerms(type), type).toBe(true)
    for (const type of ['party_group', 'union', 'youth_league', 'united_front', 'club']) expect(hasTerms(type), type).toBe(false)
  })

  it('shows the 班子任期 tab only for them', () => {
    const tabsOf = (type: string) =>
      ORG_DETAIL_TABS.filter((tab) => !tab.shownFor || tab.shownFor({ type } as OrgNode)).map((tab) => tab.name)
    expect(tabsOf('general_branch')).toEqual(['basics', 'committee', 'history'])
    expect(tabsOf('party_group')).toEqual(['basics', 'history'])
    expect(tabsOf('union')).toEqual(['basics', 'history'])
  })

  it('sizes the committee by membership: 3–7 from the threshold, else a secretary and at most a deputy; 3–15 for a 党委', () => {
    expect(committeeSize('branch', 7, { committeeThresholdMembers: 7 })).toEqual({ min: 3, max: 7 })
    expect(committeeSize('branch', 6, { committeeThresholdMembers: 7 })).toEqual({ min: 1, max: 2 })
    expect(committeeSize('general_branch', 6, {})).toEqual({ min: 1, max: 2 })
    expect(committeeSize('committee', 2, { committeeThresholdMembers: 7 })).toEqual({ min: 3, max: 15 })
  })

  it('counts the party members of the organisation and everything below it', () => {
    const org = (id: string, parentId: string | null, memberCount: number) => ({
      id,
      parentId,
      name: id,
      type: 'branch',
      code: id,
      memberCount,
      peopleCount: memberCount,
      status: 'active',
      unit: null,
      version: 1,
    })
    const [root] = buildTree([org('b', null, 8), org('g1', 'b', 2), org('g2', 'b', 1)]) as OrgNode[]
    expect(subtreeMembers(root)).toBe(11)
    expect(subtreeMembers(root.children[0])).toBe(2)
  })
})

describe('the state of a term', () => {
  it('counts calendar days between two dates', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30)
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1)
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2) // a leap year
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2) // across a daylight-saving change, wherever the browser is
  })

  it('labels the server state: green in term, orange with the days left, red with the days overdue', () => {
    expect(termState({ state: 'in_term', endsOn: '2029-01-10' }, '2026-01-10')).toEqual({ key: 'inTerm', tag: 'success', days: 1096 })
    expect(termState({ state: 'expiring', endsOn: '2026-03-01' }, '2026-01-30')).toEqual({ key: 'expiring', tag: 'warning', days: 30 })
    expect(termState({ state: 'expired', endsOn: '2026-01-01' }, '2026-01-11')).toEqual({ key: 'expired', tag: 'danger', days: 10 })
    expect(termState({ state: 'ended', endsOn: '2026-01-01' }, '2026-01-11')).toEqual({ key: 'ended', tag: 'info', days: 0 })
  })

  it('tells the sitting members from those who left during the term and those the next election ended', () => {
    const member = (id: string, toOn: string | null, endReason: string | null): CommitteeMember => ({
      id,
      personId: id,
      personName: id,
      post: 'member',
      fromOn: '2023-01-01',
      toOn,
      endReason,
    })
    const term = {
      members: [member('a', null, null), member('b', '2024-05-01', '工作调动'), member('c', '2026-01-01', 'term_ended')],
    } as CommitteeTerm
    expect(sittingMembers(term).map((m) => m.id)).toEqual(['a'])
    expect(leftDuringTerm(term).map((m) => m.id)).toEqual(['b'])
  })
})

describe('the members editor', () => {
  it('hints at a missing or a second secretary', () => {
    expect(secretaryProblem([{ post: 'deputy_secretary' }, { post: '' }])).toBe('none')
    expect(secretaryProblem([{ post: 'secretary' }, { post: 'secretary' }])).toBe('many')
    expect(secretaryProblem([{ post: 'secretary' }, { post: 'deputy_secretary' }])).toBeNull()
  })

  it('maps the server errors of members[i].x to their rows and leaves the rest to the form', () => {
    const { rows, rest } = splitRowErrors(
      {
        'members[1].personId': ['人员须为本组织的正式党员。'],
        'members[0].post': ['职务不是已知的委员职务。'],
        'members[1].post': ['职务不是已知的委员职务。', '再说一遍。'],
        'Members[12].PersonId': ['大小写不同的字段名'],
        members: ['委员中须有且只有一名书记。'],
        presentVoters: ['实到会人数须超过应到会人数的 80%。'],
        'otherList[0].personId': ['别的列表'],
      },
      'members',
    )
    expect(rows).toEqual({
      0: { post: '职务不是已知的委员职务。' },
      1: { personId: '人员须为本组织的正式党员。', post: '职务不是已知的委员职务。 再说一遍。' },
      12: { personId: '大小写不同的字段名' },
    })
    expect(rest).toEqual({
      members: ['委员中须有且只有一名书记。'],
      presentVoters: ['实到会人数须超过应到会人数的 80%。'],
      'otherList[0].personId': ['别的列表'],
    })
  })

  it('has nothing to map without errors', () => {
    expect(splitRowErrors(undefined, 'members')).toEqual({ rows: {}, rest: {} })
  })
})

describe('committee entries in the organisation history', () => {
  const entry = (changeType: string, after: Record<string, unknown>): OrganizationHistoryEntry =>
    ({ id: 1, changeType, effectiveOn: '2026-01-10', reason: null, before: null, after, recordedAt: '', recordedBy: null })

  it('describes an election with its term, members and end, and leaves member changes to their reason', () => {
    expect(describeHistory(entry('committee_elected', { termNumber: 2, endsOn: '2029-01-10', members: 5 }), 'o')).toEqual({
      key: 'committeeElected',
      params: { number: '2', members: '5', endsOn: '2029-01-10' },
    })
    expect(describeHistory(entry('committee_changed', { added: 'p', post: 'member' }), 'o')).toBeNull()
    expect(historyType('committee_elected')).toBe('success')
  })
})
