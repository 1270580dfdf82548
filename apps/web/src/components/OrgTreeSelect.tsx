/** Choosing an organisation from the tree (ACC-1); used in filters, account forms and org moves. */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useOrgs } from '../api/orgs.ts';
import { useI18n } from '../i18n/index.tsx';
import { buildOrgTree, subtreeIds, toTreeSelectData } from '../lib/org-tree.ts';

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  /** Organisations under this one (and itself) cannot be chosen: a move target. */
  excludeSubtreeOf?: number;
  'aria-describedby'?: string;
}

export function OrgTreeSelect({ id, value, onChange, allowClear, placeholder, excludeSubtreeOf, ...rest }: Props) {
  const { t } = useI18n();
  const { data: orgs = [], isLoading } = useOrgs();
  const treeData = useMemo(
    () =>
      toTreeSelectData(
        buildOrgTree(orgs),
        excludeSubtreeOf === undefined ? undefined : subtreeIds(orgs, excludeSubtreeOf),
      ),
    [orgs, excludeSubtreeOf],
  );
  const top = treeData.length === 1 ? [treeData[0]!.value] : [];
  return (
    <TreeSelect
      id={id}
      aria-describedby={rest['aria-describedby']}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v)}
      treeData={treeData}
      loading={isLoading}
      allowClear={allowClear}
      placeholder={placeholder ?? t('org.choose')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={top}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      notFoundContent={t('common.noData')}
    />
  );
}
