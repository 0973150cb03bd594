/** The Brieflock mark: a folded document with a lock. Decorative; pair it with text. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M10 7h9l5 5v13H10z" fill="#fff" />
      <path d="M19 7v5h5" fill="#c7d7fb" />
      <rect x="13" y="16" width="8" height="6" rx="1.2" fill="currentColor" />
      <path d="M15 16v-1.6a2 2 0 0 1 4 0V16" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}
