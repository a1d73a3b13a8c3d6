import { http } from '../http'

// Full-text search of the archive (史料全文检索). Server: Modules/Archives/…/Features/SearchDocuments.

export interface SearchHit {
  documentId: string
  title: string
  /** the title as HTML: escaped by the server, hits inside <mark>…</mark> (render with views/archives/search/marked.ts) */
  titleHtml: string
  docNumber: string | null
  issuedOn: string
  issuingBody: string
  categoryName: string
  /** up to three passages around the hits, HTML like titleHtml */
  snippets: string[]
  rank: number
}

export interface SearchResults {
  items: SearchHit[]
  /** exact unless totalCapped: then at least this many match (the server stops counting) */
  total: number
  totalCapped: boolean
  page: number
  pageSize: number
}

export interface SearchFilters {
  q: string
  categoryId?: string
  from?: string
  to?: string
  body?: string
  volumeId?: string
  page: number
  pageSize: number
}

export const searchApi = {
  search: (filters: SearchFilters, signal?: AbortSignal) =>
    http.get<SearchResults>('/api/archives/search', { ...filters }, signal),
}
