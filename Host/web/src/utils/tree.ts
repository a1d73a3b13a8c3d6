export interface FlatNode {
  id: string
  parentId: string | null
}

export type TreeNode<T extends FlatNode> = T & { children: TreeNode<T>[] }

/**
 * Builds a forest from a flat list. Nodes whose parent is missing become roots,
 * and parent cycles are broken, so bad data never makes nodes disappear.
 */
export function buildTree<T extends FlatNode>(items: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>()
  for (const item of items) nodes.set(item.id, { ...item, children: [] })
  const roots: TreeNode<T>[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId != null ? nodes.get(node.parentId) : undefined
    if (parent && !isAncestor(node, parent, nodes)) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

function isAncestor<T extends FlatNode>(candidate: T, node: T, nodes: Map<string, TreeNode<T>>): boolean {
  let current: T | undefined = node
  const seen = new Set<string>()
  while (current) {
    if (current.id === candidate.id) return true
    if (seen.has(current.id)) return true
    seen.add(current.id)
    current = current.parentId != null ? nodes.get(current.parentId) : undefined
  }
  return false
}

export function walk<T extends FlatNode>(roots: readonly TreeNode<T>[], visit: (node: TreeNode<T>) => void): void {
  const stack = [...roots]
  while (stack.length) {
    const node = stack.shift()!
    visit(node)
    stack.unshift(...node.children)
  }
}

/** Leaf nodes (no children) of a subtree, in tree order; the node itself if it is a leaf. */
export function leaves<T extends FlatNode>(root: TreeNode<T>): TreeNode<T>[] {
  const result: TreeNode<T>[] = []
  walk([root], (n) => {
    if (n.children.length === 0) result.push(n)
  })
  return result
}
