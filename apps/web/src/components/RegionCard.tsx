/**
 * A card that is a named page region (登入安全's factor cards): screen readers list it by its
 * heading, and specs find it with getByRole('region', { name }).
 */
import { Card } from 'antd';
import type { ReactNode } from 'react';

export function RegionCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card
      role="region"
      aria-labelledby={id}
      title={
        <h2 className="card-title" id={id}>
          {title}
        </h2>
      }
    >
      {children}
    </Card>
  );
}
