import { useState, type FormEvent } from "react";
import { api, ApiError } from "../api/client";
import type { Session } from "../api/types";
import { TextField } from "../components/Field";
import { Banner } from "../components/ui";
import { fieldErrors } from "../lib/errors";

export function LoginPage({ onLoggedIn }: { onLoggedIn: (session: Session) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>("/api/v1/auth/session", { username, password });
      setPassword("");
      onLoggedIn(session);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrors(error);
  const message = error instanceof ApiError
    ? error.status === 401 ? "Invalid username or password." : error.message
    : error ? String(error) : null;
  return (
    <div className="login">
      <form className="login__card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand--large"><span className="brand__logo" aria-hidden="true">◆</span> reghub</div>
        <h1 id="login-title">Sign in</h1>
        <p className="hint">The hub for every artifact registry your platform uses.</p>
        {message && <Banner tone="error">{message}</Banner>}
        <TextField label="Username" name="username" value={username} onChange={setUsername}
                   autoComplete="username" required error={errors.username} />
        <TextField label="Password" name="password" type="password" value={password} onChange={setPassword}
                   autoComplete="current-password" required error={errors.password} />
        <button className="button button--primary button--block" type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
