// Instants in words: how long ago, and the exact time for a tooltip.

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "Dec 4, 2026, 9:41 AM" in the user's locale: the exact time behind a relative one. */
export const absoluteTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Dec 4, 2026": a day, when the time of day doesn't matter. */
export const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "5 minutes ago", "yesterday", "3 days ago". */
export function ago(at: Date, now: Date): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(value, unit);
    value = Math.round(value / size);
  }
  return relative.format(value, 'year');
}
