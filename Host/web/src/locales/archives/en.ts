// Historical archives' UI texts: one file per area (documents.en.ts …), gathered here as archives.*.
import documents from './documents.en'
import volumes from './volumes.en'

export default {
  documents,
  volumes,
}
