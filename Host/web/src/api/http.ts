/**
 * Minimal same-origin JSON client for the RedSail backend.
 *
 * - every call: credentials 'same-origin' and an Accept-Language header (zh-CN or en);
 * - every non-GET call: X-CSRF-Token copied from the (JS-readable) cookie `redsail.csrf`;
 * - failures become {@link ApiError}s carrying the RFC 7807 problem fields;
 * - a 401 from any non-auth endpoint is reported to the unauthorized handler
 *   (the app sends the user to /login);
 * - uploads go through XMLHttpRequest (fetch cannot report upload progress), downloads can report the bytes
 *   received; both with the same headers and errors, and a cancelled call is an ApiError with code 'aborted'.
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

  /** True when the caller cancelled the request (AbortController), which is no failure to report. */
  get isAborted(): boolean {
    return this.status === 0 && this.code === ABORTED
  }
}

const ABORTED = 'aborted'

function abortedError(path: string): ApiError {
  return new ApiError(0, path, { code: ABORTED })
}

function isAbort(cause: unknown): boolean {
  return cause instanceof DOMException && cause.name === 'AbortError'
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

const JSON_ACCEPT = 'application/json, application/problem+json'

function isJsonType(contentType: string | null): boolean {
  return (contentType ?? '').includes('json')
}

function isJson(response: Response): boolean {
  return isJsonType(response.headers.get('Content-Type'))
}

/** The ApiError for a failed response, told to the unauthorized handler when it is a 401 outside the auth calls. */
function failure(status: number, statusText: string, contentType: string | null, body: string, path: string): ApiError {
  let problem: ProblemDetails = {}
  if (isJsonType(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body)
      if (parsed && typeof parsed === 'object') problem = parsed as ProblemDetails
    } catch {
      // not parseable: keep the bare status
    }
  }
  const error = new ApiError(status, path, problem, statusText || undefined)
  if (error.status === 401 && !isAuthPath(path)) config.onUnauthorized(error)
  return error
}

function parseBody<T>(contentType: string | null, text: string): T {
  if (!text) return undefined as T
  if (isJsonType(contentType)) return JSON.parse(text) as T
  return text as T
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
    if (isAbort(cause)) throw abortedError(path)
    throw new ApiError(0, path, { code: 'network' }, cause instanceof Error ? cause.message : undefined)
  }
  if (!response.ok) {
    const body = isJson(response) ? await response.text().catch(() => '') : ''
    throw failure(response.status, response.statusText, response.headers.get('Content-Type'), body, path)
  }
  return response
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method.toUpperCase(), path, options, JSON_ACCEPT)
  if (response.status === 204 || response.status === 205) return undefined as T
  return parseBody<T>(response.headers.get('Content-Type'), await response.text())
}

/** Bytes moved so far, and of how many; `total` is null when the other side did not say. */
export interface TransferProgress {
  loaded: number
  total: number | null
}

export interface UploadOptions {
  signal?: AbortSignal
  onProgress?: (progress: TransferProgress) => void
}

/**
 * POSTs a multipart form (a file upload) and reads the JSON answer, reporting the bytes sent as they go.
 * Same headers (Accept-Language, X-CSRF-Token) and errors as the JSON calls; the browser sets the multipart
 * Content-Type with its boundary.
 */
export function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortedError(path))
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    buildHeaders('POST', false, JSON_ACCEPT).forEach((value, name) => xhr.setRequestHeader(name, value))
    xhr.upload.onprogress = (e) => options.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : null })
    xhr.onload = () => {
      const contentType = xhr.getResponseHeader('Content-Type')
      if (xhr.status < 200 || xhr.status >= 300) return reject(failure(xhr.status, xhr.statusText, contentType, xhr.responseText, path))
      try {
        resolve(parseBody<T>(contentType, xhr.responseText))
      } catch (cause) {
        reject(cause)
      }
    }
    xhr.onerror = () => reject(new ApiError(0, path, { code: 'network' }))
    xhr.onabort = () => reject(abortedError(path))
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(form)
  })
}

/**
 * The length a response announces for what its body stream yields: Content-Length, unless the body is
 * content-encoded (then the header counts compressed bytes, the stream decoded ones); null when unknown.
 */
export function contentLength(headers: Headers): number | null {
  const encoding = headers.get('Content-Encoding')
  if (encoding && encoding.toLowerCase() !== 'identity') return null
  const value = headers.get('Content-Length')
  if (value === null || !/^\d+$/.test(value.trim())) return null
  return Number(value)
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

export interface DownloadOptions extends RequestOptions {
  /** called once the answer's headers are in (loaded 0), then after every chunk of the body */
  onProgress?: (progress: TransferProgress) => void
}

/** The body as a Blob, read chunk by chunk when someone wants to see the bytes arrive. */
async function readBody(response: Response, path: string, onProgress?: (progress: TransferProgress) => void): Promise<Blob> {
  if (!onProgress || !response.body) return response.blob()
  const total = contentLength(response.headers)
  const reader = response.body.getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let loaded = 0
  onProgress({ loaded, total })
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      loaded += value.byteLength
      onProgress({ loaded, total })
    }
  } catch (cause) {
    if (isAbort(cause)) throw abortedError(path)
    throw new ApiError(0, path, { code: 'network' }, cause instanceof Error ? cause.message : undefined)
  }
  return new Blob(chunks, { type: response.headers.get('Content-Type') ?? '' })
}

/** GET a file (e.g. an xlsx export) with the same headers and error handling as the JSON calls. */
export async function download(path: string, options: DownloadOptions = {}): Promise<DownloadedFile> {
  const response = await send('GET', path, options, '*/*')
  return {
    blob: await readBody(response, path, options.onProgress),
    fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')),
  }
}

/** POST a body and get a file back (e.g. an xlsx of figures the page already shows). */
export async function downloadPost(path: string, body: unknown): Promise<DownloadedFile> {
  const response = await send('POST', path, { body }, '*/*')
  return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')) }
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T = void>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T = void>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  download,
  downloadPost,
  upload,
}
