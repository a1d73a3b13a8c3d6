import { describe, expect, it } from 'vitest'
import { MENU, filterMenu, isAllowed, type MenuKey } from './menu'
import zhCN from '@/locales/zh-CN'

const keys = (perms: string[]) => filterMenu(MENU, perms).flatMap((g) => g.items.map((i) => i.key))
const groupKeys = (perms: string[]) => filterMenu(MENU, perms).map((g) => g.key)

describe('menu filter', () => {
  it('shows nothing (and no empty group) without permissions', () => {
    expect(keys([])).toEqual([])
    expect(groupKeys([])).toEqual([])
  })

  it('shows only the entries whose permission is held', () => {
    expect(keys(['personnel.read', 'honors.read'])).toEqual(['personnel', 'people', 'honors', 'representatives', 'fifty-years', 'honor-statistics', 'honor-rounds'])
    expect(groupKeys(['personnel.read', 'honors.read'])).toEqual(['personnel', 'exchange'])
  })

  it('offers organisation management only to those who may write personnel data', () => {
    expect(keys(['personnel.read'])).toEqual(['personnel', 'people'])
    expect(keys(['personnel.read', 'personnel.write'])).toEqual(['personnel', 'people', 'organizations', 'change-proposals', 'transfer-in'])
  })

  it('gives the audit administrator only the audit trail', () => {
    expect(keys(['platform.audit'])).toEqual(['audit'])
    expect(groupKeys(['platform.audit'])).toEqual(['security'])
  })

  it('gives the system administrator users, outbox and the API reference', () => {
    expect(keys(['platform.users', 'platform.outbox'])).toEqual(['users', 'outbox', 'oa-integration', 'oa-todos', 'api-docs'])
  })

  it('gives the security administrator roles, OA clients and the API reference', () => {
    expect(keys(['platform.roles', 'platform.oa-clients', 'platform.sso'])).toEqual(['roles', 'oa-clients', 'sso', 'api-docs'])
  })

  it('ignores unknown permissions and keeps the defined order', () => {
    const all = [
      'platform.audit',
      'analytics.read',
      'archives.read',
      'platform.outbox',
      'platform.oa-clients',
      'platform.roles',
      'platform.users',
      'honors.read',
      'workflow.read',
      'personnel.read',
      'something.else',
    ]
    const expected: MenuKey[] = [
      'personnel',
      'people',
      'meetings',
      'compliance',
      'recruitment',
      'dues',
      'plans',
      'study',
      'evaluations',
      'supervision',
      'honors',
      'representatives',
      'fifty-years',
      'honor-statistics',
      'honor-rounds',
      'archives',
      'archives-search',
      'volumes',
      'announcements',
      'analytics',
      'analytics-screen',
      'analytics-usage',
      'analytics-report',
      'users',
      'roles',
      'oa-clients',
      'outbox',
      'oa-integration',
      'oa-todos',
      'api-docs',
      'audit',
    ]
    expect(keys(all)).toEqual(expected)
    expect(keys(['something.else'])).toEqual([])
  })

  it('gives a member their own record, and whoever edits people the review of what members propose (with its badge)', () => {
    expect(keys(['personnel.self', 'honors.read'])).toEqual(['my-record', 'honors', 'representatives', 'fifty-years', 'honor-statistics', 'honor-rounds'])
    expect(keys(['personnel.read', 'personnel.write'])).toEqual(['personnel', 'people', 'organizations', 'change-proposals', 'transfer-in'])
    const review = MENU.flatMap((g) => g.items).find((i) => i.key === 'change-proposals')
    expect(review?.badge).toBe('pendingProposals')
    expect(review?.titleKey).toBe('selfService.menu.changeProposals')
  })

  it('offers the rule sets to whoever may edit them, and transfer in to whoever edits people', () => {
    expect(keys(['personnel.read', 'personnel.rules'])).toEqual(['personnel', 'people', 'rule-sets'])
    expect(keys(['personnel.read', 'personnel.write'])).toContain('transfer-in')
    expect(keys(['personnel.read', 'personnel.write'])).not.toContain('rule-sets')
  })

  it('does not match permissions by prefix', () => {
    expect(keys(['platform', 'platform.user', 'personnel'])).toEqual([])
  })

  it('does not mutate the menu definition', () => {
    const before = JSON.stringify(MENU)
    filterMenu(MENU, ['platform.audit'])
    expect(JSON.stringify(MENU)).toBe(before)
  })

  it('labels every group and entry with a message that exists', () => {
    const lookup = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], zhCN)
    for (const group of MENU) {
      expect(typeof lookup(group.titleKey), group.titleKey).toBe('string')
      for (const item of group.items) expect(typeof lookup(item.titleKey), item.titleKey).toBe('string')
    }
    expect(MENU.flatMap((g) => g.items).find((i) => i.key === 'oa-clients')?.titleKey).toBe('menu.items.oaClients')
  })

  it('isAllowed: no requirement means allowed; otherwise any of', () => {
    expect(isAllowed(undefined, [])).toBe(true)
    expect(isAllowed([], [])).toBe(true)
    expect(isAllowed(['a', 'b'], ['b'])).toBe(true)
    expect(isAllowed(['a'], ['b'])).toBe(false)
  })
})
