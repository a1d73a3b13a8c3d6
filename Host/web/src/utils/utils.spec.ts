import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { buildTree, leaves } from './tree'
import { checkPassword, characterClasses } from './password'
import { mapFieldErrors, normalizeField, useServerErrors } from './serverErrors'
import { formatDateTime, isFuture, safeRedirect } from './format'
import { branchesOf, isBranch, membersIn, orgTypeKey, peopleIn } from '@/views/personnel/branches'

describe('buildTree', () => {
  const flat = [
    { id: 'b', parentId: 'a', name: 'B' },
    { id: 'a', parentId: null, name: 'A' },
    { id: 'c', parentId: 'b', name: 'C' },
    { id: 'd', parentId: 'a', name: 'D' },
    { id: 'orphan', parentId: 'missing', name: 'O' },
  ]

  it('nests children under their parents, whatever the input order', () => {
    const roots = buildTree(flat)
    expect(roots.map((r) => r.id)).toEqual(['a', 'orphan'])
    expect(roots[0].children.map((c) => c.id)).toEqual(['b', 'd'])
    expect(roots[0].children[0].children.map((c) => c.id)).toEqual(['c'])
  })

  it('never loses nodes in a parent cycle', () => {
    const roots = buildTree([
      { id: 'x', parentId: 'y' },
      { id: 'y', parentId: 'x' },
    ])
    const ids: string[] = []
    const visit = (ns: typeof roots) => ns.forEach((n) => (ids.push(n.id), visit(n.children)))
    visit(roots)
    expect(ids.sort()).toEqual(['x', 'y'])
  })

  it('leaves() lists leaf nodes in tree order', () => {
    expect(leaves(buildTree(flat)[0]).map((n) => n.id)).toEqual(['c', 'd'])
  })
})

describe('branchesOf (members-per-branch chart)', () => {
  const orgs = [
    { id: '1', parentId: null, code: 'R', name: '党委', type: 'committee', memberCount: 2, peopleCount: 3 },
    { id: '2', parentId: '1', code: 'R-1', name: '总支', type: 'general_branch', memberCount: 0, peopleCount: 0 },
    { id: '3', parentId: '2', code: 'R-1-1', name: '一支部', type: 'branch', memberCount: 10, peopleCount: 12 },
    { id: '4', parentId: '3', code: 'R-1-1-1', name: '小组', type: 'party_group', memberCount: 4, peopleCount: 4 },
    { id: '5', parentId: '1', code: 'R-2', name: '二支部', type: 'Branch', memberCount: 7, peopleCount: 9 },
    { id: '6', parentId: '1', code: 'R-3', name: '联合支部', type: 'joint_branch', memberCount: 3, peopleCount: 3 },
    { id: '7', parentId: '1', code: 'R-4', name: '统战', type: 'united_front', memberCount: 0, peopleCount: 6 },
  ].map((o) => ({ ...o, status: 'active', unit: null, version: 1 }))
  it('uses organisations of a branch type when the data has them, joint branches included', () => {
    expect(orgs.some(isBranch)).toBe(true)
    const root = buildTree(orgs)[0]
    expect(branchesOf(root, true).map((b) => b.name)).toEqual(['一支部', '二支部', '联合支部'])
    expect(membersIn(branchesOf(root, true))).toBe(20)
  })
  it('finds no branch under an organisation that is not a Party one', () => {
    const unitedFront = buildTree(orgs)[0].children.find((c) => c.name === '统战')!
    expect(branchesOf(unitedFront, true)).toEqual([])
  })
  it('falls back to the leaf organisations when the data has no branch types', () => {
    const untyped = orgs.map((o) => ({ ...o, type: 'unit' }))
    expect(untyped.some(isBranch)).toBe(false)
    expect(branchesOf(buildTree(untyped)[0], false).map((b) => b.name)).toEqual(['小组', '二支部', '联合支部', '统战'])
  })
  it('counts everyone in a subtree, members or not', () => {
    const root = buildTree(orgs)[0]
    expect(peopleIn(root)).toBe(37)
    expect(peopleIn(root.children[0])).toBe(16)
  })
  it('turns a type code into its message key', () => {
    expect(orgTypeKey('general_branch')).toBe('generalbranch')
    expect(orgTypeKey('Youth-League_Branch')).toBe('youthleaguebranch')
    expect(orgTypeKey(null)).toBe('')
  })
})

describe('password rule', () => {
  it('needs 12 characters and 3 of 4 classes', () => {
    expect(checkPassword('Abc1!')).toBe('tooShort')
    expect(checkPassword('abcdefghijkl')).toBe('notComplex')
    expect(checkPassword('abcdefghij12')).toBe('notComplex')
    expect(checkPassword('abcdefghi12!')).toBeNull()
    expect(checkPassword('ABCDEFGHIjkl1')).toBeNull()
    expect(characterClasses('aA1!')).toBe(4)
  })
})

describe('server field errors', () => {
  it('normalises field names to camelCase', () => {
    expect(normalizeField('NewPassword')).toBe('newPassword')
    expect(normalizeField('$.newPassword')).toBe('newPassword')
    expect(normalizeField('body.CurrentPassword')).toBe('currentPassword')
  })

  it('maps messages to known fields and keeps the rest', () => {
    const { byField, unmatched } = mapFieldErrors(
      { newPassword: ['太短', '太简单'], CurrentPassword: ['不正确'], other: ['别的'] },
      ['newPassword', 'currentPassword'],
    )
    expect(byField).toEqual({ newPassword: '太短 太简单', currentPassword: '不正确' })
    expect(unmatched).toEqual(['别的'])
  })

  it('applies a 400 problem to the form fields', () => {
    const errors = useServerErrors(['userName', 'password'] as const)
    const handled = errors.apply(new ApiError(400, '/api/platform/users', { detail: 'x', errors: { userName: ['已存在'] } }))
    expect(handled).toBe(true)
    expect(errors.fields.userName).toBe('已存在')
    expect(errors.fields.password).toBe('')
    expect(errors.apply(new ApiError(409, '/p', { detail: 'conflict' }))).toBe(false)
    expect(errors.fields.userName).toBe('')
  })
})

describe('format helpers', () => {
  it('safeRedirect accepts only same-site paths', () => {
    expect(safeRedirect('/system/users?x=1')).toBe('/system/users?x=1')
    expect(safeRedirect('//evil.example')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect('javascript:alert(1)')).toBe('/')
    expect(safeRedirect('/login?redirect=/x')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(['/a'])).toBe('/')
  })

  it('formatDateTime renders local time and tolerates null', () => {
    const d = new Date(2025, 0, 2, 3, 4, 5)
    expect(formatDateTime(d.toISOString())).toBe('2025-01-02 03:04:05')
    expect(formatDateTime(null)).toBe('')
  })

  it('isFuture', () => {
    const now = new Date('2025-01-01T00:00:00Z')
    expect(isFuture('2025-01-01T00:10:00Z', now)).toBe(true)
    expect(isFuture('2024-12-31T23:00:00Z', now)).toBe(false)
    expect(isFuture(null, now)).toBe(false)
  })
})
