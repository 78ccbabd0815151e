import { useEffect, useState } from "react";
import { formatRemaining } from "../lib/time";

// A live countdown to `deadline` (RFC 3339), ticking each second; calls
// `onExpired` once when it reaches zero.
export function Countdown({ deadline, onExpired, now = () => Date.now() }: {
  deadline: string;
  onExpired?: () => void;
  now?: () => number;
}) {
  const target = new Date(deadline).getTime();
  const [remaining, setRemaining] = useState(() => target - now());
  useEffect(() => {
    setRemaining(target - now());
    const timer = window.setInterval(() => setRemaining(target - now()), 1000);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);
  const expired = remaining <= 0;
  useEffect(() => {
    if (expired) onExpired?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expired]);
  if (Number.isNaN(target)) return null;
  return (
    <div className={`countdown${expired ? " countdown--expired" : remaining < 60000 ? " countdown--urgent" : ""}`}
         role="timer" aria-live="off" aria-label="Time left to set the roles">
      {expired ? (
        <span>The window to set roles has closed.</span>
      ) : (
        <>
          <span className="countdown__value" data-testid="countdown">{formatRemaining(remaining)}</span>
          <span className="countdown__label"> left to set this registry's roles</span>
        </>
      )}
    </div>
  );
}
