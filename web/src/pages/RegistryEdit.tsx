import { useState, type FormEvent } from "react";
import { api, ApiError } from "../api/client";
import type { Registry } from "../api/types";
import { CredentialsFields, MirrorsFields, NameFields, TlsFields, UsageFields } from "../components/RegistryFields";
import { Badge, Banner, Card } from "../components/ui";
import { bannerMessage, fieldErrors } from "../lib/errors";
import { KIND_LABELS } from "../lib/providers";
import { credentialsInput, emptyCredentials, formFromRegistry, updateInput, type CredentialsState, type RegistryFormState } from "../lib/registryForm";
import { formatTime } from "../lib/time";
import { TextField } from "../components/Field";

function conflictText(error: unknown): string | null {
  return error instanceof ApiError && error.code === "conflict"
    ? "Someone saved this registry meanwhile. Reload the page to edit the newest revision." : null;
}

// Edit of display name, description, mirrors, TLS and usage: each save is a new revision.
export function EditPanel({ registry, onSaved }: { registry: Registry; onSaved: (registry: Registry) => void }) {
  const [form, setForm] = useState<RegistryFormState>(() => formFromRegistry(registry));
  const [caChanged, setCaChanged] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (change: Partial<RegistryFormState>) => {
    if (change.ca_pem !== undefined || change.tls_mode !== undefined) setCaChanged(true);
    setForm((previous) => ({ ...previous, ...change }));
  };
  const errors = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const saved = await api.patch<Registry>(`/api/v1/registries/${encodeURIComponent(registry.id)}`, updateInput(form, registry.revision, caChanged));
      setResult(saved.revision === registry.revision ? "Nothing changed: still revision " + saved.revision + "."
                                                     : `Saved as revision ${saved.revision}.`);
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Edit registry">
      {error ? <Banner tone="error">{conflictText(error) ?? bannerMessage(error, Object.keys(errors))}</Banner> : null}
      {result && <Banner tone="success">{result}</Banner>}
      <Card title={`Settings — based on revision ${registry.revision}`}>
        <NameFields form={form} update={update} errors={errors} />
        {form.access === "public" && (
          <TextField label="Repositories" multiline rows={3} value={form.repositories} error={errors.repositories}
                     onChange={(repositories) => update({ repositories })} />
        )}
        <TlsFields form={form} update={update} errors={errors} />
        {form.tls_mode === "verify-with-ca" && !caChanged && registry.tls?.ca_fingerprint && (
          <p className="hint">Current CA fingerprint: <code>{registry.tls.ca_fingerprint}</code>. Paste a new one to replace it.</p>
        )}
        <UsageFields form={form} update={update} errors={errors} />
        <MirrorsFields form={form} update={update} errors={errors} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? "Saving…" : "Save as new revision"}</button>
        </div>
      </Card>
    </form>
  );
}

// Credentials as kind, fingerprint and last replaced; replacing sends a new
// set whole (the old value is never shown or edited).
export function CredentialsPanel({ registry, onSaved }: { registry: Registry; onSaved: (registry: Registry) => void }) {
  const [replacing, setReplacing] = useState(false);
  const [credentials, setCredentials] = useState<CredentialsState>(() => emptyCredentials(registry.credentials?.kind ?? "basic"));
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const info = registry.credentials;

  async function replace(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await api.patch<Registry>(`/api/v1/registries/${encodeURIComponent(registry.id)}`,
                                              { revision: registry.revision, credentials: credentialsInput(credentials) });
      setCredentials(emptyCredentials(credentials.kind));
      setReplacing(false);
      setDone(`Credentials replaced (revision ${saved.revision}).`);
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Credentials">
      {done && <Banner tone="success">{done}</Banner>}
      <dl className="props">
        <div><dt>Kind</dt><dd>{KIND_LABELS[info?.kind ?? "none"] ?? info?.kind}</dd></div>
        {info?.username && <div><dt>Username</dt><dd>{info.username}</dd></div>}
        {info?.access_key_id && <div><dt>Access key ID</dt><dd className="mono">{info.access_key_id}</dd></div>}
        {info?.region && <div><dt>Region</dt><dd>{info.region}</dd></div>}
        {info?.fips !== undefined && <div><dt>FIPS</dt><dd>{info.fips ? "on" : "off"}</dd></div>}
        <div><dt>Fingerprint</dt><dd className="mono">{info?.fingerprint || "—"}</dd></div>
        <div><dt>Last replaced</dt><dd>{formatTime(info?.replaced_at)}</dd></div>
      </dl>
      <p className="hint"><Badge tone="neutral">write-only</Badge> The secret itself is never shown: the fingerprint tells two sets apart.</p>
      {!replacing ? (
        <button type="button" className="button" onClick={() => { setReplacing(true); setDone(null); }}>Replace credentials</button>
      ) : (
        <form onSubmit={replace} noValidate aria-label="Replace credentials">
          {error ? <Banner tone="error">{conflictText(error) ?? bannerMessage(error, Object.keys(errors))}</Banner> : null}
          <CredentialsFields provider={registry.provider} credentials={credentials} errors={errors} onChange={setCredentials} />
          <div className="actions">
            <button type="button" className="button button--ghost" onClick={() => { setReplacing(false); setCredentials(emptyCredentials(credentials.kind)); }}>Cancel</button>
            <button type="submit" className="button button--primary" disabled={busy}>{busy ? "Saving…" : "Save new credentials"}</button>
          </div>
        </form>
      )}
    </Card>
  );
}
