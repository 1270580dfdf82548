/** The heading of a step inside a card (綁定, 變更 …); it takes focus when the step appears. */
import { Typography } from 'antd';
import { useFocusOnMount } from '../lib/focus.ts';

export function StepHeading({ children }: { children: string }) {
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Typography.Title level={3} className="step-heading" tabIndex={-1} ref={ref}>
      {children}
    </Typography.Title>
  );
}
