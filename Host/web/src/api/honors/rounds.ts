import { http } from '../http'

// 评选: nomination rounds (两优一先 …) with a window and a quota per branch; the committee records the results.
// Server: Modules/Honors/…/Features/{OpenNominationRound,NominateForRound,RecordNominationResult,…}.

export interface NominationRound {
  id: string
  title: string
  honourType: string
  honourLevel: string
  conferringBody: string
  opensOn: string
  closesOn: string
  quotaPerBranch: number
  isOpen: boolean
  nominations: number
  selected: number
}

export interface RoundNomination {
  id: string
  organizationId: string
  organizationName: string
  personId: string | null
  personName: string | null
  reason: string
  result: 'pending' | 'selected' | 'not_selected'
  resultNote: string | null
  honourId: string | null
  version: number
}

export const roundsApi = {
  list: () => http.get<NominationRound[]>('/api/honors/rounds'),
  open: (body: Omit<NominationRound, 'id' | 'isOpen' | 'nominations' | 'selected'>) => http.post<{ id: string }>('/api/honors/rounds', body),
  nominations: (roundId: string) => http.get<RoundNomination[]>(`/api/honors/rounds/${roundId}/nominations`),
  nominate: (roundId: string, body: { organizationId: string | null; personId: string | null; reason: string }) =>
    http.post(`/api/honors/rounds/${roundId}/nominations`, body),
  result: (id: string, body: { result: string; resultNote: string; awardedOn: string | null; documentNumber: string | null; version: number }) =>
    http.post(`/api/honors/nominations/${id}/result`, body),
}
