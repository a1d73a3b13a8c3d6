import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, configureApi, contentLength, fileNameFromDisposition, http, readCookie, request, type TransferProgress } from './http'

type FetchArgs = [string, RequestInit]

function jsonResponse(status: number, body: unknown, contentType = 'application/json; charset=utf-8'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType },
  })
}

function clearCookies() {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
}

let fetchMock: ReturnType<typeof vi.fn>
let locale = 'zh-CN'
const onUnauthorized = vi.fn()

beforeEach(() => {
  clearCookies()
  locale = 'zh-CN'
  onUnauthorized.mockReset()
  fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }))
  vi.stubGlobal('fetch', fetchMock)
  configureApi({ getLocale: () => locale, onUnauthorized })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

const lastCall = (): FetchArgs => fetchMock.mock.calls.at(-1) as FetchArgs
const headersOf = (init: RequestInit) => new Headers(init.headers)

describe('api client: headers', () => {
  it('adds X-CSRF-Token from the redsail.csrf cookie on non-GET calls', async () => {
    document.cookie = 'other=1; path=/'
    document.cookie = 'redsail.csrf=tok%2Fen-123; path=/'
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      await request(method, '/api/platform/users', { body: method === 'DELETE' ? undefined : { a: 1 } })
      expect(headersOf(lastCall()[1]).get('X-CSRF-Token'), method).toBe('tok/en-123')
      expect(lastCall()[1].method).toBe(method)
    }
  })

  it('reads the cookie afresh on each call (the server may rotate it)', async () => {
    document.cookie = 'redsail.csrf=first; path=/'
    await http.post('/api/platform/auth/login', { userName: 'u', password: 'p' })
    expect(headersOf(lastCall()[1]).get('X-CSRF-Token')).toBe('first')
    document.cookie = 'redsail.csrf=second; path=/'
    await http.post('/api/platform/auth/logout')
    expect(headersOf(lastCall()[1]).get('X-CSRF-Token')).toBe('second')
  })

  it('does not add X-CSRF-Token on GET', async () => {
    document.cookie = 'redsail.csrf=abc; path=/'
    await http.get('/api/platform/auth/me')
    const [, init] = lastCall()
    expect(init.method).toBe('GET')
    expect(headersOf(init).has('X-CSRF-Token')).toBe(false)
  })

  it('omits X-CSRF-Token when there is no cookie', async () => {
    await http.post('/api/platform/auth/login', {})
    expect(headersOf(lastCall()[1]).has('X-CSRF-Token')).toBe(false)
  })

  it('sends Accept-Language with the current locale on every call', async () => {
    await http.get('/api/platform/users')
    expect(headersOf(lastCall()[1]).get('Accept-Language')).toBe('zh-CN')
    locale = 'en'
    await http.post('/api/platform/users', { userName: 'x' })
    expect(headersOf(lastCall()[1]).get('Accept-Language')).toBe('en')
    await http.delete('/api/platform/grants/1')
    expect(headersOf(lastCall()[1]).get('Accept-Language')).toBe('en')
  })

  it('uses same-origin credentials and a relative URL', async () => {
    await http.get('/api/platform/users', { keyword: 'li si', page: 2, pageSize: 20, empty: '', none: undefined })
    const [url, init] = lastCall()
    expect(init.credentials).toBe('same-origin')
    expect(url).toBe('/api/platform/users?keyword=li+si&page=2&pageSize=20')
  })

  it('sends JSON bodies with a JSON content type, and no body for bodiless POSTs', async () => {
    await http.post('/api/platform/auth/password', { currentPassword: 'a', newPassword: 'b' })
    let [, init] = lastCall()
    expect(headersOf(init).get('Content-Type')).toBe('application/json')
    expect(JSON.parse(init.body as string)).toEqual({ currentPassword: 'a', newPassword: 'b' })
    await http.post('/api/platform/users/1/enable')
    ;[, init] = lastCall()
    expect(init.body).toBeUndefined()
    expect(headersOf(init).has('Content-Type')).toBe(false)
  })
})

describe('api client: responses', () => {
  it('returns parsed JSON', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { next: 'totp' }))
    await expect(http.post('/api/platform/auth/login', {})).resolves.toEqual({ next: 'totp' })
  })

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await expect(http.post('/api/platform/auth/logout')).resolves.toBeUndefined()
  })

  it('turns a problem JSON into an ApiError with status, detail, code and errors', async () => {
    const problem = {
      type: 'urn:redsail:problem:validation',
      title: '请求无效',
      status: 400,
      detail: '新密码不符合要求',
      code: 'validation',
      errors: { newPassword: ['密码至少 12 个字符'], currentPassword: ['当前密码不正确'] },
      traceId: '00-abc-01',
    }
    fetchMock.mockResolvedValueOnce(jsonResponse(400, problem, 'application/problem+json; charset=utf-8'))
    const error = await http.post('/api/platform/auth/password', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const e = error as ApiError
    expect(e.status).toBe(400)
    expect(e.detail).toBe('新密码不符合要求')
    expect(e.title).toBe('请求无效')
    expect(e.code).toBe('validation')
    expect(e.errors).toEqual(problem.errors)
    expect(e.traceId).toBe('00-abc-01')
    expect(e.message).toBe('新密码不符合要求')
  })

  it('keeps the status when the error body is not JSON', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }))
    const e = (await http.get('/api/platform/users').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(502)
    expect(e.detail).toBeUndefined()
    expect(e.errors).toBeUndefined()
  })

  it('reports a network failure as status 0', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const e = (await http.get('/api/platform/users').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(0)
    expect(e.isNetworkError).toBe(true)
  })

  it('calls the unauthorized handler on 401 from a non-auth call', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { status: 401, title: '未登录', code: 'auth.required' }))
    const e = (await http.get('/api/platform/audit').catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(401)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('does not call the unauthorized handler on 401 from the auth calls', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { status: 401, detail: '用户名或密码错误', code: 'auth.invalid_credentials' }))
    const e = (await http.post('/api/platform/auth/login', {}).catch((x: unknown) => x)) as ApiError
    expect(e.code).toBe('auth.invalid_credentials')
    expect(e.detail).toBe('用户名或密码错误')
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { status: 401 }))
    await http.get('/api/platform/auth/me').catch(() => undefined)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('does not call the unauthorized handler on 403', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(403, { status: 403, detail: '没有权限' }))
    const e = (await http.get('/api/platform/audit').catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(403)
    expect(e.detail).toBe('没有权限')
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('downloads files with the file name from Content-Disposition', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(new Blob(['xlsx-bytes']), {
        status: 200,
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': "attachment; filename=audit.xlsx; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.xlsx",
        },
      }),
    )
    const file = await http.download('/api/platform/audit/export', { query: { result: 'denied', from: '' } })
    expect(lastCall()[0]).toBe('/api/platform/audit/export?result=denied')
    expect(headersOf(lastCall()[1]).get('Accept-Language')).toBe('zh-CN')
    expect(file.fileName).toBe('审计.xlsx')
    expect(await file.blob.text()).toBe('xlsx-bytes')
  })
})

/** A response whose body arrives in these chunks. */
function streamed(chunks: string[], headers: Record<string, string>): Response {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })
  return new Response(body, { status: 200, headers })
}

describe('api client: downloads with progress', () => {
  it('reports the bytes received against Content-Length, chunk by chunk, and keeps the whole file', async () => {
    fetchMock.mockResolvedValueOnce(
      streamed(['abcd', 'efgh', 'ij'], { 'Content-Length': '10', 'Content-Disposition': 'attachment; filename=people-20250101.xlsx' }),
    )
    const seen: TransferProgress[] = []
    const file = await http.download('/api/personnel/people/export', { onProgress: (p) => seen.push({ ...p }) })
    expect(seen).toEqual([
      { loaded: 0, total: 10 },
      { loaded: 4, total: 10 },
      { loaded: 8, total: 10 },
      { loaded: 10, total: 10 },
    ])
    expect(await file.blob.text()).toBe('abcdefghij')
    expect(file.fileName).toBe('people-20250101.xlsx')
  })

  it('reports an unknown total when the server sends no Content-Length', async () => {
    fetchMock.mockResolvedValueOnce(streamed(['abc', 'de'], {}))
    const seen: TransferProgress[] = []
    await http.download('/x', { onProgress: (p) => seen.push({ ...p }) })
    expect(seen.at(-1)).toEqual({ loaded: 5, total: null })
  })

  it('passes the abort signal to fetch and reports a cancelled download as aborted, not as a failure', async () => {
    const controller = new AbortController()
    fetchMock.mockImplementationOnce(
      (_url: string, init: RequestInit) =>
        new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    )
    const pending = http.download('/x', { signal: controller.signal, onProgress: () => {} }).catch((e: unknown) => e)
    controller.abort()
    const error = (await pending) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.isAborted).toBe(true)
    expect(error.isNetworkError).toBe(true)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('contentLength ignores a missing, malformed or content-encoded length', () => {
    expect(contentLength(new Headers({ 'Content-Length': '2048' }))).toBe(2048)
    expect(contentLength(new Headers({ 'Content-Length': '2048', 'Content-Encoding': 'identity' }))).toBe(2048)
    expect(contentLength(new Headers({ 'Content-Length': '2048', 'Content-Encoding': 'gzip' }))).toBeNull()
    expect(contentLength(new Headers({ 'Content-Length': 'lots' }))).toBeNull()
    expect(contentLength(new Headers())).toBeNull()
  })
})

/** Just enough of XMLHttpRequest to see what upload() sends and to answer it. */
class FakeXhr {
  static last: FakeXhr
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown
  status = 0
  statusText = ''
  responseText = ''
  responseHeaders: Record<string, string> = {}
  aborted = false
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null
  }
  send(body: unknown) {
    this.body = body
  }
  abort() {
    this.aborted = true
    this.onabort?.()
  }
  answer(status: number, body: unknown, contentType = 'application/json; charset=utf-8') {
    this.status = status
    this.responseText = JSON.stringify(body)
    this.responseHeaders['content-type'] = contentType
    this.onload?.()
  }
}

describe('api client: uploads', () => {
  beforeEach(() => vi.stubGlobal('XMLHttpRequest', FakeXhr))

  it('posts the form with the CSRF and language headers, reports progress and returns the JSON answer', async () => {
    document.cookie = 'redsail.csrf=tok-1; path=/'
    locale = 'en'
    const form = new FormData()
    form.append('organizationId', 'o1')
    const seen: TransferProgress[] = []
    const pending = http.upload<{ batchId: string }>('/api/personnel/people/imports', form, { onProgress: (p) => seen.push(p) })
    const xhr = FakeXhr.last
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/personnel/people/imports')
    expect(xhr.headers['x-csrf-token']).toBe('tok-1')
    expect(xhr.headers['accept-language']).toBe('en')
    expect(xhr.headers['content-type']).toBeUndefined() // the browser adds the multipart boundary
    expect(xhr.body).toBe(form)
    xhr.upload.onprogress!({ loaded: 512, total: 1024, lengthComputable: true })
    xhr.upload.onprogress!({ loaded: 700, total: 0, lengthComputable: false })
    xhr.answer(200, { batchId: 'b1' })
    await expect(pending).resolves.toEqual({ batchId: 'b1' })
    expect(seen).toEqual([
      { loaded: 512, total: 1024 },
      { loaded: 700, total: null },
    ])
  })

  it('turns a problem answer into an ApiError with its field errors, and tells the unauthorized handler of a 401', async () => {
    const pending = http.upload('/api/personnel/people/imports', new FormData()).catch((e: unknown) => e)
    FakeXhr.last.answer(400, { status: 400, code: 'validation_failed', detail: '请求参数有误', errors: { file: ['文件为必填项。'] } }, 'application/problem+json')
    const error = (await pending) as ApiError
    expect(error.status).toBe(400)
    expect(error.code).toBe('validation_failed')
    expect(error.errors).toEqual({ file: ['文件为必填项。'] })

    const unauthorized = http.upload('/api/personnel/people/imports', new FormData()).catch((e: unknown) => e)
    FakeXhr.last.answer(401, { status: 401 })
    expect(((await unauthorized) as ApiError).status).toBe(401)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('reports a lost connection as status 0 and a cancelled upload as aborted', async () => {
    const lost = http.upload('/x', new FormData()).catch((e: unknown) => e)
    FakeXhr.last.onerror!()
    const network = (await lost) as ApiError
    expect(network.isNetworkError).toBe(true)
    expect(network.isAborted).toBe(false)

    const controller = new AbortController()
    const cancelled = http.upload('/x', new FormData(), { signal: controller.signal }).catch((e: unknown) => e)
    controller.abort()
    expect(FakeXhr.last.aborted).toBe(true)
    expect(((await cancelled) as ApiError).isAborted).toBe(true)
  })
})

describe('api client: helpers', () => {
  it('readCookie finds a cookie among others and decodes it', () => {
    document.cookie = 'a=1; path=/'
    document.cookie = 'redsail.csrf=x%3Dy; path=/'
    expect(readCookie('redsail.csrf')).toBe('x=y')
    expect(readCookie('missing')).toBeNull()
    expect(readCookie('redsail')).toBeNull()
  })

  it('buildUrl skips empty values', () => {
    expect(buildUrl('/p', { a: '', b: null, c: undefined })).toBe('/p')
    expect(buildUrl('/p', { a: 0, b: false })).toBe('/p?a=0&b=false')
  })

  it('buildUrl repeats a parameter for each array item', () => {
    expect(buildUrl('/p', { status: ['a', '', 'b'], page: 1 })).toBe('/p?status=a&status=b&page=1')
    expect(buildUrl('/p', { status: [] })).toBe('/p')
  })

  it('fileNameFromDisposition handles the plain and quoted forms', () => {
    expect(fileNameFromDisposition('attachment; filename="audit 2025.xlsx"')).toBe('audit 2025.xlsx')
    expect(fileNameFromDisposition('attachment; filename=audit.xlsx')).toBe('audit.xlsx')
    expect(fileNameFromDisposition(null)).toBeNull()
  })

  it('fileNameFromDisposition prefers filename* as ASP.NET Core sends it', () => {
    expect(fileNameFromDisposition("attachment; filename=people-20250101120000.xlsx; filename*=UTF-8''people-20250101120000.xlsx")).toBe(
      'people-20250101120000.xlsx',
    )
    expect(fileNameFromDisposition("attachment; filename=\"x.xlsx\"; filename*=UTF-8''%E4%BA%BA%E5%91%98.xlsx")).toBe('人员.xlsx')
  })
})
