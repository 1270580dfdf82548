import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The page's one h1, with optional actions beside it. */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title">
      <Typography.Title level={1}>{children}</Typography.Title>
      {extra ? <div className="page-title-extra">{extra}</div> : null}
    </div>
  );
}
