import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus, { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/theme.css'
import './styles/main.css'
import App from './App.vue'
import { currentLocale, i18n } from './i18n'
import { configureApi } from './api/http'
import { createAppRouter } from './router'
import { useSessionStore } from './stores/session'
import { registerIcons } from './icons'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()

app.use(pinia)
app.use(i18n)
app.use(ElementPlus)
registerIcons(app)

configureApi({
  getLocale: currentLocale,
  onUnauthorized: () => {
    const session = useSessionStore(pinia)
    const wasSignedIn = session.signedIn
    session.clear()
    const current = router.currentRoute.value
    if (current.meta.public) return
    if (wasSignedIn) ElMessage.warning({ message: i18n.global.t('error.sessionExpired'), grouping: true })
    void router.replace({ name: 'login', query: current.fullPath === '/' ? {} : { redirect: current.fullPath } })
  },
})

app.use(router)
app.mount('#app')
