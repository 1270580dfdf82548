/** The API lists organisations flat with parentId; the UI shows them as a tree (ACC-1). */
import type { Org } from '@menhu/contracts';

export interface OrgNode {
  org: Org;
  children: OrgNode[];
}

const byCode = (a: OrgNode, b: OrgNode) => a.org.code.localeCompare(b.org.code);

export function buildOrgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>(orgs.map((o) => [o.id, { org: o, children: [] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId === null ? undefined : nodes.get(node.org.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort(byCode);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Ids of the organisation and everything below it (a move target must be outside this set). */
export function subtreeIds(orgs: readonly Org[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of orgs)
      if (o.parentId !== null && ids.has(o.parentId) && !ids.has(o.id)) {
        ids.add(o.id);
        grew = true;
      }
  }
  return ids;
}

export interface OrgTreeData {
  value: number;
  title: string;
  disabled?: boolean;
  children: OrgTreeData[];
}

/** TreeSelect data; `disabledIds` marks organisations that cannot be chosen. */
export function toTreeSelectData(nodes: OrgNode[], disabledIds?: Set<number>): OrgTreeData[] {
  return nodes.map((n) => ({
    value: n.org.id,
    title: `${n.org.name}（${n.org.code}）`,
    disabled: disabledIds?.has(n.org.id) || undefined,
    children: toTreeSelectData(n.children, disabledIds),
  }));
}

/** Ids of the organisations matching `text` and all their ancestors, for a filtered tree. */
export function matchingWithAncestors(orgs: readonly Org[], text: string): Set<number> | null {
  const q = text.trim().toLowerCase();
  if (!q) return null;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const keep = new Set<number>();
  for (const o of orgs) {
    if (![o.name, o.shortName, o.code].some((s) => s.toLowerCase().includes(q))) continue;
    for (
      let cur: Org | undefined = o;
      cur && !keep.has(cur.id);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined
    )
      keep.add(cur.id);
  }
  return keep;
}
