/** Transport icons as inline SVG: no icon font, nothing a system may lack. */
const PATHS = {
  first: 'M3 3h2v10H3zM13 3v10L6 8z',
  prev: 'M3 3h2v10H3zM14 3v10L7 8z',
  play: 'M4 2.5v11L13.5 8z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  next: 'M11 3h2v10h-2zM2 3v10l7-5z',
  last: 'M11 3h2v10h-2zM3 3v10l7-5z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
