import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router'
import { findMenuItem, type MenuKey } from '@/menu/menu'
import { useSessionStore } from '@/stores/session'
import { notifyError } from '@/utils/notify'
import { safeRedirect } from '@/utils/format'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (breadcrumb, document title) */
    titleKey?: string
    /** i18n key of the menu group (breadcrumb) */
    groupTitleKey?: string
    /** side-menu entry to highlight */
    menuKey?: MenuKey | 'home'
    /** any of these permissions is needed */
    permissions?: readonly string[]
    /** reachable without signing in */
    public?: boolean
  }
}

function moduleRoute(key: MenuKey, component: RouteRecordRaw['component'], props?: Record<string, unknown>): RouteRecordRaw {
  const { group, item } = findMenuItem(key)
  return {
    path: item.path.replace(/^\//, ''),
    name: key,
    component: component!,
    props,
    meta: { titleKey: item.titleKey, groupTitleKey: group.titleKey, menuKey: key, permissions: item.permissions },
  }
}

/** A page below a menu entry (e.g. one person of the people list): the entry's permissions unless it needs others, entry highlighted. */
function detailRoute(
  key: MenuKey,
  path: string,
  name: string,
  titleKey: string,
  component: RouteRecordRaw['component'],
  permissions?: readonly string[],
): RouteRecordRaw {
  const { group, item } = findMenuItem(key)
  return {
    path,
    name,
    component: component!,
    props: true,
    meta: { titleKey, groupTitleKey: group.titleKey, menuKey: key, permissions: permissions ?? item.permissions },
  }
}

const ErrorView = () => import('@/views/ErrorView.vue')
const VolumeEditor = () => import('@/views/archives/volumes/VolumeEditor.vue')
const AnnouncementEditor = () => import('@/views/portal/AnnouncementEditor.vue')

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/password-change',
    name: 'password-change',
    component: () => import('@/views/ForcedPasswordView.vue'),
    meta: { titleKey: 'login.passwordChangeTitle' },
  },
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/WelcomeView.vue'), meta: { titleKey: 'welcome.title', menuKey: 'home' } },
      moduleRoute('personnel', () => import('@/views/personnel/PersonnelHome.vue')),
      moduleRoute('people', () => import('@/views/personnel/PeopleList.vue')),
      detailRoute('people', 'personnel/people/:id', 'person', 'people.personTitle', () => import('@/views/personnel/PersonDetail.vue')),
      detailRoute('people', 'personnel/people/import', 'people-import', 'peopleImport.title', () => import('@/views/personnel/import/PeopleImport.vue'), [
        'personnel.write',
      ]),
      moduleRoute('organizations', () => import('@/views/personnel/organizations/OrganizationsView.vue')),
      moduleRoute('change-proposals', () => import('@/views/personnel/selfService/ChangeProposalsView.vue')),
      moduleRoute('my-record', () => import('@/views/personnel/selfService/MyRecordView.vue')),
      moduleRoute('transfer-in', () => import('@/views/personnel/TransferInView.vue')),
      moduleRoute('rule-sets', () => import('@/views/personnel/RuleSetsView.vue')),
      moduleRoute('workflow', () => import('@/views/workflow/todos/TodosView.vue')),
      moduleRoute('meetings', () => import('@/views/workflow/meetings/MeetingsView.vue')),
      moduleRoute('compliance', () => import('@/views/workflow/compliance/ComplianceView.vue')),
      moduleRoute('recruitment', () => import('@/views/workflow/recruitment/RecruitmentView.vue')),
      detailRoute('recruitment', 'workflow/recruitment/:id', 'recruitment-file', 'workflow.recruitment.file.title', () =>
        import('@/views/workflow/recruitment/RecruitmentFileView.vue'),
      ),
      moduleRoute('dues', () => import('@/views/workflow/dues/DuesView.vue')),
      moduleRoute('plans', () => import('@/views/workflow/plans/PlansView.vue')),
      moduleRoute('study', () => import('@/views/workflow/study/StudyView.vue')),
      moduleRoute('evaluations', () => import('@/views/workflow/evaluations/EvaluationsView.vue')),
      moduleRoute('ballots', () => import('@/views/workflow/evaluations/MyBallotsView.vue')),
      moduleRoute('supervision', () => import('@/views/workflow/supervision/SupervisionView.vue')),
      detailRoute('supervision', 'workflow/supervision/:quarter/:organizationId', 'supervision-report', 'workflow.menu.supervision',
        () => import('@/views/workflow/supervision/SupervisionReportView.vue')),
      moduleRoute('workflow-rules', () => import('@/views/workflow/rules/WorkflowRuleSetsView.vue')),
      moduleRoute('honors', () => import('@/views/honors/HonoursView.vue')),
      moduleRoute('honor-approvals', () => import('@/views/honors/ApprovalQueueView.vue')),
      moduleRoute('representatives', () => import('@/views/honors/RepresentativesView.vue')),
      moduleRoute('fifty-years', () => import('@/views/honors/FiftyYearsView.vue')),
      moduleRoute('honor-statistics', () => import('@/views/honors/StatisticsView.vue')),
      moduleRoute('honor-rounds', () => import('@/views/honors/RoundsView.vue')),
      moduleRoute('archives', () => import('@/views/archives/documents/DocumentsView.vue')),
      detailRoute('archives', 'archives/documents/:id', 'archive-document', 'archives.documents.menu.documents', () =>
        import('@/views/archives/documents/DocumentDetailView.vue'),
      ),
      moduleRoute('archives-import', () => import('@/views/archives/documents/DocumentImportView.vue')),
      moduleRoute('volumes', () => import('@/views/archives/volumes/VolumesView.vue')),
      detailRoute('volumes', 'archives/volumes/new', 'volume-new', 'archives.volumes.editor.newTitle', VolumeEditor, ['archives.write']),
      detailRoute('volumes', 'archives/volumes/:id/edit', 'volume-edit', 'archives.volumes.editor.editTitle', VolumeEditor, ['archives.write']),
      detailRoute('volumes', 'archives/volumes/:id', 'volume-reader', 'archives.volumes.title', () => import('@/views/archives/volumes/VolumeReader.vue')),
      // announcements and news: everyone signed in reads them, publishers write them
      detailRoute('announcements', 'portal/announcements', 'announcements', 'portal.announcements.title', () =>
        import('@/views/portal/AnnouncementsView.vue'), []),
      detailRoute('announcements', 'portal/announcements/new', 'announcement-new', 'portal.announcements.form.newTitle', AnnouncementEditor, [
        'archives.publish',
      ]),
      detailRoute('announcements', 'portal/announcements/:id/edit', 'announcement-edit', 'portal.announcements.form.editTitle', AnnouncementEditor, [
        'archives.publish',
      ]),
      detailRoute('announcements', 'portal/announcements/:id', 'announcement', 'portal.announcements.title', () =>
        import('@/views/portal/AnnouncementDetail.vue'), []),
      moduleRoute('archives-search', () => import('@/views/archives/search/SearchView.vue')),
      moduleRoute('analytics', () => import('@/views/analytics/dashboard/AnalyticsDashboardView.vue')),
      moduleRoute('analytics-screen', () => import('@/views/analytics/screen/AnalyticsScreenView.vue')),
      moduleRoute('analytics-usage', () => import('@/views/analytics/usage/UsageBoardView.vue')),
      moduleRoute('analytics-report', () => import('@/views/analytics/report/AnnualReportView.vue')),
      moduleRoute('users', () => import('@/views/system/UsersView.vue')),
      moduleRoute('roles', () => import('@/views/system/RolesView.vue')),
      moduleRoute('oa-clients', () => import('@/views/system/OaClientsView.vue')),
      moduleRoute('outbox', () => import('@/views/system/OutboxView.vue')),
      moduleRoute('oa-integration', () => import('@/views/system/OaIntegrationView.vue')),
      moduleRoute('oa-todos', () => import('@/views/system/OaTodoDeliveriesView.vue')),
      moduleRoute('sso', () => import('@/views/system/SsoSettingsView.vue')),
      moduleRoute('api-docs', () => import('@/views/system/ApiDocsView.vue')),
      moduleRoute('audit', () => import('@/views/audit/AuditView.vue')),
      {
        path: 'account/password',
        name: 'account-password',
        component: () => import('@/views/ChangePasswordView.vue'),
        meta: { titleKey: 'password.title' },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: ErrorView,
        props: { kind: 'forbidden' },
        meta: { titleKey: 'error.forbiddenTitle' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: ErrorView,
        props: { kind: 'not-found' },
        meta: { titleKey: 'error.notFoundTitle' },
      },
    ],
  },
]

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory('/'),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })

  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (!session.loaded) {
      try {
        await session.loadMe()
      } catch (e) {
        notifyError(e)
      }
    }

    if (to.meta.public) {
      if (to.name === 'login' && session.me && !session.me.passwordChangeDue) {
        return safeRedirect(to.query.redirect)
      }
      return true
    }

    if (!session.me) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }

    if (session.me.passwordChangeDue && to.name !== 'password-change') {
      return { name: 'password-change', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (!session.me.passwordChangeDue && to.name === 'password-change') {
      return safeRedirect(to.query.redirect)
    }

    if (!session.can(to.meta.permissions)) {
      return { name: 'forbidden', query: { from: to.fullPath } }
    }
    return true
  })

  return router
}
