/**
 * Side-menu definition. Each entry is shown only when the signed-in user holds
 * at least one of its permissions (from GET /api/platform/auth/me).
 * The same definition drives route guards and breadcrumbs (see router/index.ts).
 */

import type { IconName } from '@/icons'

export type MenuKey =
  | 'personnel'
  | 'people'
  | 'organizations'
  | 'change-proposals'
  | 'my-record'
  | 'transfer-in'
  | 'rule-sets'
  | 'workflow'
  | 'meetings'
  | 'compliance'
  | 'recruitment'
  | 'dues'
  | 'plans'
  | 'study'
  | 'evaluations'
  | 'ballots'
  | 'supervision'
  | 'workflow-rules'
  | 'honors'
  | 'honor-approvals'
  | 'representatives'
  | 'fifty-years'
  | 'honor-statistics'
  | 'honor-rounds'
  | 'archives'
  | 'archives-import'
  | 'volumes'
  | 'announcements'
  | 'archives-search'
  | 'analytics'
  | 'analytics-screen'
  | 'analytics-usage'
  | 'analytics-report'
  | 'users'
  | 'roles'
  | 'oa-clients'
  | 'outbox'
  | 'oa-integration'
  | 'oa-todos'
  | 'sso'
  | 'api-docs'
  | 'audit'

export interface MenuItem {
  key: MenuKey
  path: string
  /** i18n key of the label */
  titleKey: string
  icon: IconName
  /** visible when the user holds ANY of these permissions */
  permissions: readonly string[]
  /** a count shown next to the label (see menu/badges.ts) */
  badge?: MenuBadge
}

/** Counts the side menu shows next to an entry: the proposals awaiting review. */
export type MenuBadge = 'pendingProposals'

export interface MenuGroup {
  key: string
  titleKey: string
  icon: IconName
  items: readonly MenuItem[]
}

const camelCase = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** An entry labelled by menu.items.<key in camelCase> unless it names its own label. */
function item(
  key: MenuKey,
  path: string,
  icon: IconName,
  permissions: readonly string[],
  options: { titleKey?: string; badge?: MenuBadge } = {},
): MenuItem {
  return { key, path, titleKey: options.titleKey ?? `menu.items.${camelCase(key)}`, icon, permissions, ...(options.badge && { badge: options.badge }) }
}

/** A group labelled by menu.groups.<key>. */
function group(key: string, icon: IconName, items: readonly MenuItem[]): MenuGroup {
  return { key, titleKey: `menu.groups.${key}`, icon, items }
}

export const MENU: readonly MenuGroup[] = [
  group('personnel', 'User', [
    item('personnel', '/personnel', 'User', ['personnel.read']),
    item('people', '/personnel/people', 'Postcard', ['personnel.read']),
    // Managing the tree is writing: readers see it on the personnel pages.
    item('organizations', '/personnel/organizations', 'OfficeBuilding', ['personnel.write']),
    // Member self-service: the branch reviews what members propose; a member sees their own record.
    item('change-proposals', '/personnel/change-proposals', 'Stamp', ['personnel.write'], {
      titleKey: 'selfService.menu.changeProposals',
      badge: 'pendingProposals',
    }),
    item('my-record', '/me/record', 'UserFilled', ['personnel.self'], { titleKey: 'selfService.menu.myRecord' }),
    item('transfer-in', '/personnel/transfer-in', 'Switch', ['personnel.write']),
    item('rule-sets', '/personnel/rule-sets', 'Document', ['personnel.rules']),
  ]),
  group('workflow', 'Flag', [
    // The platform's home is the to-do list: what the branch or committee must act on now.
    item('workflow', '/workflow', 'Bell', ['workflow.write'], { titleKey: 'workflow.menu.todos' }),
    item('meetings', '/workflow/meetings', 'Calendar', ['workflow.read'], { titleKey: 'workflow.menu.meetings' }),
    item('compliance', '/workflow/compliance', 'Grid', ['workflow.read'], { titleKey: 'workflow.menu.compliance' }),
    item('recruitment', '/workflow/recruitment', 'Promotion', ['workflow.read'], { titleKey: 'workflow.menu.recruitment' }),
    item('dues', '/workflow/dues', 'Money', ['workflow.read'], { titleKey: 'workflow.menu.dues' }),
    item('plans', '/workflow/plans', 'List', ['workflow.read'], { titleKey: 'workflow.menu.plans' }),
    item('study', '/workflow/study', 'Reading', ['workflow.read'], { titleKey: 'workflow.menu.study' }),
    item('evaluations', '/workflow/evaluations', 'Medal', ['workflow.read'], { titleKey: 'workflow.menu.evaluations' }),
    item('ballots', '/me/ballots', 'Checked', ['workflow.self'], { titleKey: 'workflow.menu.ballots' }),
    item('supervision', '/workflow/supervision', 'DataBoard', ['workflow.read'], { titleKey: 'workflow.menu.supervision' }),
    item('workflow-rules', '/workflow/rule-sets', 'Document', ['workflow.rules'], { titleKey: 'workflow.menu.ruleSets' }),
  ]),
  group('exchange', 'Files', [
    item('honors', '/honors', 'Trophy', ['honors.read'], { titleKey: 'honors.menu.library' }),
    // The committee's queue of proposals; representatives, party age and statistics read what the library holds.
    item('honor-approvals', '/honors/approvals', 'Stamp', ['honors.approve'], { titleKey: 'honors.menu.approvals' }),
    item('representatives', '/honors/representatives', 'UserFilled', ['honors.read'], { titleKey: 'honors.menu.representatives' }),
    item('fifty-years', '/honors/fifty-years', 'Medal', ['honors.read'], { titleKey: 'honors.menu.fiftyYears' }),
    item('honor-statistics', '/honors/statistics', 'DataAnalysis', ['honors.read'], { titleKey: 'honors.menu.statistics' }),
    item('honor-rounds', '/honors/rounds', 'Star', ['honors.read'], { titleKey: 'honors.menu.rounds' }),
    item('archives', '/archives', 'Reading', ['archives.read'], { titleKey: 'archives.documents.menu.documents' }),
    item('archives-search', '/archives/search', 'Search', ['archives.read'], { titleKey: 'archives.menu.search' }),
    item('archives-import', '/archives/import', 'Upload', ['archives.write'], { titleKey: 'archives.documents.menu.import' }),
    item('volumes', '/archives/volumes', 'Notebook', ['archives.read'], { titleKey: 'archives.volumes.title' }),
    // read by everyone signed in (the route asks for no permission); listed in the menu for the archive's readers and publishers
    item('announcements', '/portal/announcements', 'Tickets', ['archives.read', 'archives.publish'], { titleKey: 'portal.announcements.title' }),
  ]),
  group('analytics', 'DataAnalysis', [
    item('analytics', '/analytics', 'DataAnalysis', ['analytics.read'], { titleKey: 'analytics.menu.dashboard' }),
    item('analytics-screen', '/analytics/screen', 'Monitor', ['analytics.read'], { titleKey: 'analytics.menu.screen' }),
    item('analytics-usage', '/analytics/usage-board', 'Rank', ['analytics.read'], { titleKey: 'analytics.menu.usageBoard' }),
    item('analytics-report', '/analytics/annual-report', 'Document', ['analytics.read'], { titleKey: 'analytics.menu.annualReport' }),
  ]),
  group('system', 'Setting', [
    item('users', '/system/users', 'Avatar', ['platform.users']),
    item('roles', '/system/roles', 'Key', ['platform.roles']),
    item('oa-clients', '/system/oa-clients', 'Connection', ['platform.oa-clients']),
    item('outbox', '/system/outbox', 'Promotion', ['platform.outbox']),
    // The OA: department mapping and user sync (system administrator), to-do pushes, the sign-in policy (security administrator).
    item('oa-integration', '/system/oa-integration', 'Share', ['platform.users']),
    item('oa-todos', '/system/oa-todos', 'Bell', ['platform.outbox']),
    item('sso', '/system/sso', 'Lock', ['platform.sso']),
    item('api-docs', '/system/api-docs', 'Document', ['platform.users', 'platform.roles']),
  ]),
  group('security', 'Lock', [item('audit', '/audit', 'View', ['platform.audit'])]),
]

export function isAllowed(required: readonly string[] | undefined, permissions: readonly string[]): boolean {
  if (!required || required.length === 0) return true
  return required.some((p) => permissions.includes(p))
}

/** The menu as the user may see it: items without a held permission are dropped, then empty groups. */
export function filterMenu(menu: readonly MenuGroup[], permissions: readonly string[]): MenuGroup[] {
  return menu
    .map((group) => ({ ...group, items: group.items.filter((item) => isAllowed(item.permissions, permissions)) }))
    .filter((group) => group.items.length > 0)
}

export function findMenuItem(key: MenuKey): { group: MenuGroup; item: MenuItem } {
  for (const group of MENU) {
    const item = group.items.find((i) => i.key === key)
    if (item) return { group, item }
  }
  throw new Error(`Unknown menu key ${key}`)
}
