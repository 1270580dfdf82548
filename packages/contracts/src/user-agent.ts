/**
 * Browser and system from a user agent ("Chrome" / "Windows"): enough for a person to recognise
 * their own computer or phone (sessions, the phone approving a QR sign-in). Empty when unknown.
 */
export function describeAgent(ua: string | null | undefined): { browser: string; os: string } {
  const s = ua ?? '';
  const browser = /Edg\//u.test(s)
    ? 'Edge'
    : /Firefox\//u.test(s)
      ? 'Firefox'
      : /Chrome\//u.test(s)
        ? 'Chrome'
        : /Safari\//u.test(s)
          ? 'Safari'
          : '';
  const os = /Windows/u.test(s)
    ? 'Windows'
    : /Android/u.test(s)
      ? 'Android'
      : /iPhone|iPad/u.test(s)
        ? 'iOS'
        : /Mac OS X/u.test(s)
          ? 'macOS'
          : /CrOS/u.test(s)
            ? 'ChromeOS'
            : /Linux/u.test(s)
              ? 'Linux'
              : '';
  return { browser, os };
}
