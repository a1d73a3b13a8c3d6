import { http } from './http'
import type { LoginResponse, Me, SignInOptions, TotpResponse } from './types'

export const authApi = {
  login: (userName: string, password: string) =>
    http.post<LoginResponse>('/api/platform/auth/login', { userName, password }),
  totp: (code: string) => http.post<TotpResponse>('/api/platform/auth/totp', { code }),
  logout: () => http.post('/api/platform/auth/logout'),
  me: () => http.get<Me>('/api/platform/auth/me'),
  options: () => http.get<SignInOptions>('/api/platform/auth/options'),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post('/api/platform/auth/password', { currentPassword, newPassword }),
}
