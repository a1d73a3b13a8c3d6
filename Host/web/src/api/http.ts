/**
 * Minimal same-origin JSON client for the RedSail backend.
 *
 * - every call: credentials 'same-origin' and an Accept-Language header (zh-CN or en);
 * - every non-GET call: X-CSRF-Token copied from the (JS-readable) cookie `redsail.csrf`;
 * - failures become {@link ApiError}s carrying the RFC 7807 problem fields;
 * - a 401 from any non-auth endpoint is reported to the unauthorized handler
 *   (the app sends the user to /login).
 *
 * This module must stay free of UI imports so that it can be unit-tested on its own.
 */

export const CSRF_COOKIE = 'redsail.csrf'
export const CSRF_HEADER = 'X-CSRF-Token'
export const AUTH_PREFIX = '/api/platform/auth/'

export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  code?: string
  errors?: Record<string, string[]>
  traceId?: string
}

export class ApiError extends Error {
  readonly status: number
  readonly code?: string
  readonly title?: string
  readonly detail?: string
  readonly errors?: Record<string, string[]>
  readonly traceId?: string
  readonly path: string

  constructor(status: number, path: string, problem: ProblemDetails = {}, fallbackMessage?: string) {
    super(problem.detail || problem.title || fallbackMessage || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.path = path
    this.code = problem.code
    this.title = problem.title
    this.detail = problem.detail
    this.errors = problem.errors
    this.traceId = problem.traceId
  }

  /** True when the request never reached the server (network down, aborted…). */
  get isNetworkError(): boolean {
    return this.status === 0
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

type QueryScalar = string | number | boolean | null | undefined
/** An array repeats the parameter (?status=a&status=b). */
type QueryValue = QueryScalar | readonly QueryScalar[]
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
}

interface ApiConfig {
  getLocale: () => string
  onUnauthorized: (error: ApiError) => void
}

const config: ApiConfig = {
  getLocale: () => 'zh-CN',
  onUnauthorized: () => {},
}

export function configureApi(options: Partial<ApiConfig>): void {
  Object.assign(config, options)
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null
  const prefix = `${name}=`
  for (const part of document.cookie.split(';')) {
    const item = part.trim()
    if (item.startsWith(prefix)) {
      const raw = item.slice(prefix.length)
      try {
        return decodeURIComponent(raw)
      } catch {
        return raw
      }
    }
  }
  return null
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null || item === '') continue
      params.append(key, String(item))
    }
  }
  const qs = params.toString()
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path
}

export function isAuthPath(path: string): boolean {
  return path.startsWith(AUTH_PREFIX)
}

function buildHeaders(method: string, hasBody: boolean, accept: string): Headers {
  const headers = new Headers()
  headers.set('Accept', accept)
  headers.set('Accept-Language', config.getLocale())
  if (hasBody) headers.set('Content-Type', 'application/json')
  if (method !== 'GET' && method !== 'HEAD') {
    const token = readCookie(CSRF_COOKIE)
    if (token) headers.set(CSRF_HEADER, token)
  }
  return headers
}

function isJson(response: Response): boolean {
  const type = response.headers.get('Content-Type') ?? ''
  return type.includes('json')
}

async function toApiError(response: Response, path: string): Promise<ApiError> {
  let problem: ProblemDetails = {}
  if (isJson(response)) {
    try {
      const body: unknown = await response.json()
      if (body && typeof body === 'object') problem = body as ProblemDetails
    } catch {
      // not parseable: keep the bare status
    }
  }
  return new ApiError(response.status, path, problem, response.statusText || undefined)
}

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const hasBody = options.body !== undefined
  const url = buildUrl(path, options.query)
  let response: Response
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: buildHeaders(method, hasBody, accept),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    })
  } catch (cause) {
    const error = new ApiError(0, path, { code: 'network' }, cause instanceof Error ? cause.message : undefined)
    throw error
  }
  if (!response.ok) {
    const error = await toApiError(response, path)
    if (error.status === 401 && !isAuthPath(path)) config.onUnauthorized(error)
    throw error
  }
  return response
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method.toUpperCase(), path, options, 'application/json, application/problem+json')
  if (response.status === 204 || response.status === 205) return undefined as T
  const text = await response.text()
  if (!text) return undefined as T
  if (isJson(response)) return JSON.parse(text) as T
  return text as T
}

export interface DownloadedFile {
  blob: Blob
  fileName: string | null
}

/** Parses RFC 6266 Content-Disposition (filename* preferred over filename). */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  if (plain) return (plain[2] ?? plain[1]).trim()
  return null
}

/** GET a file (e.g. an xlsx export) with the same headers and error handling as the JSON calls. */
export async function download(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const response = await send('GET', path, options, '*/*')
  return {
    blob: await response.blob(),
    fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')),
  }
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T = void>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T = void>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  download,
}
