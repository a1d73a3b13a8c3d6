import type { Component } from 'vue'
import OrgBasicsTab from './OrgBasicsTab.vue'
import OrgHistoryTab from './OrgHistoryTab.vue'

/** What the organisation actions of the page are (each opens its dialog). */
export type OrgActionKind = 'create' | 'rename' | 'move' | 'merge' | 'dissolve'

/**
 * The tabs of an organisation's detail, in order. Each tab is a component that gets the same props —
 * `organization` (the tree node: name, type, status, counts, version), `detail` (GET …/organizations/{id}, null
 * while loading) and `revision` (goes up after every change made on this page: fetch again) — and may emit
 * `act` with an OrgActionKind to open an action's dialog. A new tab (e.g. 班子任期, the committee by term, once
 * its API exists) is one component and one entry here, with its label under organizations.tabs.
 */
export interface OrgDetailTab {
  name: string
  labelKey: string
  component: Component
}

export const ORG_DETAIL_TABS: readonly OrgDetailTab[] = [
  { name: 'basics', labelKey: 'organizations.tabs.basics', component: OrgBasicsTab },
  { name: 'history', labelKey: 'organizations.tabs.history', component: OrgHistoryTab },
]
