// The archive's UI texts: one file per area (search.en.ts …), gathered here as archives.*.
import search from './search.en'

export default {
  menu: {
    search: 'Full-text search',
  },
  search,
}
