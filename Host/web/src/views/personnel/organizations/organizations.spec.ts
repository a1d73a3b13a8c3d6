import { describe, expect, it } from 'vitest'
import type { OrganizationHistoryEntry, PersonnelOrganization } from '@/api/types'
import { ORG_TYPES, childTypes, maySitUnder, orgTypeIcon, orgTypeTag, sameKind } from '@/codes/orgTypes'
import { orgMatches } from '@/components/orgTreeFilter'
import { buildTree } from '@/utils/tree'
import type { OrgNode } from '../useOrganizations'
import { describeHistory, historyType } from './history'
import { changeRefusal, createRefusal, dissolveBlockers, mergeRefusal, moveRefusal } from './placement'

describe('organisation type rules (Domain/OrganizationRules.cs)', () => {
  it('puts party organisations under party organisations only', () => {
    expect(maySitUnder('general_branch', 'committee')).toBe(true)
    expect(maySitUnder('branch', 'general_branch')).toBe(true)
    expect(maySitUnder('temporary_branch', 'committee')).toBe(true)
    expect(maySitUnder('branch', 'branch')).toBe(false)
    expect(maySitUnder('branch', 'union')).toBe(false)
    expect(maySitUnder('general_branch', 'general_branch')).toBe(false)
    for (const branch of ['branch', 'joint_branch', 'temporary_branch']) expect(maySitUnder('party_group', branch), branch).toBe(true)
    expect(maySitUnder('party_group', 'committee')).toBe(false)
    expect(maySitUnder('party_group', 'general_branch')).toBe(false)
  })

  it('puts mass and united-front organisations under the committee or their own kind', () => {
    expect(maySitUnder('women_workers', 'union')).toBe(true)
    expect(maySitUnder('women_workers', 'youth_league')).toBe(false)
    expect(maySitUnder('youth_league_branch', 'youth_league')).toBe(true)
    expect(maySitUnder('youth_league_branch', 'union')).toBe(false)
    expect(maySitUnder('united_front', 'united_front')).toBe(true)
    expect(maySitUnder('union', 'branch')).toBe(false)
    for (const type of ORG_TYPES.filter((t) => t !== 'party_group')) expect(maySitUnder(type, 'committee'), type).toBe(true)
  })

  it('knows nothing of unknown types', () => {
    expect(maySitUnder('club', 'committee')).toBe(false)
    expect(maySitUnder('branch', 'club')).toBe(false)
    expect(childTypes('club')).toEqual([])
  })

  it('offers under each type the types that may sit there, in the code table order', () => {
    expect(childTypes('branch')).toEqual(['party_group'])
    expect(childTypes('general_branch')).toEqual(['branch', 'joint_branch', 'temporary_branch'])
    expect(childTypes('union')).toEqual(['union', 'women_workers'])
    expect(childTypes('party_group')).toEqual([])
    expect(childTypes('committee')).toEqual(ORG_TYPES.filter((t) => t !== 'party_group'))
  })

  it('treats the branch types as one kind for merging', () => {
    expect(sameKind('temporary_branch', 'branch')).toBe(true)
    expect(sameKind('joint_branch', 'temporary_branch')).toBe(true)
    expect(sameKind('union', 'union')).toBe(true)
    expect(sameKind('branch', 'general_branch')).toBe(false)
    expect(sameKind('union', 'women_workers')).toBe(false)
  })

  it('gives every type an icon and a tag colour', () => {
    expect(orgTypeIcon('committee')).toBe('OfficeBuilding')
    expect(orgTypeIcon('joint_branch')).toBe('Flag')
    expect(orgTypeTag('branch')).toBe('primary')
    expect(orgTypeTag('union')).toBe('success')
    expect(orgTypeTag('club')).toBe('info')
  })
})

// 党委 ─┬ 总支 ─ 一支部 ─ 小组
//       ├ 二支部
//       ├ 临时支部
//       ├ 工会 ─ 女工委
//       ├ 团委
//       └ 旧支部 (dissolved)
function tree(): Map<string, OrgNode> {
  const org = (id: string, parentId: string | null, name: string, type: string, extra: Partial<PersonnelOrganization> = {}) => ({
    id,
    parentId,
    code: id.toUpperCase(),
    name,
    type,
    memberCount: 0,
    peopleCount: 0,
    status: 'active',
    unit: null,
    version: 1,
    ...extra,
  })
  const roots = buildTree([
    org('root', null, '党委', 'committee'),
    org('gb', 'root', '总支', 'general_branch'),
    org('b1', 'gb', '一支部', 'branch', { peopleCount: 12 }),
    org('g1', 'b1', '小组', 'party_group'),
    org('b2', 'root', '二支部', 'branch'),
    org('tb', 'root', '临时支部', 'temporary_branch'),
    org('union', 'root', '工会', 'union'),
    org('ww', 'union', '女工委', 'women_workers'),
    org('league', 'root', '团委', 'youth_league'),
    org('old', 'root', '旧支部', 'branch', { status: 'dissolved' }),
  ])
  const byId = new Map<string, OrgNode>()
  const visit = (nodes: OrgNode[]) => nodes.forEach((n) => (byId.set(n.id, n), visit(n.children)))
  visit(roots)
  return byId
}

describe('drop and picker hints', () => {
  const o = tree()
  const node = (id: string) => o.get(id)!

  it('lets a party group move to another branch of any branch type, and nowhere else', () => {
    expect(moveRefusal(node('g1'), node('b2'))).toBeNull()
    expect(moveRefusal(node('g1'), node('tb'))).toBeNull()
    expect(moveRefusal(node('g1'), node('gb'))).toBe('typeNotAllowed')
    expect(moveRefusal(node('g1'), node('root'))).toBe('typeNotAllowed')
    expect(moveRefusal(node('g1'), node('union'))).toBe('typeNotAllowed')
  })

  it('refuses the current parent, the organisation itself and anything below it', () => {
    expect(moveRefusal(node('g1'), node('b1'))).toBe('sameParent')
    expect(moveRefusal(node('gb'), node('gb'))).toBe('underItself')
    expect(moveRefusal(node('b1'), node('g1'))).toBe('underItself')
  })

  it('refuses a closed target, a closed organisation and the root', () => {
    expect(moveRefusal(node('g1'), node('old'))).toBe('targetClosed')
    expect(moveRefusal(node('old'), node('gb'))).toBe('closed')
    expect(moveRefusal(node('root'), node('gb'))).toBe('root')
    expect(changeRefusal(node('root'))).toBe('root')
    expect(changeRefusal(node('old'))).toBe('closed')
    expect(changeRefusal(node('b2'))).toBeNull()
  })

  it('takes a branch out of the general branch up to the committee', () => {
    expect(moveRefusal(node('b1'), node('root'))).toBeNull()
    expect(moveRefusal(node('b2'), node('gb'))).toBeNull()
    expect(moveRefusal(node('ww'), node('root'))).toBeNull()
    expect(moveRefusal(node('ww'), node('league'))).toBe('typeNotAllowed')
  })

  it('merges only into an active organisation of the same kind outside its own subtree', () => {
    expect(mergeRefusal(node('tb'), node('b2'))).toBeNull()
    expect(mergeRefusal(node('b2'), node('b1'))).toBeNull()
    expect(mergeRefusal(node('b2'), node('b2'))).toBe('intoItself')
    expect(mergeRefusal(node('b2'), node('gb'))).toBe('otherKind')
    expect(mergeRefusal(node('b2'), node('old'))).toBe('targetClosed')
    expect(mergeRefusal(node('gb'), node('b1'))).toBe('underItself')
    expect(mergeRefusal(node('old'), node('b2'))).toBe('closed')
  })

  it('creates only under an active organisation', () => {
    expect(createRefusal(node('b2'))).toBeNull()
    expect(createRefusal(node('old'))).toBe('closed')
  })

  it('counts what stands in the way of dissolving: active children and own people', () => {
    expect(dissolveBlockers(node('b1'))).toEqual({ children: 1, people: 12 })
    expect(dissolveBlockers(node('b2'))).toEqual({ children: 0, people: 0 })
    expect(dissolveBlockers(node('root')).children).toBe(5) // six children, the dissolved branch not counted
  })
})

describe('tree search', () => {
  const org = { name: '机关第一党支部', code: 'RS-01' }
  it('matches the name or the code, any case, blanks ignored', () => {
    expect(orgMatches('', org)).toBe(true)
    expect(orgMatches('   ', org)).toBe(true)
    expect(orgMatches('第一', org)).toBe(true)
    expect(orgMatches(' rs-01 ', org)).toBe(true)
    expect(orgMatches('RS-02', org)).toBe(false)
    expect(orgMatches('工会', org)).toBe(false)
    expect(orgMatches('x', { name: null, code: null })).toBe(false)
  })
})

describe('history lines', () => {
  const entry = (changeType: string, before: Record<string, unknown> | null, after: Record<string, unknown>): OrganizationHistoryEntry => ({
    id: 1,
    changeType,
    effectiveOn: '2025-03-01',
    reason: '原因',
    before,
    after,
    recordedAt: '2025-03-01T08:00:00Z',
    recordedBy: null,
  })

  it('says what a creation, a rename and a move changed', () => {
    expect(describeHistory(entry('created', null, { code: 'RS-01-3', name: '第三党小组', type: 'party_group' }), 'x')).toEqual({
      key: 'created',
      params: { name: '第三党小组', code: 'RS-01-3' },
    })
    expect(describeHistory(entry('renamed', { name: '旧名' }, { name: '新名' }), 'x')).toEqual({ key: 'renamed', params: { from: '旧名', to: '新名' } })
    expect(describeHistory(entry('moved', { parentId: 'a', parentName: null }, { parentId: 'b', parentName: '总支' }), 'x')).toEqual({
      key: 'moved',
      params: { from: '—', to: '总支' },
    })
  })

  it('reads a merge from the side of the organisation shown', () => {
    const merged = { sourceId: 's', sourceName: '二支部', targetId: 't', targetName: '一支部', children: 2, people: 9 }
    expect(describeHistory(entry('merged', { status: 'active' }, merged), 's')).toEqual({ key: 'mergedInto', params: { target: '一支部' } })
    expect(describeHistory(entry('merged', null, merged), 't')).toEqual({
      key: 'mergedFrom',
      params: { source: '二支部', children: 2, people: 9 },
    })
  })

  it('leaves a dissolution and unknown kinds to their name', () => {
    expect(describeHistory(entry('dissolved', { status: 'active' }, { status: 'dissolved', dissolvedOn: '2025-03-01' }), 'x')).toBeNull()
    expect(describeHistory(entry('renumbered', null, {}), 'x')).toBeNull()
    expect(historyType('dissolved')).toBe('danger')
    expect(historyType('renumbered')).toBe('info')
  })
})
