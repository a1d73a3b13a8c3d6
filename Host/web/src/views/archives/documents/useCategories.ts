import { computed } from 'vue'
import { archivesDocumentsApi, type Category } from '@/api/archives/documents'
import { buildTree, type TreeNode } from '@/utils/tree'
import { useLoad } from '@/utils/useLoad'

export type CategoryNode = TreeNode<Category>

/** The archive's category tree (siblings in their order), for the list's side tree and the forms' pickers. */
export function useCategories() {
  const { data: categories, loading, load } = useLoad(() => archivesDocumentsApi.categories(), [] as Category[])
  const roots = computed(() => buildTree([...categories.value].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name))))
  return { categories, roots, loading, load }
}
