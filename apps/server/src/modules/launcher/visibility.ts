/**
 * Who sees a system (PORTAL-3, per-agency visibility). A system limited to some organisations is
 * shown to everyone in their subtrees. Organisations keep a materialised path of ids
 * ('/1/5/9/'), so "my organisation is in the subtree of org X" is exactly "X is in my path":
 * the viewer's path gives the ids to match, with no join on the organisation tree.
 */
export interface Viewer {
  accountId: number;
  orgPath: string;
}

/** The viewer's organisation and all its ancestors, from its materialised path. */
export function orgLineage(orgPath: string): number[] {
  return orgPath
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}
