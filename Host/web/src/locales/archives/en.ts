// The archive's UI texts: one file per area, gathered here as archives.*.
import volumes from './volumes.en'

export default { volumes }
