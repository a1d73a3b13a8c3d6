// The election dialog against a stubbed server: the live quorum hint, and a 400 whose members[i].x errors land
// under their rows while the other fields' errors land under the fields.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import { configureApi } from '@/api/http'
import { registerIcons } from '@/icons'
import type { OrgNode } from '../useOrganizations'
import CommitteeElectDialog from './CommitteeElectDialog.vue'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

async function settle() {
  for (let i = 0; i < 10; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
}

/** Lets the page work until `done` holds (the form's rules and the server's answer take a few turns), at most a while. */
async function until(done: () => unknown) {
  for (let i = 0; i < 50 && !done(); i++) await settle()
}

const branch: OrgNode = {
  id: 'b1',
  parentId: 'root',
  code: 'RS-01',
  name: '机关第一党支部',
  type: 'branch',
  status: 'active',
  unit: null,
  memberCount: 10,
  peopleCount: 12,
  version: 1,
  children: [],
}

const people = [
  { id: 'p1', name: '王伟', organizationName: '机关第一党支部', employeeNumber: 'E0001' },
  { id: 'p2', name: '李娜', organizationName: '机关第一党支部', employeeNumber: 'E0002' },
]

let fetchMock: ReturnType<typeof vi.fn>
;(globalThis as Record<string, unknown>).ASYNC_VALIDATOR_NO_WARNING = 1

beforeEach(() => {
  setLocale('zh-CN')
  fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (url.startsWith('/api/personnel/people')) return json(200, { items: people, total: 2, page: 1, pageSize: 200 })
    if (url.endsWith('/committee-terms') && init?.method === 'POST')
      return json(400, {
        status: 400,
        code: 'validation_failed',
        detail: '提交的信息有误',
        errors: {
          'members[1].personId': ['人员须为本组织的正式党员（预备党员没有被选举权）。'],
          presentVoters: ['实到会人数须超过应到会人数的 80%，选举方为有效。'],
        },
      })
    return json(404, { status: 404 })
  })
  vi.stubGlobal('fetch', fetchMock)
  configureApi({ getLocale: () => 'zh-CN', onUnauthorized: () => {} })
  if (!window.matchMedia) vi.stubGlobal('matchMedia', (q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {} }))
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!

function type(selector: string, value: string) {
  const input = $<HTMLInputElement>(selector)
  input.value = value
  input.dispatchEvent(new Event('input'))
}

/**
 * Opens an el-select inside the hook and clicks the option with this text (a person's name or a post). Every
 * select keeps its dropdown in the body once opened, in the order they were opened: a later row's is the last.
 */
async function choose(testId: string, option: string) {
  $(`[data-testid="${testId}"] .el-select__wrapper`).click()
  await settle()
  const item = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')]
    .filter((li) => (li.querySelector('.committee-picker__name')?.textContent ?? li.textContent) === option)
    .pop()
  expect(item, `${testId}: ${option}`).toBeDefined()
  item!.click()
  await settle()
}

describe('the election dialog', () => {
  it('hints at the quorum as the numbers are typed and maps the server errors to the rows and fields', { timeout: 30_000 }, async () => {
    const wrapper = mount(CommitteeElectDialog, {
      attachTo: document.body,
      props: { modelValue: true, organization: branch, current: null, ruleSets: [] },
      global: { plugins: [i18n, ElementPlus, { install: registerIcons }] },
    })
    await settle()
    expect($('[data-testid="committee-elect-intro"]').textContent).toContain('第1届委员会')
    expect($('[data-testid="committee-elect-size"]').textContent).toContain('委员应为 3–7 人')

    type('[data-testid="committee-elect-entitled"] input', '10')
    await settle()
    expect($('[data-testid="committee-elect-quorum"]').textContent).toContain('须至少 9 人到会')
    type('[data-testid="committee-elect-present"] input', '8')
    await settle()
    expect($('[data-testid="committee-elect-quorum"]').textContent).toContain('到会人数不足')
    expect($('[data-testid="committee-elect-quorum"]').classList).toContain('is-short')
    type('[data-testid="committee-elect-present"] input', '9')
    await settle()
    expect($('[data-testid="committee-elect-quorum"]').classList).toContain('is-valid')
    type('[data-testid="committee-elect-present"] input', '8')

    $<HTMLInputElement>('[data-testid="committee-elect-method-equal"] input').click()
    await choose('committee-elect-person-0', '王伟')
    $('[data-testid="committee-elect-add-member"]').click()
    await settle()
    expect($('[data-testid="committee-elect-secretary"]')).toBeNull()
    await choose('committee-elect-person-1', '李娜')
    await choose('committee-elect-post-1', '副书记')

    $('[data-testid="committee-elect-submit"]').click()
    const sent = () => fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST')
    await until(sent)
    const post = sent()!
    expect(JSON.parse((post[1] as RequestInit).body as string)).toMatchObject({
      entitledVoters: 10,
      presentVoters: 8,
      electionMethod: 'equal',
      approvalDocument: null,
      members: [
        { personId: 'p1', post: 'secretary' },
        { personId: 'p2', post: 'deputy_secretary' },
      ],
    })
    const errorOf = (testId: string) => $(`[data-testid="${testId}"]`).closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent
    await until(() => errorOf('committee-elect-person-1') && errorOf('committee-elect-present'))
    expect(errorOf('committee-elect-person-1')).toContain('须为本组织的正式党员')
    expect(errorOf('committee-elect-person-0')).toBeUndefined()
    expect(errorOf('committee-elect-present')).toContain('须超过应到会人数的 80%')
    expect(document.querySelector('[data-testid="form-dialog-error"]')).toBeNull() // nothing left over for the top of the form
    expect(wrapper.emitted('done')).toBeUndefined()
    wrapper.unmount()
  })
})
