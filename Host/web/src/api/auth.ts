import { http } from './http'
import type { LoginResponse, Me, TotpResponse } from './types'

export const authApi = {
  login: (userName: string, password: string) =>
    http.post<LoginResponse>('/api/platform/auth/login', { userName, password }),
  totp: (code: string) => http.post<TotpResponse>('/api/platform/auth/totp', { code }),
  logout: () => http.post('/api/platform/auth/logout'),
  me: () => http.get<Me>('/api/platform/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post('/api/platform/auth/password', { currentPassword, newPassword }),
}
