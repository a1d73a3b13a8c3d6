import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { byRow, checkImportFile, MAX_IMPORT_BYTES, problemLines, rowsWithErrors } from './importFile'

/** A stand-in for vue-i18n's t that shows which key (and values) it was asked for. */
const t = (key: string, named?: Record<string, unknown>) => (named ? `${key} ${JSON.stringify(named)}` : key)

describe('checkImportFile', () => {
  it('takes an .xlsx file of any case within the limit', () => {
    expect(checkImportFile({ name: '人员名单.xlsx', size: 10_000 })).toBeNull()
    expect(checkImportFile({ name: 'PEOPLE.XLSX', size: MAX_IMPORT_BYTES })).toBeNull()
  })

  it('refuses other extensions, empty files and files over 24 MB', () => {
    expect(checkImportFile({ name: 'people.xls', size: 100 })).toBe('extension')
    expect(checkImportFile({ name: 'people.xlsx.exe', size: 100 })).toBe('extension')
    expect(checkImportFile({ name: 'people.csv', size: 100 })).toBe('extension')
    expect(checkImportFile({ name: 'people.xlsx', size: 0 })).toBe('empty')
    expect(checkImportFile({ name: 'people.xlsx', size: MAX_IMPORT_BYTES + 1 })).toBe('tooLarge')
    expect(MAX_IMPORT_BYTES).toBe(24 * 1024 * 1024)
  })
})

describe('problemLines', () => {
  it('lists the detail, then every field message of a validation problem once', () => {
    const error = new ApiError(400, '/api/personnel/people/imports', {
      status: 400,
      code: 'validation_failed',
      detail: '请求参数有误',
      errors: { organizationId: ['所在组织为必填项。'], file: ['文件为必填项。', '请求参数有误'] },
    })
    expect(problemLines(error, t)).toEqual(['请求参数有误', '所在组织为必填项。', '文件为必填项。'])
  })

  it('shows the server message of a refusal (422, 400 with a code)', () => {
    const refused = new ApiError(422, '/x', { status: 422, code: 'import_has_errors', detail: '该批次有 1 处错误，未导入任何数据；请修正文件后重新上传。' })
    expect(problemLines(refused, t)).toEqual(['该批次有 1 处错误，未导入任何数据；请修正文件后重新上传。'])
    const notXlsx = new ApiError(400, '/x', { status: 400, code: 'import_file_not_xlsx', detail: '文件不是 Excel（.xlsx）工作簿' })
    expect(problemLines(notXlsx, t)).toEqual(['文件不是 Excel（.xlsx）工作簿'])
  })

  it('names the size limit for a bare 413 (a proxy in front of the server), and keeps the server message of its own', () => {
    expect(problemLines(new ApiError(413, '/x', {}, 'Payload Too Large'), t)).toEqual(['peopleImport.upload.tooLarge {"max":24}'])
    expect(problemLines(new ApiError(413, '/x', { detail: '请求内容过大。' }), t)).toEqual(['请求内容过大。'])
  })

  it('speaks of the connection when the server was not reached, and in general terms otherwise', () => {
    expect(problemLines(new ApiError(0, '/x', { code: 'network' }), t)).toEqual(['error.network'])
    expect(problemLines(new Error('boom'), t)).toEqual(['error.generic'])
    expect(problemLines(new ApiError(502, '/x', {}, 'Bad Gateway'), t)).toEqual(['error.generic'])
  })
})

describe('row errors', () => {
  const errors = [
    { row: 7, field: 'idNumber', message: 'a' },
    { row: 3, field: 'name', message: 'b' },
    { row: 7, field: 'birthDate', message: 'c' },
    { row: 3, field: 'gender', message: 'd' },
  ]

  it('counts the rows with at least one error', () => {
    expect(rowsWithErrors(errors)).toBe(2)
    expect(rowsWithErrors([])).toBe(0)
  })

  it('orders them by row, keeping the server order within a row', () => {
    expect(byRow(errors).map((e) => e.message)).toEqual(['b', 'd', 'a', 'c'])
  })
})
