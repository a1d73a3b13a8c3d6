import { http } from '../http'

// The to-do list of the party-affairs platform (GET /api/workflow/todos). Server: Modules/Workflow/…/Features/ListMyTodos.

export interface Todo {
  id: string
  kind: string
  organizationId: string
  organizationName: string
  subjectId: string | null
  /** in the UI's language */
  title: string
  /** where in this web UI it is resolved */
  link: string
  dueOn: string | null
  overdue: boolean
  openedAt: string
}

export interface TodoKindCount {
  kind: string
  /** the kind's name in the UI's language */
  label: string
  count: number
}

export interface TodoList {
  items: Todo[]
  total: number
  page: number
  pageSize: number
  /** open to-dos per kind, for the tabs */
  kinds: TodoKindCount[]
}

export const todosApi = {
  list: (kind: string | null, page: number, pageSize: number) =>
    http.get<TodoList>('/api/workflow/todos', { kind: kind ?? undefined, page, pageSize }),
}
