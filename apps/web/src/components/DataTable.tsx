/**
 * antd Table with a name: a visually hidden caption, and its horizontal scroll area made
 * keyboard-focusable and labelled (WCAG 2.1.1; axe scrollable-region-focusable on phones).
 */
import { Table, type TableProps } from 'antd';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** A page of a server-side list, as every list endpoint answers it. */
export interface ServerPage {
  page: number;
  pageSize: number;
  total: number;
}

type Props<T> = TableProps<T> & {
  label: string;
  /** Server-side pagination: the current page as answered, and what to do when the user pages. */
  serverPage?: ServerPage | undefined;
  onPage?: (page: number, pageSize: number) => void;
};

export function DataTable<T extends object>({ label, serverPage, onPage, ...props }: Props<T>) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const pagination: TableProps<T>['pagination'] = onPage
    ? {
        current: serverPage?.page ?? 1,
        pageSize: serverPage?.pageSize ?? 20,
        total: serverPage?.total ?? 0,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { n }),
        onChange: onPage,
      }
    : props.pagination;
  // antd renders the scroll container itself and exposes no props for it; label it after each render.
  useEffect(() => {
    ref.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach((el) => {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    });
  });
  return (
    <div ref={ref}>
      <Table<T> caption={<span className="visually-hidden">{label}</span>} {...props} pagination={pagination} />
    </div>
  );
}
