import { TRAIT_FIELDS, type ChangeProposal, type MyRecord, type ProposalStatus, type ProposeChangeRequest, type TraitField } from '@/api/selfService'

/**
 * What a member may propose about themselves (the server's Features/SelfService/ChangeProposals.cs): the phone and the
 * personal traits. Only what differs from the record is sent; the server keeps everything else as it is.
 */

export const PROPOSAL_FIELDS = ['phone', ...TRAIT_FIELDS] as const
export type ProposalField = (typeof PROPOSAL_FIELDS)[number]

/** Encrypted while pending and shown to the approver by name only. */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set<ProposalField>(['phone', 'health', 'children'])

/** The server's length limits (Domain/InformationSets.cs: traits; PersonBasics: phone; the proposal's note). */
export const MAX_LENGTH: Readonly<Record<ProposalField | 'note', number>> = {
  phone: 20,
  specialty: 200,
  skills: 200,
  hobbies: 200,
  health: 2000,
  children: 2000,
  note: 500,
}

export type ProposalForm = Record<ProposalField | 'note', string>

/** The value the record holds now ('' when none). */
function current(record: MyRecord | null | undefined, field: ProposalField): string {
  if (!record) return ''
  const value = field === 'phone' ? record.person.phone : record.traits?.values[field as TraitField]
  return value ?? ''
}

/** The form, filled in with what the record holds now. */
export function proposalForm(record: MyRecord | null | undefined): ProposalForm {
  const form = { note: '' } as ProposalForm
  for (const field of PROPOSAL_FIELDS) form[field] = current(record, field)
  return form
}

/** The fields the member changed (blanks around a value do not count). */
export function changedFields(form: ProposalForm, record: MyRecord | null | undefined): ProposalField[] {
  return PROPOSAL_FIELDS.filter((field) => form[field].trim() !== current(record, field))
}

/**
 * The fields that held a value and were emptied: a proposal cannot clear a value (the server drops blanks, so the old
 * value would stay), which the form says instead of sending a change that changes nothing.
 */
export function clearedFields(form: ProposalForm, record: MyRecord | null | undefined): ProposalField[] {
  return changedFields(form, record).filter((field) => form[field].trim() === '')
}

/** The request: only the changed fields (trimmed), the note when there is one. */
export function buildProposal(form: ProposalForm, record: MyRecord | null | undefined): ProposeChangeRequest {
  const request: ProposeChangeRequest = {}
  const changed = changedFields(form, record).filter((field) => form[field].trim() !== '')
  for (const field of changed) {
    if (field === 'phone') request.phone = form.phone.trim()
    else (request.traits ??= {})[field] = form[field].trim()
  }
  const note = form.note.trim()
  if (note) request.note = note
  return request
}

/** Whether the request proposes anything (a note alone does not). */
export const proposesAnything = (request: ProposeChangeRequest) =>
  request.phone !== undefined || Object.keys(request.traits ?? {}).length > 0

/** One line of a proposal as the approver sees it: the field and its proposed value, or null when the value is hidden. */
export interface ProposalLine {
  field: string
  value: string | null
}

/** The proposed changes in the form's order: ordinary traits with their values, sensitive fields by name only. */
export function proposalLines(proposal: Pick<ChangeProposal, 'traits' | 'sensitiveFields'>): ProposalLine[] {
  const lines: ProposalLine[] = []
  const known = new Set<string>(PROPOSAL_FIELDS)
  for (const field of PROPOSAL_FIELDS) {
    const value = proposal.traits[field as TraitField]
    if (value !== undefined && !SENSITIVE_FIELDS.has(field)) lines.push({ field, value })
    else if (proposal.sensitiveFields.includes(field)) lines.push({ field, value: null })
  }
  // A field the UI does not know yet (the server added one) is still shown, by its name.
  for (const [field, value] of Object.entries(proposal.traits)) if (!known.has(field)) lines.push({ field, value: value ?? '' })
  for (const field of proposal.sensitiveFields) if (!known.has(field)) lines.push({ field, value: null })
  return lines
}

/** The el-tag colour of a proposal's status: waiting amber, approved green, returned red. */
export function proposalTagType(status: ProposalStatus | string): 'warning' | 'success' | 'danger' | 'info' {
  switch (status) {
    case 'pending':
      return 'warning'
    case 'approved':
      return 'success'
    case 'rejected':
      return 'danger'
    default:
      return 'info'
  }
}

/** Whether the member has a proposal waiting for the branch (then they cannot propose another). */
export const hasPending = (record: MyRecord | null | undefined) => !!record?.proposals.some((p) => p.status === 'pending')
