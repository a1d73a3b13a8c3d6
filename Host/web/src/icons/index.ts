import type { App } from 'vue'
import * as icons from './set'

/** Name of a registered icon. */
export type IconName = keyof typeof icons

/** Registers the icons of ./set as global components. */
export function registerIcons(app: App): void {
  for (const [name, component] of Object.entries(icons)) app.component(name, component)
}
