import { http, type DownloadOptions, type UploadOptions } from './http'
import type { ImportBatchOutcome, ImportPreview } from './types'

const seg = encodeURIComponent

/**
 * Excel import of information-set entries (学历学位, 家庭成员 …) for people already recorded: the same preview, commit
 * and roll-back steps and answers as the people import, one set per file.
 */
export const recordsImportApi = {
  /** The set's template: 身份证号 and the set's columns, and the 代码说明 sheet. */
  template: (set: string, options: DownloadOptions = {}) => http.download('/api/personnel/records/import-template', { ...options, query: { set } }),

  /** Uploads a sheet of one set's entries: every row checked (the person found by ID number within the caller's scope), nothing saved yet. */
  preview: (set: string, file: File, options: UploadOptions = {}) => {
    const form = new FormData()
    form.append('set', set)
    form.append('file', file, file.name)
    return http.upload<ImportPreview>('/api/personnel/records/imports', form, options)
  },

  /** Saves a previewed batch without errors, all or nothing. */
  commit: (batchId: string) => http.post<ImportBatchOutcome>(`/api/personnel/records/imports/${seg(batchId)}/commit`),

  /** Takes a committed batch's entries back (kept as removed), while none of them has changed since. */
  rollBack: (batchId: string) => http.post<ImportBatchOutcome>(`/api/personnel/records/imports/${seg(batchId)}/rollback`),
}
