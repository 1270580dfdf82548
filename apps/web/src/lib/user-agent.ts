import { describeAgent } from '@menhu/contracts';

/** A short, human name for a session's browser and system ("Chrome · Windows"); good enough to tell devices apart. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '';
  const { browser, os } = describeAgent(ua);
  if (!browser && !os) return ua.slice(0, 60);
  return [browser, os].filter(Boolean).join(' · ');
}
