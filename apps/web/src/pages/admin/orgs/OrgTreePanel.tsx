/** The organisation tree with type tags and account counts; typing filters it to matches and their parents. */
import { Input, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import type { Org } from '@menhu/contracts';
import { OrgTypeTag } from '../../../components/Tags.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { buildOrgTree, matchingWithAncestors, type OrgNode } from '../../../lib/org-tree.ts';

interface Props {
  orgs: Org[];
  selectedId: number | null;
  onSelect: (id: number | null) => void;
}

export function OrgTreePanel({ orgs, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const keep = useMemo(() => matchingWithAncestors(orgs, query), [orgs, query]);
  const roots = useMemo(() => buildOrgTree(orgs), [orgs]);

  const toData = (nodes: OrgNode[]): TreeDataNode[] =>
    nodes
      .filter((n) => !keep || keep.has(n.org.id))
      .map((n) => ({
        key: n.org.id,
        title: (
          <span className="org-node">
            <span>{n.org.shortName}</span>
            <OrgTypeTag type={n.org.type} />
            <Typography.Text type="secondary">{t('orgs.accountCount', { n: n.org.accountCount })}</Typography.Text>
          </span>
        ),
        children: toData(n.children),
      }));
  const treeData = toData(roots);
  const expanded = keep ? [...keep] : roots.map((r) => r.org.id);

  return (
    <>
      <Input.Search
        aria-label={t('orgs.search')}
        placeholder={t('orgs.search')}
        allowClear
        onSearch={setQuery}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      <Tree
        key={keep ? `q:${query}` : 'all'}
        treeData={treeData}
        defaultExpandedKeys={expanded}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => onSelect(keys.length ? Number(keys[0]) : null)}
        height={560}
        blockNode
        aria-label={t('orgs.tree')}
      />
    </>
  );
}
