import { useEffect, useRef } from 'react';

/**
 * WCAG 2.4.3: when a step replaces the previous one (second factor, enrolment, recovery codes),
 * focus moves to its heading so a screen reader announces where the user now is. The element
 * needs tabIndex={-1}.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
