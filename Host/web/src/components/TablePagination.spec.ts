// The pager says when the server stopped counting (Page.totalCapped) and stays silent when the total is exact.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import TablePagination from './TablePagination.vue'

function pager(capped: boolean) {
  return mount(TablePagination, {
    props: { total: 1000, capped, page: 1, pageSize: 20 },
    global: { plugins: [ElementPlus, i18n] },
  })
}

describe('TablePagination', () => {
  it('says "more than" when the total is capped, in the chosen language', async () => {
    await setLocale('zh-CN')
    expect(pager(true).get('[data-testid="pagination-capped"]').text()).toBe('超过 1000 条，仅统计到此')
    await setLocale('en')
    expect(pager(true).get('[data-testid="pagination-capped"]').text()).toBe('More than 1000; counted up to there')
    await setLocale('zh-CN')
  })

  it('shows no note for an exact total', () => {
    expect(pager(false).find('[data-testid="pagination-capped"]').exists()).toBe(false)
  })
})
