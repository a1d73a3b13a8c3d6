// The member's page against a stubbed server: the unlinked account, the apply button while a proposal waits, and the
// proposal dialog (only changed fields sent; its own check and the server's field errors under the fields).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import { configureApi } from '@/api/http'
import { registerIcons } from '@/icons'
import MyRecordView from './MyRecordView.vue'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

async function settle() {
  for (let i = 0; i < 10; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
}

/** Element Plus shows a form item's message a moment after its validation settles. */
async function settleMessages() {
  await settle()
  await new Promise((r) => setTimeout(r, 200))
  await settle()
}

const mine = (proposals: unknown[] = []) => ({
  person: {
    id: 'p1',
    organizationId: 'o1',
    organizationName: '机关第一党支部',
    name: '陈晓红',
    gender: '2',
    birthDate: '1992-02-02',
    age: 34,
    ethnicity: '01',
    education: '21',
    idNumber: '110105199202020028',
    phone: '13800138000',
    unmasked: true,
    nativePlace: null,
    department: null,
    employeeNumber: 'E0001',
    partyStatus: 'full_member',
    appliedOn: null,
    activistOn: null,
    candidateOn: null,
    joinedOn: '2012-07-01',
    convertedOn: '2013-07-01',
    probationExtendedMonths: 0,
    partyAgeYears: 12,
    version: 2,
  },
  traits: { id: 't1', set: 'traits', values: { hobbies: '摄影' }, masked: false, updatedAt: '2026-01-01T00:00:00Z', version: 1 },
  proposals,
})

let fetchMock: ReturnType<typeof vi.fn>
;(globalThis as Record<string, unknown>).ASYNC_VALIDATOR_NO_WARNING = 1

beforeEach(() => {
  setLocale('zh-CN')
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  configureApi({ getLocale: () => 'zh-CN', onUnauthorized: () => {} })
  if (!window.matchMedia) {
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {} }))
  }
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function open() {
  const wrapper = mount(MyRecordView, {
    attachTo: document.body,
    global: { plugins: [createPinia(), i18n, ElementPlus, { install: registerIcons }] },
  })
  await settle()
  return wrapper
}

const body = (call: number) => JSON.parse((fetchMock.mock.calls[call] as [string, RequestInit])[1].body as string)
const input = (testId: string) => document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${testId}"]`)!
const errorUnder = (testId: string) => input(testId).closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''

async function type(testId: string, value: string) {
  const field = input(testId)
  field.value = value
  field.dispatchEvent(new Event('input'))
  field.dispatchEvent(new FocusEvent('blur'))
  await settleMessages()
}

async function submit() {
  document.querySelector<HTMLButtonElement>('[data-testid="propose-submit"]')!.click()
  await settleMessages()
}

describe('my record', { timeout: 30_000 }, () => {
  it('tells an account without a linked record whom to ask', async () => {
    fetchMock.mockResolvedValueOnce(json(404, { status: 404, code: 'not_found', detail: '未找到' }))
    const wrapper = await open()

    expect(wrapper.find('[data-testid="my-record-unlinked"]').text()).toContain('您的账号尚未关联人员档案，请联系支部书记')
    expect(wrapper.find('[data-testid="my-record-apply"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the record in full and disables proposing while a proposal waits, with the returned one’s reason', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, mine([
        { id: 'a2', status: 'pending', createdAt: '2026-02-01T08:00:00Z', decidedAt: null, decisionReason: null, note: null },
        { id: 'a1', status: 'rejected', createdAt: '2026-01-01T08:00:00Z', decidedAt: '2026-01-02T08:00:00Z', decisionReason: '请写明具体爱好', note: null },
      ])),
    )
    const wrapper = await open()

    expect(wrapper.find('[data-testid="my-record-phone"]').text()).toBe('13800138000')
    expect(wrapper.find('[data-testid="my-record-status"]').text()).toBe('正式党员')
    expect(wrapper.find('[data-testid="my-record-party"]').text()).toContain('12 年')
    expect(wrapper.find('[data-testid="my-record-trait-hobbies"]').text()).toBe('摄影')
    expect(wrapper.find('button[data-testid="my-record-apply"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="my-record-pending"]').exists()).toBe(true)
    const statuses = wrapper.findAll('[data-testid="my-record-proposal-status"]').map((w) => w.text())
    expect(statuses).toEqual(['待审核', '已退回'])
    expect(wrapper.find('[data-testid="my-record-proposal-reason"]').text()).toContain('请写明具体爱好')
    wrapper.unmount()
  })

  it('proposes only what changed, after its own checks, and shows the server’s field errors under the fields', async () => {
    fetchMock.mockResolvedValueOnce(json(200, mine()))
    const wrapper = await open()
    await wrapper.find('button[data-testid="my-record-apply"]').trigger('click')
    await settle()

    // Nothing changed: said in the dialog, nothing sent.
    await submit()
    expect(document.querySelector('[data-testid="propose-changes"] .el-form-item__error')?.textContent).toContain('请至少修改一项内容')
    // A phone the server would refuse, and a value a proposal cannot clear.
    await type('propose-phone', '12345')
    await type('propose-hobbies', '')
    expect(errorUnder('propose-phone')).toContain('应为 11 位手机号或带区号的固定电话')
    expect(errorUnder('propose-hobbies')).toContain('不能通过申请清空')
    expect(fetchMock).toHaveBeenCalledTimes(1)

    await type('propose-phone', '13912345678')
    await type('propose-hobbies', '摄影')
    await type('propose-skills', '书法')
    fetchMock.mockResolvedValueOnce(json(400, { status: 400, code: 'validation_failed', errors: { 'traits.skills': ['特长不能超过 200 个字符。'] } }))
    await submit()
    expect(body(1)).toEqual({ phone: '13912345678', traits: { skills: '书法' } })
    expect(errorUnder('propose-skills')).toContain('特长不能超过 200 个字符')

    // Accepted: the dialog closes and the record is read again.
    fetchMock.mockResolvedValueOnce(json(201, { id: 'n1' }))
    fetchMock.mockResolvedValueOnce(
      json(200, mine([{ id: 'n1', status: 'pending', createdAt: '2026-02-01T08:00:00Z', decidedAt: null, decisionReason: null, note: null }])),
    )
    await submit()
    expect(fetchMock.mock.calls[2][0]).toBe('/api/personnel/me/proposals')
    expect(fetchMock.mock.calls[3][0]).toBe('/api/personnel/me/record')
    expect(wrapper.find('button[data-testid="my-record-apply"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })
})
