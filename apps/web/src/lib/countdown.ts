import { useEffect, useState } from 'react';

const secondsUntil = (until: number) => Math.max(0, Math.ceil((until - Date.now()) / 1000));

/** Seconds left until `until` (a Date.now() value), ticking once a second; 0 once passed. */
export function useCountdown(until: number): number {
  const [n, setN] = useState(() => secondsUntil(until));
  useEffect(() => {
    setN(secondsUntil(until));
    if (until <= Date.now()) return;
    const id = setInterval(() => {
      const v = secondsUntil(until);
      setN(v);
      if (v === 0) clearInterval(id);
    }, 1000);
    return () => clearInterval(id);
  }, [until]);
  return n;
}
