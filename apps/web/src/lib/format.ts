/**
 * The one date formatter. Business time is Asia/Taipei whatever the browser's zone; zh-TW shows
 * the ROC calendar (民國 year = Gregorian − 1911) as the seeds do, en shows ISO-like dates.
 */
export type Locale = 'zh-TW' | 'en';

const TAIPEI = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Taipei',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const ROC_OFFSET = 1911;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/u;

interface Parts {
  year: number;
  month: string;
  day: string;
  hour?: string;
  minute?: string;
  second?: string;
}

function partsOf(value: string | Date): Parts | null {
  if (typeof value === 'string') {
    // A calendar date (birthday) has no time zone: show it as written.
    const m = DATE_ONLY.exec(value);
    if (m) return { year: Number(m[1]), month: m[2]!, day: m[3]! };
  }
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return null;
  const p = Object.fromEntries(TAIPEI.formatToParts(d).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: p.month!, day: p.day!, hour: p.hour, minute: p.minute, second: p.second };
}

export interface FormatOptions {
  /** Include the time of day (default true for timestamps). */
  time?: boolean;
  seconds?: boolean;
}

/**
 * `115/03/02 09:05` in zh-TW, `2026-03-02 09:05` in en, always Asia/Taipei. Empty input gives
 * an empty string; callers show their own placeholder.
 */
export function formatDate(value: string | Date | null | undefined, locale: Locale, opts: FormatOptions = {}): string {
  if (!value) return '';
  const p = partsOf(value);
  if (!p) return String(value);
  const date = locale === 'zh-TW' ? `${p.year - ROC_OFFSET}/${p.month}/${p.day}` : `${p.year}-${p.month}-${p.day}`;
  if (opts.time === false || p.hour === undefined) return date;
  return `${date} ${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ''}`;
}
