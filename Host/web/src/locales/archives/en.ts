// Historical archives' UI texts: one file per area (documents.en.ts …), gathered here as archives.*.
import documents from './documents.en'
import search from './search.en'
import volumes from './volumes.en'

export default {
  menu: {
    search: 'Full-text search',
  },
  documents,
  search,
  volumes,
}
