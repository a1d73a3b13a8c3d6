import { http, type DownloadOptions } from '../http'
import type { Page } from '../types'

// Party dues (党费): bases, the ledger, payments, reductions, reports. Server: Modules/Workflow/…/Features/*Dues*.
// Money comes as JSON numbers of yuan with at most two decimals (numeric(12,2) on the server); the UI only shows and sends them.

export type DuesCategory = 'in_service' | 'retired' | 'fixed' | 'exempt'
export const DUES_CATEGORIES: DuesCategory[] = ['in_service', 'retired', 'fixed', 'exempt']
export type PaymentMethod = 'cash' | 'transfer' | 'online' | 'payroll'
export const PAYMENT_METHODS: PaymentMethod[] = ['cash', 'transfer', 'online', 'payroll']

/** none (nothing due), paid, partial, due (current or future, unpaid) or arrears (a past month not paid in full) */
export type CellStatus = 'none' | 'paid' | 'partial' | 'due' | 'arrears'

export interface LedgerCell {
  month: string
  due: number | null
  paid: number | null
  reduction: number | null
  status: CellStatus
  version: number | null
}

export interface LedgerMember {
  personId: string
  name: string
  partyStatus: string
  category: DuesCategory | null
  base: number | null
  cells: LedgerCell[]
  due: number
  paid: number
  arrears: number
  arrearsMonths: number
}

export interface LedgerMonthTotal {
  month: string
  members: number
  due: number
  paid: number
  owing: number
}

export interface DuesLedger extends Page<LedgerMember> {
  organizationId: string
  organizationName: string
  year: number
  currentMonth: string
  months: LedgerMonthTotal[]
}

export interface DuesBaseRow {
  personId: string
  name: string
  partyStatus: string
  joinedOn: string | null
  baseFrom: string | null
  category: DuesCategory | null
  base: number | null
  source: 'entered' | 'imported' | null
  ratePercent: number | null
  amountDue: number | null
  version: number | null
}

export interface DuesReduction {
  id: string
  personId: string
  personName: string
  organizationId: string
  organizationName: string
  fromMonth: string
  toMonth: string
  exempt: boolean
  monthlyAmount: number | null
  reason: string
  status: 'pending' | 'approved' | 'rejected'
  requestedAt: string
  decidedAt: string | null
  decisionNote: string | null
  mayDecide: boolean
  version: number
}

export interface DuesReportLine {
  month: string | null
  members: number
  due: number
  paid: number
  ratePercent: number | null
  arrears: number
}

export interface DuesReport {
  year: number
  branches: { organizationId: string; organizationName: string; months: DuesReportLine[]; year: DuesReportLine }[]
  total: number
  page: number
  pageSize: number
  months: DuesReportLine[]
  yearTotal: DuesReportLine
}

export interface RemittanceSummary {
  fromMonth: string
  toMonth: string
  centreThreshold: number
  branches: { organizationId: string; organizationName: string; payers: number; dues: number; voluntary: number; total: number }[]
  centreOneOffs: { personId: string; personName: string; organizationName: string; amount: number; paidOn: string }[]
  duesTotal: number
  voluntaryTotal: number
  centreTotal: number
  totalToRemit: number
}

export interface DuesImportPreview {
  batchId: string
  rows: number
  valid: number
  errors: { row: number; field: string; message: string }[]
}

export interface MemberPayment {
  personId: string
  paidOn: string
  paymentMethod: PaymentMethod
  duesMonths: { duesMonth: string; duesAmount?: number | null }[]
  voluntaryAmount?: number | null
}

export const duesApi = {
  ledger: (organizationId: string, year: number, page: number, pageSize: number) =>
    http.get<DuesLedger>('/api/workflow/dues/ledger', { organizationId, year, page, pageSize }),
  bases: (organizationId: string, page: number, pageSize: number) =>
    http.get<Page<DuesBaseRow>>('/api/workflow/dues/bases', { organizationId, page, pageSize }),
  setBase: (personId: string, body: { duesCategory: DuesCategory; duesBase: number; baseFrom: string; version?: number | null }) =>
    http.put<{ amountDue: number; ratePercent: number | null }>(`/api/workflow/dues/bases/${personId}`, body),
  generateMonth: (organizationId: string, duesMonth: string) =>
    http.post<{ created: number; withoutBase: number }>('/api/workflow/dues/months', { organizationId, duesMonth }),
  pay: (body: MemberPayment) => http.post<{ months: number; total: number }>('/api/workflow/dues/payments', body),
  payBranchMonth: (body: { organizationId: string; duesMonth: string; paidOn: string; paymentMethod: PaymentMethod }) =>
    http.post<{ members: number; total: number }>('/api/workflow/dues/branch-payments', body),
  reductions: (organizationId: string, status: string | null, page: number, pageSize: number) =>
    http.get<Page<DuesReduction>>('/api/workflow/dues/reductions', { organizationId, status, page, pageSize }),
  requestReduction: (body: {
    personId: string
    reductionFrom: string
    reductionTo: string
    reductionExempt: boolean
    reducedMonthlyAmount: number | null
    reason: string
  }) => http.post<{ id: string }>('/api/workflow/dues/reductions', body),
  decideReduction: (id: string, body: { approve: boolean; decisionNote: string; version: number }) =>
    http.post(`/api/workflow/dues/reductions/${id}/decision`, body),
  report: (organizationId: string, year: number, page: number, pageSize: number) =>
    http.get<DuesReport>('/api/workflow/dues/report', { organizationId, year, page, pageSize }),
  remittance: (organizationId: string, fromMonth: string, toMonth: string) =>
    http.get<RemittanceSummary>('/api/workflow/dues/remittance', { organizationId, fromMonth, toMonth }),
  exportRemittance: (organizationId: string, fromMonth: string, toMonth: string, options: DownloadOptions) =>
    http.download(`/api/workflow/dues/remittance/export?organizationId=${organizationId}&fromMonth=${fromMonth}&toMonth=${toMonth}`, options),
  template: (organizationId: string, options: DownloadOptions) =>
    http.download(`/api/workflow/dues/base-template?organizationId=${organizationId}`, options),
  previewImport: (organizationId: string, baseFrom: string, file: File) => {
    const form = new FormData()
    form.append('organizationId', organizationId)
    form.append('baseFrom', baseFrom)
    form.append('file', file)
    return http.upload<DuesImportPreview>('/api/workflow/dues/base-imports', form)
  },
  commitImport: (batchId: string) => http.post<{ imported: number }>(`/api/workflow/dues/base-imports/${batchId}/commit`),
}
