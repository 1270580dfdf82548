/**
 * Choosing an organisation from the tree (ACC-1); used in filters, account forms and org moves,
 * and, with `multiple`, several at once (the organisations that see a system, PORTAL-3).
 */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useOrgs } from '../api/orgs.ts';
import { useI18n } from '../i18n/index.tsx';
import { buildOrgTree, subtreeIds, toTreeSelectData, type OrgTreeData } from '../lib/org-tree.ts';

interface Common {
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  /** Organisations under this one (and itself) cannot be chosen: a move target. */
  excludeSubtreeOf?: number;
  'aria-describedby'?: string;
}
type Props = Common &
  (
    | { multiple?: false; value?: number | null; onChange?: (v: number | undefined) => void }
    | { multiple: true; value?: number[]; onChange?: (v: number[]) => void }
  );

type Value = number | number[] | undefined;

export function OrgTreeSelect(props: Props) {
  const { id, allowClear, placeholder, excludeSubtreeOf } = props;
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
  const selection = props.multiple
    ? { multiple: true, value: props.value ?? [], onChange: (v: Value) => props.onChange?.(v as number[]) }
    : { value: props.value ?? undefined, onChange: (v: Value) => props.onChange?.(v as number | undefined) };
  return (
    <TreeSelect<Value, OrgTreeData>
      id={id}
      aria-describedby={props['aria-describedby']}
      {...selection}
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
