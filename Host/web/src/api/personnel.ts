import { http } from './http'
import type { PersonnelOrganization } from './types'

export const personnelApi = {
  organizations: () => http.get<PersonnelOrganization[]>('/api/personnel/organizations'),
}
