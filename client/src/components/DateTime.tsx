const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

/** A date in the reader's locale (with the time when `long`); the full date and time on hover. */
export function DateTime({ iso, long = false }: { iso: string; long?: boolean }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>Unknown date</span>;
  return (
    <time dateTime={date.toISOString()} title={dateTimeFormat.format(date)}>
      {(long ? dateTimeFormat : dateFormat).format(date)}
    </time>
  );
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date as stored in the brief ("2027-01-15") in the reader's locale
 * ("15 Jan 2027", "Jan 15, 2027"); anything else as it is. Read as a local day, not as
 * UTC midnight, which would show the day before west of Greenwich.
 */
export function formatDay(value: string, locale?: string): string {
  const match = ISO_DAY.exec(value);
  if (!match) return value;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(date.getTime()) || date.getDate() !== Number(match[3])) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}
