/** The organisations that run a branch's party work (server: Modules/Workflow/…/Domain/BranchTypes.cs). */
export const BRANCH_TYPES: readonly string[] = ['branch', 'joint_branch', 'temporary_branch', 'general_branch']

/** Whether an organisation of the tree (any node shape with a `type`) is a branch: pickers disable the others. */
export const isBranch = (org: object): boolean => BRANCH_TYPES.includes((org as { type?: string }).type ?? '')
