import { describe, expect, it } from 'vitest'
import { filterGroups, groupsToOpen, parseOperations, schemaToText } from './openapi'

const doc = {
  openapi: '3.1.1',
  info: { title: 'RedSail', version: 'v1' },
  tags: [{ name: 'Users', description: '用户' }],
  paths: {
    '/api/platform/users/{id}/grants': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      post: {
        tags: ['Users'],
        summary: 'Grant a role',
        requestBody: { $ref: '#/components/requestBodies/Grant' },
        responses: {
          '201': { description: 'Created', content: { 'application/json': { schema: { $ref: '#/components/schemas/GrantCreated' } } } },
          '400': { $ref: '#/components/responses/Problem' },
        },
      },
    },
    '/health': { get: { responses: { '200': { description: 'OK' } } } },
  },
  components: {
    requestBodies: {
      Grant: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/GrantRequest' } } } },
    },
    responses: {
      Problem: { description: 'Bad request', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
    schemas: {
      GrantRequest: {
        type: 'object',
        required: ['role'],
        properties: { role: { type: 'string' }, organizationId: { type: ['string', 'null'] } },
      },
      GrantCreated: { type: 'object', properties: { grantId: { type: 'string' } } },
      Problem: {
        type: 'object',
        properties: { errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } },
      },
      Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
    },
  },
}

describe('openapi rendering', () => {
  const groups = parseOperations(doc)

  it('groups operations by tag, untagged ones last under an empty name', () => {
    expect(groups.map((g) => g.name)).toEqual(['Users', ''])
    expect(groups[0].description).toBe('用户')
    const op = groups[0].operations[0]
    expect(op.method).toBe('POST')
    expect(op.path).toBe('/api/platform/users/{id}/grants')
    expect(op.summary).toBe('Grant a role')
  })

  it('merges path-level parameters and resolves $ref in bodies and responses', () => {
    const op = groups[0].operations[0]
    expect(op.parameters).toEqual([{ name: 'id', in: 'path', required: true, type: 'string(uuid)', description: '' }])
    expect(op.requestBody?.required).toBe(true)
    expect(op.requestBody?.schema).toContain('GrantRequest {')
    expect(op.requestBody?.schema).toContain('role: string')
    expect(op.requestBody?.schema).toContain('organizationId?: string | null')
    expect(op.responses.map((r) => [r.status, r.description])).toEqual([
      ['201', 'Created'],
      ['400', 'Bad request'],
    ])
    expect(op.responses[1].schema).toContain('[key: string]: string[]')
  })

  it('stops at recursive schemas', () => {
    const text = schemaToText(doc, { $ref: '#/components/schemas/Node' })
    expect(text).toContain('children?: Node[]')
  })

  it('filters by path or summary', () => {
    expect(filterGroups(groups, 'grant').flatMap((g) => g.operations).length).toBe(1)
    expect(filterGroups(groups, 'health').map((g) => g.name)).toEqual([''])
    expect(filterGroups(groups, 'nothing-like-this')).toEqual([])
  })

  it('opens every group with a match while filtering, and only the first one without a filter', () => {
    expect(groupsToOpen(groups, '')).toEqual(['Users'])
    expect(groupsToOpen(groups, '   ')).toEqual(['Users'])
    expect(groupsToOpen(groups, 'health')).toEqual([''])
    expect(groupsToOpen(groups, '/')).toEqual(['Users', ''])
    expect(groupsToOpen(groups, 'nothing-like-this')).toEqual([])
    expect(groupsToOpen([], '')).toEqual([])
  })

  it('survives garbage', () => {
    expect(parseOperations(null)).toEqual([])
    expect(parseOperations({ paths: { '/x': { get: 'nope' } } })).toEqual([])
  })
})
