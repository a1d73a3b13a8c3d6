// Historical archives' UI texts: one file per area (documents.en.ts …), gathered here as archives.*.
import documents from './documents.en'

export default {
  documents,
}
