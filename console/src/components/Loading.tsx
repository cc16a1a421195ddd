/** A loading state, in its own module so the sign-in entry chunk does not pull in the rest of ui.tsx. */
import { useEffect, useState } from 'react';

/** Shown only when loading takes longer than 200 ms (no flash on fast answers). */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), 200);
    return () => clearTimeout(timer);
  }, []);
  return visible ? (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  ) : null;
}
