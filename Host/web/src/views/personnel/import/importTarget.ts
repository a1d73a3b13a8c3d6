import type { DownloadedFile, DownloadOptions, UploadOptions } from '@/api/http'
import { personnelApi } from '@/api/personnel'
import { recordsImportApi } from '@/api/recordsImport'
import type { ImportBatchOutcome, ImportPreview } from '@/api/types'

/** What the import wizard brings in: people (into one organisation), or entries of one information set for people already recorded. */
export type ImportKind = 'people' | 'records'

/** The information sets the server imports from Excel (a mass-organisation membership is chosen entry by entry on the person's page). */
export const IMPORTABLE_SETS = ['education', 'family', 'post', 'reward', 'abroad', 'care', 'traits', 'united_front'] as const
export type ImportableSet = (typeof IMPORTABLE_SETS)[number]

export interface ImportChoice {
  kind: ImportKind
  set: ImportableSet
}

const isImportableSet = (value: unknown): value is ImportableSet => (IMPORTABLE_SETS as readonly unknown[]).includes(value)

/** The wizard's choice as the address keeps it (?kind=records&set=family): people unless it says records, education unless it names a set. */
export function choiceFromQuery(query: Record<string, unknown>): ImportChoice {
  return { kind: query.kind === 'records' ? 'records' : 'people', set: isImportableSet(query.set) ? query.set : IMPORTABLE_SETS[0] }
}

/** The query that keeps a choice in the address; people, the default, needs none. */
export function choiceQuery(choice: ImportChoice): Record<string, string> {
  return choice.kind === 'records' ? { kind: 'records', set: choice.set } : {}
}

/**
 * The i18n key of one of the wizard's texts (`preview.commit`, `result.recorded` …): the records import words some of
 * them its own way (条 rather than 人); the rest are the people import's.
 */
export function importTextKey(kind: ImportKind, key: string, hasMessage: (key: string) => boolean): string {
  return kind === 'records' && hasMessage(`recordsImport.${key}`) ? `recordsImport.${key}` : `peopleImport.${key}`
}

/** What the wizard's steps call for the chosen kind: the template, the upload, the commit and the roll-back, and their texts. */
export interface ImportTarget {
  kind: ImportKind
  /** people go into an organisation chosen on upload; entries belong to the people their ID numbers name */
  needsOrganization: boolean
  /** the template's file name when the server does not say */
  templateFileName: string
  template: (options: DownloadOptions) => Promise<DownloadedFile>
  preview: (file: File, organizationId: string | null, options: UploadOptions) => Promise<ImportPreview>
  commit: (batchId: string) => Promise<ImportBatchOutcome>
  rollBack: (batchId: string) => Promise<ImportBatchOutcome>
  /** the i18n key of a wizard text for this kind (see importTextKey) */
  text: (key: string) => string
}

export function importTarget(choice: ImportChoice, hasMessage: (key: string) => boolean): ImportTarget {
  const text = (key: string) => importTextKey(choice.kind, key, hasMessage)
  if (choice.kind === 'people')
    return {
      kind: 'people',
      needsOrganization: true,
      templateFileName: 'people-import-template.xlsx',
      template: personnelApi.importTemplate,
      preview: (file, organizationId, options) => personnelApi.previewImport(organizationId ?? '', file, options),
      commit: personnelApi.commitImport,
      rollBack: personnelApi.rollBackImport,
      text,
    }
  const set = choice.set
  return {
    kind: 'records',
    needsOrganization: false,
    templateFileName: `${set}-import-template.xlsx`,
    template: (options) => recordsImportApi.template(set, options),
    preview: (file, _organizationId, options) => recordsImportApi.preview(set, file, options),
    commit: recordsImportApi.commit,
    rollBack: recordsImportApi.rollBack,
    text,
  }
}

/** The people import: what the steps do when not told otherwise. */
export const peopleImportTarget: ImportTarget = importTarget({ kind: 'people', set: IMPORTABLE_SETS[0] }, () => false)
