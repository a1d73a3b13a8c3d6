/**
 * Just enough OpenAPI 3.x handling to render the server's own /openapi/v1.json offline:
 * operations grouped by tag, $ref resolution (with cycle guard) and a compact,
 * TypeScript-like text form of schemas.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Obj = Record<string, unknown>

export interface OpenApiDocument {
  openapi?: string
  info?: { title?: string; version?: string; description?: string }
  paths?: Record<string, Obj>
  components?: Obj
  tags?: { name: string; description?: string }[]
}

export interface ParameterView {
  name: string
  in: string
  required: boolean
  type: string
  description: string
}

export interface ResponseView {
  status: string
  description: string
  schema: string | null
}

export interface OperationView {
  id: string
  method: string
  path: string
  summary: string
  description: string
  deprecated: boolean
  parameters: ParameterView[]
  requestBody: { required: boolean; contentType: string; schema: string } | null
  responses: ResponseView[]
}

export interface TagGroup {
  name: string
  description: string
  operations: OperationView[]
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/** Resolves a local JSON pointer such as "#/components/schemas/User". */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined
  let current: unknown = doc
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (!isObj(current)) return undefined
    current = current[key]
  }
  return current
}

/** Follows $ref chains (not schemas: those keep their name in schemaToText). */
export function deref<T = Obj>(doc: unknown, value: unknown, depth = 0): T | undefined {
  if (!isObj(value)) return undefined
  if (typeof value.$ref === 'string' && depth < 10) return deref<T>(doc, resolvePointer(doc, value.$ref), depth + 1)
  return value as T
}

const refName = (ref: string) => ref.split('/').pop() ?? ref

function indent(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`)
}

/** Compact TypeScript-like rendering of a JSON schema. */
export function schemaToText(doc: unknown, schema: unknown, seen: ReadonlySet<string> = new Set(), depth = 0): string {
  if (!isObj(schema)) return 'any'
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref)
    if (seen.has(schema.$ref) || depth > 8) return name
    const target = resolvePointer(doc, schema.$ref)
    if (target === undefined) return name
    const body = schemaToText(doc, target, new Set([...seen, schema.$ref]), depth + 1)
    return isObj(target) && (target.properties || target.allOf || target.oneOf || target.anyOf) ? `${name} ${body}` : body
  }

  const nullable = schema.nullable === true
  const withNull = (s: string) => (nullable ? `${s} | null` : s)

  for (const [key, joiner] of [
    ['allOf', ' & '],
    ['oneOf', ' | '],
    ['anyOf', ' | '],
  ] as const) {
    const list = schema[key]
    if (Array.isArray(list) && list.length) {
      const parts = list.map((s) => schemaToText(doc, s, seen, depth + 1))
      return withNull(parts.length === 1 ? parts[0] : parts.join(joiner))
    }
  }

  if (Array.isArray(schema.enum)) {
    return withNull(schema.enum.map((v) => JSON.stringify(v)).join(' | '))
  }

  let types: string[] = []
  if (Array.isArray(schema.type)) types = schema.type.filter((t): t is string => typeof t === 'string')
  else if (typeof schema.type === 'string') types = [schema.type]
  const hasNullType = types.includes('null')
  types = types.filter((t) => t !== 'null')
  if (hasNullType && types.length === 0 && !schema.properties && !schema.items) return 'null'
  const type = types[0] ?? (schema.properties ? 'object' : schema.items ? 'array' : '')
  const orNull = (s: string) => (hasNullType || nullable ? `${s} | null` : s)

  if (type === 'array') {
    const item = schemaToText(doc, schema.items, seen, depth + 1)
    return orNull(/[\s|&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`)
  }
  if (type === 'object' || schema.properties || schema.additionalProperties) {
    const props = isObj(schema.properties) ? schema.properties : {}
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
    const lines: string[] = []
    for (const [name, prop] of Object.entries(props)) {
      const text = schemaToText(doc, prop, seen, depth + 1)
      const desc = isObj(prop) && typeof prop.description === 'string' ? `  // ${prop.description.split('\n')[0]}` : ''
      lines.push(`${name}${required.has(name) ? '' : '?'}: ${indent(text, '  ')}${desc}`)
    }
    if (schema.additionalProperties && schema.additionalProperties !== false) {
      const value = schema.additionalProperties === true ? 'any' : schemaToText(doc, schema.additionalProperties, seen, depth + 1)
      lines.push(`[key: string]: ${indent(value, '  ')}`)
    }
    if (!lines.length) return orNull('object')
    return orNull(`{\n  ${lines.join('\n  ')}\n}`)
  }
  if (type) {
    const format = typeof schema.format === 'string' ? `(${schema.format})` : ''
    return orNull(`${type === 'integer' ? 'integer' : type}${format}`)
  }
  return orNull('any')
}

function pickContent(doc: unknown, content: unknown): { contentType: string; schema: string } | null {
  if (!isObj(content)) return null
  const types = Object.keys(content)
  if (!types.length) return null
  const contentType = types.find((t) => t.includes('json')) ?? types[0]
  const media = content[contentType]
  return { contentType, schema: isObj(media) && media.schema ? schemaToText(doc, media.schema) : 'any' }
}

function parameterType(doc: unknown, p: Obj): string {
  if (p.schema) return schemaToText(doc, p.schema)
  const c = pickContent(doc, p.content)
  return c?.schema ?? 'any'
}

export function parseOperations(input: unknown): TagGroup[] {
  const doc = (isObj(input) ? input : {}) as OpenApiDocument
  const groups = new Map<string, TagGroup>()
  for (const tag of doc.tags ?? []) groups.set(tag.name, { name: tag.name, description: tag.description ?? '', operations: [] })

  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem)
    if (!item) continue
    const shared = Array.isArray(item.parameters) ? item.parameters : []
    for (const method of METHODS) {
      const op = item[method]
      if (!isObj(op)) continue

      const params = new Map<string, ParameterView>()
      for (const rawParam of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = deref(doc, rawParam)
        if (!p) continue
        const view: ParameterView = {
          name: str(p.name),
          in: str(p.in),
          required: p.required === true,
          type: parameterType(doc, p),
          description: str(p.description),
        }
        params.set(`${view.in}:${view.name}`, view)
      }

      const body = deref(doc, op.requestBody)
      const bodyContent = body ? pickContent(doc, body.content) : null

      const responses: ResponseView[] = []
      if (isObj(op.responses)) {
        for (const [status, rawResponse] of Object.entries(op.responses)) {
          const r = deref(doc, rawResponse)
          responses.push({
            status,
            description: str(r?.description),
            schema: r ? (pickContent(doc, r.content)?.schema ?? null) : null,
          })
        }
      }

      const view: OperationView = {
        id: `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: str(op.summary),
        description: str(op.description),
        deprecated: op.deprecated === true,
        parameters: [...params.values()],
        requestBody: bodyContent ? { required: body?.required === true, ...bodyContent } : null,
        responses,
      }

      const tags = Array.isArray(op.tags) && op.tags.length ? op.tags.map(String) : ['']
      for (const tag of tags) {
        if (!groups.has(tag)) groups.set(tag, { name: tag, description: '', operations: [] })
        groups.get(tag)!.operations.push(view)
      }
    }
  }
  return [...groups.values()].filter((g) => g.operations.length > 0)
}

export function filterGroups(groups: readonly TagGroup[], text: string): TagGroup[] {
  const k = text.trim().toLowerCase()
  if (!k) return [...groups]
  return groups
    .map((g) => ({
      ...g,
      operations: g.operations.filter((o) =>
        [o.path, o.summary, o.method, o.description, g.name].some((v) => v.toLowerCase().includes(k)),
      ),
    }))
    .filter((g) => g.operations.length > 0)
}

/**
 * The tag groups to show open. While a filter is in use, every group that still has a match, so that no match
 * hides in a closed group; without a filter, just the first group, as on first load.
 */
export function groupsToOpen(groups: readonly TagGroup[], filter: string): string[] {
  const open = filter.trim() ? filterGroups(groups, filter) : groups.slice(0, 1)
  return open.map((g) => g.name)
}
