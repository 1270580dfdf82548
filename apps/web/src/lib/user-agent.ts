/** A short, human name for a session's browser and system ("Chrome · Windows"); good enough to tell devices apart. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '';
  const browser = /Edg\//u.test(ua)
    ? 'Edge'
    : /Firefox\//u.test(ua)
      ? 'Firefox'
      : /Chrome\//u.test(ua)
        ? 'Chrome'
        : /Safari\//u.test(ua)
          ? 'Safari'
          : null;
  const os = /Windows/u.test(ua)
    ? 'Windows'
    : /Android/u.test(ua)
      ? 'Android'
      : /iPhone|iPad/u.test(ua)
        ? 'iOS'
        : /Mac OS X/u.test(ua)
          ? 'macOS'
          : /Linux/u.test(ua)
            ? 'Linux'
            : null;
  if (!browser && !os) return ua.slice(0, 60);
  return [browser, os].filter(Boolean).join(' · ');
}
