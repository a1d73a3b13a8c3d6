// Checks that the data-testid hooks used by the browser tests land on the right elements
// (notably: on the native <input> of el-input, so that Playwright's fill() works).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n, setLocale, LOCALE_STORAGE_KEY } from '@/i18n'
import { configureApi } from '@/api/http'
import LoginView from './LoginView.vue'
import AppLayout from '@/layout/AppLayout.vue'
import { useSessionStore } from '@/stores/session'
import { registerIcons } from '@/icons'
import PersonFormDialog from './personnel/PersonFormDialog.vue'
import PersonDetail from './personnel/PersonDetail.vue'
import ImportPreviewStep from './personnel/import/ImportPreviewStep.vue'
import ImportUploadStep from './personnel/import/ImportUploadStep.vue'
import OrganizationsView from './personnel/organizations/OrganizationsView.vue'
import OrgRenameDialog from './personnel/organizations/OrgRenameDialog.vue'

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

async function settle() {
  for (let i = 0; i < 10; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
}

function setup(component: unknown, path = '/login', props: Record<string, unknown> = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: { template: '<div />' } },
      { path: '/', component: { template: '<div>home</div>' } },
      { path: '/:p(.*)*', component: { template: '<div />' } },
    ],
  })
  void router.push(path)
  const wrapper = mount(component as never, {
    attachTo: document.body,
    props: props as never,
    global: {
      plugins: [pinia, router, i18n, ElementPlus, { install: registerIcons }],
    },
  })
  return { wrapper, router, pinia }
}

/** Types the user name and password on the login page and submits them. */
async function signInAsZhang(wrapper: ReturnType<typeof mount>) {
  await settle()
  await wrapper.find('input[data-testid="login-username"]').setValue('zhang')
  await wrapper.find('input[data-testid="login-password"]').setValue('secret')
  await wrapper.find('form').trigger('submit')
  await settle()
}

let fetchMock: ReturnType<typeof vi.fn>

// async-validator's development warnings ("name is required" …) are expected here, not noise to print.
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

describe('login page hooks', () => {
  // The sign-in options (OA providers) are fetched on their own; the tests below count the sign-in calls only.
  let signInOptions: unknown = { localSignIn: 'everyone', providers: [] }
  beforeEach(() => {
    const calls = fetchMock as unknown as (url: string, init?: RequestInit) => Promise<Response>
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) =>
      url === '/api/platform/auth/options' ? Promise.resolve(json(200, signInOptions)) : calls(url, init),
    )
  })

  it('offers a button per OA provider, a plain link to its sign-in', async () => {
    signInOptions = {
      localSignIn: 'administrators_only',
      providers: [{ name: 'weaver', kind: 'ticket', displayName: '泛微 OA', displayNameEn: 'Weaver OA', loginUrl: '/sso/weaver/login' }],
    }
    const { wrapper } = setup(LoginView)
    await settle()
    const button = wrapper.find('a[data-testid="sso-weaver"]')
    expect(button.text()).toBe('泛微 OA')
    expect(button.attributes('href')).toBe('/sso/weaver/login')
    expect(wrapper.find('[data-testid="local-admins-only"]').exists()).toBe(true)
    expect(wrapper.find('input[data-testid="login-username"]').exists()).toBe(true)
    signInOptions = { localSignIn: 'everyone', providers: [] }
    wrapper.unmount()
  })

  it('puts the login test ids on the native inputs and button', async () => {
    const { wrapper } = setup(LoginView)
    await settle()
    expect(wrapper.find('input[data-testid="login-username"]').exists()).toBe(true)
    expect(wrapper.find('input[data-testid="login-password"]').attributes('type')).toBe('password')
    expect(wrapper.find('button[data-testid="login-submit"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('用户登录')
    wrapper.unmount()
  })

  it('shows the server detail in login-error', async () => {
    fetchMock.mockResolvedValue(json(423, { status: 423, code: 'auth.locked', detail: '账户已锁定，请 15 分钟后再试' }))
    const { wrapper } = setup(LoginView)
    await signInAsZhang(wrapper)
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/platform/auth/login')
    expect(JSON.parse(init.body as string)).toEqual({ userName: 'zhang', password: 'secret' })
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('账户已锁定，请 15 分钟后再试')
    wrapper.unmount()
  })

  it('walks to TOTP enrolment and shows the secret and the code input', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, { next: 'totp-setup', totpSetup: { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/RedSail:zhang?secret=JBSWY3DPEHPK3PXP' } }),
    )
    const { wrapper } = setup(LoginView)
    await signInAsZhang(wrapper)
    expect(wrapper.find('[data-testid="totp-secret"]').text()).toBe('JBSWY3DPEHPK3PXP')
    expect(wrapper.find('input[data-testid="totp-code"]').exists()).toBe(true)
    expect(wrapper.find('button[data-testid="totp-submit"]').exists()).toBe(true)

    fetchMock.mockResolvedValueOnce(json(401, { status: 401, code: 'auth.invalid_totp', detail: '动态验证码错误' }))
    await wrapper.find('input[data-testid="totp-code"]').setValue('123456')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(JSON.parse((fetchMock.mock.calls[1] as [string, RequestInit])[1].body as string)).toEqual({ code: '123456' })
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('动态验证码错误')
    expect(wrapper.find('input[data-testid="totp-code"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('shows the forced password change form with its hooks', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { next: 'password-change' }))
    const { wrapper } = setup(LoginView)
    await signInAsZhang(wrapper)
    for (const id of ['pwd-current', 'pwd-new', 'pwd-confirm']) {
      expect(wrapper.find(`input[data-testid="${id}"]`).exists(), id).toBe(true)
    }
    expect(wrapper.find('button[data-testid="pwd-submit"]').exists()).toBe(true)
    wrapper.unmount()
  })
})

describe('layout hooks', () => {
  it('renders only permitted menu items, the language switch and the user menu', async () => {
    const { wrapper } = setup(AppLayout, '/')
    const session = useSessionStore()
    session.me = {
      userId: '1',
      userName: 'sec',
      displayName: '安全管理员',
      roles: [],
      permissions: ['platform.roles', 'platform.oa-clients'],
      passwordChangeDue: false,
    }
    await settle()
    expect(wrapper.find('[data-testid="side-menu"]').exists()).toBe(true)
    const items = wrapper.findAll('[data-testid^="menu-"]').map((w) => w.attributes('data-testid'))
    expect(items).toContain('menu-roles')
    expect(items).toContain('menu-oa-clients')
    expect(items).toContain('menu-api-docs')
    expect(items).not.toContain('menu-users')
    expect(items).not.toContain('menu-audit')
    expect(wrapper.find('[data-testid="user-menu"]').text()).toContain('安全管理员')

    const lang = wrapper.find('[data-testid="lang-switch"]')
    expect(lang.text()).toBe('English')
    await lang.trigger('click')
    await settle()
    expect(i18n.global.locale.value).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    expect(wrapper.find('[data-testid="lang-switch"]').text()).toBe('中文')
    expect(wrapper.find('[data-testid="menu-roles"]').text()).toBe('Role Grants')
    await wrapper.find('[data-testid="lang-switch"]').trigger('click')
    expect(i18n.global.locale.value).toBe('zh-CN')
    wrapper.unmount()
  })
})

// The person form is large (and Element Plus is transformed for these tests): more time than the default 5 s.
describe('people hooks', { timeout: 30_000 }, () => {
  const person = {
    id: 'p1',
    organizationId: 'o1',
    organizationName: '机关第一党支部',
    name: '王芳',
    gender: '2',
    birthDate: '1949-12-31',
    age: 75,
    ethnicity: '01',
    education: '21',
    idNumber: '110**************X',
    phone: '138****8000',
    unmasked: false,
    nativePlace: null,
    department: null,
    employeeNumber: 'E0001',
    partyStatus: 'applicant',
    appliedOn: '2024-01-02',
    activistOn: null,
    candidateOn: null,
    joinedOn: null,
    convertedOn: null,
    probationExtendedMonths: 0,
    partyAgeYears: null,
    version: 3,
  }

  it('puts the person form hooks on native inputs (text) and around date pickers and tree selects', async () => {
    const { wrapper } = setup(PersonFormDialog, '/', { modelValue: true, roots: [] })
    await settle()
    for (const field of ['name', 'idNumber', 'phone', 'nativePlace', 'department', 'employeeNumber']) {
      expect(document.querySelector(`input[data-testid="person-form-${field}"]`), field).not.toBeNull()
    }
    for (const field of ['gender', 'ethnicity', 'education', 'partyStatus']) {
      expect(document.querySelectorAll(`[data-testid="person-form-${field}"]`), field).toHaveLength(1)
    }
    expect(document.querySelectorAll('[data-testid="person-form-organization"]')).toHaveLength(1)
    expect(document.querySelector('[data-testid="person-form-birthDate"] input')).not.toBeNull()
    expect(document.querySelector('button[data-testid="person-form-submit"]')).not.toBeNull()
    wrapper.unmount()
  })

  it('refuses an ID number with a wrong check character under its field, without calling the server', async () => {
    const { wrapper } = setup(PersonFormDialog, '/', { modelValue: true, roots: [] })
    await settle()
    const id = document.querySelector<HTMLInputElement>('input[data-testid="person-form-idNumber"]')!
    id.value = '110105194912310021'
    id.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('button[data-testid="person-form-submit"]')!.click()
    await settle()
    await new Promise((r) => setTimeout(r, 200))
    await settle()
    const item = id.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain('身份证号无效')
    expect(fetchMock).not.toHaveBeenCalled()

    id.value = '11010519491231002x'
    id.dispatchEvent(new Event('input'))
    await settle()
    expect(document.querySelector<HTMLInputElement>('[data-testid="person-form-birthDate"] input')!.value).toBe('1949-12-31')
    expect(document.querySelector('[data-testid="person-form-gender"]')!.textContent).toContain('女')
    wrapper.unmount()
  })

  /** Answers by path: the person, the information sets' catalog, the person's entries. */
  function serve(routes: Record<string, unknown>) {
    fetchMock.mockImplementation((url: string) => {
      const path = url.split('?')[0]
      return Promise.resolve(path in routes ? json(200, routes[path]) : json(404, { status: 404 }))
    })
  }

  const catalog = {
    sets: [
      {
        kind: 'family',
        hasPeriod: false,
        fromRequired: false,
        singleCurrent: false,
        fields: [
          { name: 'relation', kind: 'code', required: true, maxLength: 16, codes: 'family_relation', sensitive: false },
          { name: 'name', kind: 'text', required: true, maxLength: 50, codes: null, sensitive: true },
        ],
      },
    ],
    codes: { family_relation: [{ value: '10', label: '配偶' }] },
  }

  it('shows the person with the masked ID number, the unmask button and the tab hooks', async () => {
    serve({ '/api/personnel/people/p1': person, '/api/personnel/information-sets': catalog })
    const { wrapper } = setup(PersonDetail, '/personnel/people/p1', { id: 'p1' })
    useSessionStore().me = {
      userId: 'u',
      userName: 'c',
      displayName: '党委管理员',
      roles: [],
      permissions: ['personnel.read', 'personnel.write', 'personnel.unmask'],
      passwordChangeDue: false,
    }
    await settle()
    expect(fetchMock.mock.calls.map((c) => (c as [string])[0])).toContain('/api/personnel/people/p1')
    expect(wrapper.find('[data-testid="person-name"]').text()).toBe('王芳')
    expect(wrapper.find('[data-testid="person-status"]').text()).toBe('入党申请人')
    expect(wrapper.find('[data-testid="person-idNumber"]').text()).toBe('110**************X')
    expect(wrapper.find('button[data-testid="person-unmask"]').exists()).toBe(true)
    expect(wrapper.find('button[data-testid="person-edit"]').exists()).toBe(true)
    for (const tab of ['basics', 'party', 'family', 'changes']) expect(wrapper.find(`[data-testid="person-tab-${tab}"]`).exists(), tab).toBe(true)
    expect(wrapper.find('[data-testid="person-relation"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it("shows a member's relation and an information set's entries with code labels and masked values under a lock", async () => {
    serve({
      '/api/personnel/people/p1': { ...person, partyStatus: 'full_member', relation: 'flowing', relationSince: '2025-01-01' },
      '/api/personnel/information-sets': catalog,
      '/api/personnel/people/p1/records': [
        { id: 'r1', set: 'family', validFrom: null, validTo: null, values: { relation: '10', name: '李**' }, organizationName: null, masked: true, updatedAt: '2025-01-01T00:00:00Z', version: 1 },
      ],
    })
    const { wrapper } = setup(PersonDetail, '/personnel/people/p1', { id: 'p1' })
    useSessionStore().me = {
      userId: 'u',
      userName: 'c',
      displayName: '党委管理员',
      roles: [],
      permissions: ['personnel.read', 'personnel.write', 'personnel.unmask'],
      passwordChangeDue: false,
    }
    await settle()
    expect(wrapper.find('[data-testid="person-relation"]').text()).toBe('流动党员')
    expect(wrapper.find('button[data-testid="person-relation-actions"]').exists()).toBe(true)

    await wrapper.find('[data-testid="person-tab-family"]').trigger('click')
    await settle()
    const table = wrapper.find('[data-testid="records-family-table"]')
    expect(table.text()).toContain('配偶')
    expect(table.text()).toContain('李**')
    expect(table.find('[data-testid="record-masked"]').exists()).toBe(true)
    expect(wrapper.find('button[data-testid="records-family-unmask"]').exists()).toBe(true)
    expect(wrapper.find('button[data-testid="records-family-add"]').exists()).toBe(true)
    wrapper.unmount()
  })
})

describe('people import hooks', { timeout: 30_000 }, () => {
  it('offers the template, the organisation, the drop zone with its limits, and refuses a non-xlsx file before uploading', async () => {
    const { wrapper } = setup(ImportUploadStep, '/', { roots: [], organizationId: 'o1' })
    await settle()
    expect(wrapper.find('button[data-testid="import-template"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="import-organization"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="import-upload-limits"]').text()).toContain('24 MB')
    const input = wrapper.find<HTMLInputElement>('[data-testid="import-upload"] input[type="file"]')
    expect(input.attributes('accept')).toBe('.xlsx')
    const submit = () => wrapper.find<HTMLButtonElement>('button[data-testid="import-upload-submit"]').element
    expect(submit().disabled).toBe(true)

    const choose = async (file: File) => {
      Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
      await input.trigger('change')
      await settle()
      await new Promise((r) => setTimeout(r, 200)) // el-form-item shows (and hides) its error debounced
      await settle()
    }
    await choose(new File(['x'], 'people.xls'))
    expect(wrapper.find('.el-form-item__error').text()).toContain('.xlsx')
    expect(wrapper.find('[data-testid="import-upload-file"]').exists()).toBe(false)
    expect(submit().disabled).toBe(true)

    await choose(new File(['PK'], '人员.xlsx'))
    expect(wrapper.find('.el-form-item__error').exists()).toBe(false)
    expect(wrapper.find('[data-testid="import-upload-file"]').text()).toContain('人员.xlsx')
    expect(submit().disabled).toBe(false)
    expect(fetchMock).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('lists the errors by row and column and keeps commit disabled while any remains', async () => {
    const preview = {
      batchId: 'b1',
      rows: 3,
      valid: 2,
      errors: [{ row: 3, field: 'idNumber', message: '身份证号无效' }],
    }
    const { wrapper } = setup(ImportPreviewStep, '/', { preview, fileName: 'people.xlsx' })
    await settle()
    expect(wrapper.find('[data-testid="import-preview-rows"]').text()).toBe('3')
    expect(wrapper.find('[data-testid="import-preview-valid"]').text()).toBe('2')
    expect(wrapper.find('[data-testid="import-preview-invalid"]').text()).toBe('1')
    expect(wrapper.find('[data-testid="import-errors-hint"]').text()).toContain('重新上传')
    const cells = wrapper.findAll('[data-testid="import-errors"] tbody td').map((c) => c.text())
    expect(cells).toEqual(['3', '身份证号', '身份证号无效'])
    expect(wrapper.find<HTMLButtonElement>('button[data-testid="import-commit"]').element.disabled).toBe(true)

    await wrapper.setProps({ preview: { batchId: 'b2', rows: 3, valid: 3, errors: [] } } as never)
    await settle()
    expect(wrapper.find('[data-testid="import-errors"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="import-preview-ok"]').exists()).toBe(true)
    expect(wrapper.find<HTMLButtonElement>('button[data-testid="import-commit"]').element.disabled).toBe(false)
    wrapper.unmount()
  })
})

describe('organisation hooks', { timeout: 30_000 }, () => {
  const org = (id: string, parentId: string | null, name: string, type: string, version = 1) => ({
    id,
    parentId,
    code: id.toUpperCase(),
    name,
    type,
    memberCount: 3,
    peopleCount: 4,
    status: 'active',
    unit: null,
    version,
  })
  const list = [org('root', null, '红帆研究院党委', 'committee'), org('b1', 'root', '机关第一党支部', 'branch', 4)]
  const detail = { ...list[0], parentName: null, foundedOn: '2001-07-01', mergedInto: null, dissolvedOn: null }
  const committeeAdmin = () =>
    (useSessionStore().me = {
      userId: 'u',
      userName: 'c',
      displayName: '党委管理员',
      roles: [],
      permissions: ['personnel.read', 'personnel.write'],
      passwordChangeDue: false,
    })

  it('shows the tree with types, the detail with exactly its tabs (a party committee has 班子任期), and the actions', async () => {
    fetchMock.mockImplementation((url: string) =>
      Promise.resolve(url.startsWith('/api/personnel/organizations?') || url === '/api/personnel/organizations' ? json(200, list) : json(200, detail)),
    )
    const { wrapper } = setup(OrganizationsView, '/personnel/organizations')
    committeeAdmin()
    await settle()
    expect((fetchMock.mock.calls[0] as [string])[0]).toBe('/api/personnel/organizations')
    const tree = wrapper.find('[data-testid="org-manage-tree"]')
    expect(tree.text()).toContain('机关第一党支部')
    expect(tree.text()).toContain('党支部')
    expect(tree.findAll('[draggable="true"]').length).toBeGreaterThan(0)
    expect(wrapper.find('input[data-testid="org-manage-tree-search"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="org-detail-name"]').text()).toBe('红帆研究院党委')
    expect(wrapper.findAll('[data-testid^="org-tab-"]').map((w) => w.attributes('data-testid'))).toEqual([
      'org-tab-basics',
      'org-tab-committee',
      'org-tab-history',
    ])
    // The root belongs to the system: only 新建下级 applies to it.
    expect(wrapper.find('button[data-testid="org-action-create"]').attributes('disabled')).toBeUndefined()
    for (const kind of ['rename', 'move', 'merge', 'dissolve']) {
      expect(wrapper.find(`button[data-testid="org-action-${kind}"]`).attributes('disabled'), kind).toBeDefined()
    }

    await wrapper.find('[data-testid="org-show-closed"]').trigger('click')
    await settle()
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/personnel/organizations?includeClosed=true')).toBe(true)
    wrapper.unmount()
  })

  it('after a 409 fetches the latest version at once, says so and keeps the dialog open', async () => {
    const reload = vi.fn().mockResolvedValue(true)
    const branch = { ...list[1], children: [] }
    const { wrapper } = setup(OrgRenameDialog, '/', { modelValue: true, organization: branch, reload })
    committeeAdmin()
    await settle()
    const name = document.querySelector<HTMLInputElement>('input[data-testid="org-rename-name"]')!
    expect(name.value).toBe('机关第一党支部')
    expect(document.querySelector<HTMLInputElement>('[data-testid="org-rename-effectiveOn"] input')!.value).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    // Unchanged name and no reason: refused here, nothing sent.
    document.querySelector<HTMLButtonElement>('button[data-testid="org-rename-submit"]')!.click()
    await settle()
    await new Promise((r) => setTimeout(r, 200))
    await settle()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(name.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent).toContain('新名称与当前名称相同')

    fetchMock.mockResolvedValueOnce(json(409, { status: 409, code: 'concurrency_conflict', detail: '该记录已被他人修改', currentVersion: 5 }))
    name.value = '机关一支部'
    name.dispatchEvent(new Event('input'))
    const reason = document.querySelector<HTMLTextAreaElement>('textarea[data-testid="org-rename-reason"]')!
    reason.value = '机构改革'
    reason.dispatchEvent(new Event('input'))
    await settle()
    document.querySelector<HTMLButtonElement>('button[data-testid="org-rename-submit"]')!.click()
    await settle()
    await new Promise((r) => setTimeout(r, 200))
    await settle()

    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/personnel/organizations/b1/rename')
    expect(JSON.parse(init.body as string)).toMatchObject({ name: '机关一支部', reason: '机构改革', version: 4 })
    expect(reload).toHaveBeenCalledOnce()
    expect(document.querySelector('[data-testid="form-dialog-error"]')?.textContent).toContain('已被他人修改，已刷新')
    expect(name.value).toBe('机关一支部')
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    wrapper.unmount()
  })
})
