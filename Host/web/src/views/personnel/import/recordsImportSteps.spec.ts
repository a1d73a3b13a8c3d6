// The import wizard's steps when they bring in information-set entries rather than people: no organisation to choose,
// the set's template, and the errors named by the file's own column headers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { configureApi } from '@/api/http'
import { i18n, setLocale } from '@/i18n'
import { registerIcons } from '@/icons'
import ImportPreviewStep from './ImportPreviewStep.vue'
import ImportUploadStep from './ImportUploadStep.vue'
import { importTarget } from './importTarget'

const family = importTarget({ kind: 'records', set: 'family' }, (key) => i18n.global.te(key))

async function settle() {
  for (let i = 0; i < 10; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
}

function mountStep(component: unknown, props: Record<string, unknown>) {
  return mount(component as never, {
    attachTo: document.body,
    props: props as never,
    global: { plugins: [i18n, ElementPlus, { install: registerIcons }] },
  })
}

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  setLocale('zh-CN')
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  configureApi({ getLocale: () => 'zh-CN', onUnauthorized: () => {} })
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('records import steps', { timeout: 30_000 }, () => {
  it('ask for no organisation, fetch the chosen set’s template, and take a file alone', async () => {
    fetchMock.mockResolvedValue(new Response(new Blob(['PK']), { status: 200, headers: { 'Content-Type': 'application/octet-stream' } }))
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }))
    const wrapper = mountStep(ImportUploadStep, { roots: [], organizationId: null, target: family })
    await settle()
    expect(wrapper.find('[data-testid="import-organization"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('按身份证号对应已登记')

    await wrapper.find('button[data-testid="import-template"]').trigger('click')
    await settle()
    expect(String(fetchMock.mock.calls[0][0])).toContain('/api/personnel/records/import-template?set=family')

    const submit = () => wrapper.find<HTMLButtonElement>('button[data-testid="import-upload-submit"]').element
    expect(submit().disabled).toBe(true)
    const input = wrapper.find<HTMLInputElement>('[data-testid="import-upload"] input[type="file"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['PK'], '家庭成员.xlsx')], configurable: true })
    await input.trigger('change')
    await settle()
    expect(submit().disabled).toBe(false)
    wrapper.unmount()
  })

  it('show errors under the file’s column headers and count entries, not people', async () => {
    const preview = { batchId: 'b1', rows: 2, valid: 1, errors: [{ row: 3, field: '与本人关系', message: '与本人关系“42”不在代码表中。' }] }
    const wrapper = mountStep(ImportPreviewStep, { preview, fileName: 'family.xlsx', target: family })
    await settle()
    expect(wrapper.findAll('[data-testid="import-errors"] tbody td').map((c) => c.text())).toEqual(['3', '与本人关系', '与本人关系“42”不在代码表中。'])
    expect(wrapper.find('[data-testid="import-errors-hint"]').text()).toContain('未导入任何条目')

    await wrapper.setProps({ preview: { batchId: 'b2', rows: 2, valid: 2, errors: [] } } as never)
    await settle()
    expect(wrapper.find('button[data-testid="import-commit"]').text()).toBe('提交入库（2 条）')
    wrapper.unmount()
  })
})
