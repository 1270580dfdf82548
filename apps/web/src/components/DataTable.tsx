/**
 * antd Table with a name: a visually hidden caption, and its horizontal scroll area made
 * keyboard-focusable and labelled (WCAG 2.1.1; axe scrollable-region-focusable on phones).
 */
import { Table, type TableProps } from 'antd';
import { useEffect, useRef } from 'react';

export function DataTable<T extends object>({ label, ...props }: TableProps<T> & { label: string }) {
  const ref = useRef<HTMLDivElement>(null);
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
      <Table<T> caption={<span className="visually-hidden">{label}</span>} {...props} />
    </div>
  );
}
