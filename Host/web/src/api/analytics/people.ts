import { http } from '../http'
import type { BucketCount } from './dashboard'

// The people side of the committee dashboard (GET /api/analytics/dashboard/people). Server: Modules/Analytics/…/Features/GetPeopleComposition.

export interface CareRequests {
  category: string
  open: number
  answered: number
  closed: number
}

export interface YoungEmployees {
  /** everyone on the register aged 35 or less at the month-end */
  people: number
  /** how many of them filled in each trait: specialty, skills, hobbies */
  traits: BucketCount[]
  requests: CareRequests[]
}

export interface MassOrganization {
  organizationId: string
  name: string
  type: string
  members: number
  /** members by their post in it ("none": no post given) */
  posts: BucketCount[]
}

export interface PeopleComposition {
  asOf: string
  fromSnapshot: boolean
  members: number
  /** party members by the national occupation code (1–8, none) */
  occupations: BucketCount[]
  /** party members by title level (1 正高级 … 5 员级, none) */
  titleLevels: BucketCount[]
  young: YoungEmployees
  massOrganizations: MassOrganization[]
  /** by united-front category code (01–12) */
  unitedFront: BucketCount[]
  /** democratic party members by party code (04–11) */
  democraticParties: BucketCount[]
}

export const peopleApi = {
  composition: (organizationId?: string | null, asOf?: string | null) =>
    http.get<PeopleComposition>('/api/analytics/dashboard/people', { organizationId: organizationId ?? undefined, asOf: asOf ?? undefined }),
}
