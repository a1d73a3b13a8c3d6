/**
 * Side-menu definition. Each entry is shown only when the signed-in user holds
 * at least one of its permissions (from GET /api/platform/auth/me).
 * The same definition drives route guards and breadcrumbs (see router/index.ts).
 */

export type MenuKey =
  | 'personnel'
  | 'workflow'
  | 'honors'
  | 'archives'
  | 'analytics'
  | 'users'
  | 'roles'
  | 'oa-clients'
  | 'outbox'
  | 'api-docs'
  | 'audit'

export type MenuIcon =
  | 'User'
  | 'Tickets'
  | 'Trophy'
  | 'Reading'
  | 'DataAnalysis'
  | 'Avatar'
  | 'Key'
  | 'Connection'
  | 'Promotion'
  | 'Document'
  | 'View'
  | 'Setting'
  | 'Files'
  | 'Flag'
  | 'Lock'

export interface MenuItem {
  key: MenuKey
  path: string
  /** i18n key of the label */
  titleKey: string
  icon: MenuIcon
  /** visible when the user holds ANY of these permissions */
  permissions: readonly string[]
}

export interface MenuGroup {
  key: string
  titleKey: string
  icon: MenuIcon
  items: readonly MenuItem[]
}

export const MENU: readonly MenuGroup[] = [
  {
    key: 'personnel',
    titleKey: 'menu.groups.personnel',
    icon: 'User',
    items: [
      { key: 'personnel', path: '/personnel', titleKey: 'menu.items.personnel', icon: 'User', permissions: ['personnel.read'] },
    ],
  },
  {
    key: 'workflow',
    titleKey: 'menu.groups.workflow',
    icon: 'Flag',
    items: [
      { key: 'workflow', path: '/workflow', titleKey: 'menu.items.workflow', icon: 'Tickets', permissions: ['workflow.read'] },
    ],
  },
  {
    key: 'exchange',
    titleKey: 'menu.groups.exchange',
    icon: 'Files',
    items: [
      { key: 'honors', path: '/honors', titleKey: 'menu.items.honors', icon: 'Trophy', permissions: ['honors.read'] },
      { key: 'archives', path: '/archives', titleKey: 'menu.items.archives', icon: 'Reading', permissions: ['archives.read'] },
    ],
  },
  {
    key: 'analytics',
    titleKey: 'menu.groups.analytics',
    icon: 'DataAnalysis',
    items: [
      { key: 'analytics', path: '/analytics', titleKey: 'menu.items.analytics', icon: 'DataAnalysis', permissions: ['analytics.read'] },
    ],
  },
  {
    key: 'system',
    titleKey: 'menu.groups.system',
    icon: 'Setting',
    items: [
      { key: 'users', path: '/system/users', titleKey: 'menu.items.users', icon: 'Avatar', permissions: ['platform.users'] },
      { key: 'roles', path: '/system/roles', titleKey: 'menu.items.roles', icon: 'Key', permissions: ['platform.roles'] },
      { key: 'oa-clients', path: '/system/oa-clients', titleKey: 'menu.items.oaClients', icon: 'Connection', permissions: ['platform.oa-clients'] },
      { key: 'outbox', path: '/system/outbox', titleKey: 'menu.items.outbox', icon: 'Promotion', permissions: ['platform.outbox'] },
      { key: 'api-docs', path: '/system/api-docs', titleKey: 'menu.items.apiDocs', icon: 'Document', permissions: ['platform.users', 'platform.roles'] },
    ],
  },
  {
    key: 'security',
    titleKey: 'menu.groups.security',
    icon: 'Lock',
    items: [
      { key: 'audit', path: '/audit', titleKey: 'menu.items.audit', icon: 'View', permissions: ['platform.audit'] },
    ],
  },
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
