import { http } from './http'
import type { PersonnelOrganization } from './types'

export const personnelApi = {
  /** The organisations the caller may see, parents first and siblings by code, with their own head counts. */
  organizations: () => http.get<PersonnelOrganization[]>('/api/personnel/organizations'),
}
