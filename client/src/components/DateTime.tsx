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
