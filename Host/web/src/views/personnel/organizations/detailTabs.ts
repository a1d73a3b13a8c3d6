import type { Component } from 'vue'
import type { OrgNode } from '../useOrganizations'
import { hasTerms } from './committee'
import OrgBasicsTab from './OrgBasicsTab.vue'
import OrgCommitteeTab from './OrgCommitteeTab.vue'
import OrgHistoryTab from './OrgHistoryTab.vue'

/** What the organisation actions of the page are (each opens its dialog). */
export type OrgActionKind = 'create' | 'rename' | 'move' | 'merge' | 'dissolve'

/**
 * The tabs of an organisation's detail, in order. Each tab is a component that gets the same props —
 * `organization` (the tree node: name, type, status, counts, version), `detail` (GET …/organizations/{id}, null
 * while loading) and `revision` (goes up after every change made on this page: fetch again) — and may emit
 * `act` with an OrgActionKind to open an action's dialog, or `changed` after it changed something itself (the
 * page fetches again). A new tab is one component and one entry here, with its label's message key; `shownFor`
 * limits it to the organisations it applies to.
 */
export interface OrgDetailTab {
  name: string
  labelKey: string
  component: Component
  /** whether the tab applies to the organisation (all, when not given) */
  shownFor?: (organization: OrgNode) => boolean
}

export const ORG_DETAIL_TABS: readonly OrgDetailTab[] = [
  { name: 'basics', labelKey: 'organizations.tabs.basics', component: OrgBasicsTab },
  // Only party committees, general branches and branches elect a committee by term (ElectCommittee: committee_not_applicable).
  { name: 'committee', labelKey: 'committees.tab', component: OrgCommitteeTab, shownFor: (o) => hasTerms(o.type) },
  { name: 'history', labelKey: 'organizations.tabs.history', component: OrgHistoryTab },
]
