import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, configureApi, fileNameFromDisposition, http, readCookie, request } from './http'

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
})
