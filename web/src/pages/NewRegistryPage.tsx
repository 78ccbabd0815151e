import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { ConnectionTestReport, Registry } from "../api/types";
import { AccessFields, CredentialsFields, MirrorsFields, NameFields, ProviderAndUrl, TlsFields, UsageFields } from "../components/RegistryFields";
import { RolesEditor } from "../components/RolesEditor";
import { TestReport } from "../components/TestReport";
import { Banner, Card, PageHeader } from "../components/ui";
import { bannerMessage, fieldErrors } from "../lib/errors";
import { createInput, initialForm, type RegistryFormState } from "../lib/registryForm";
import { Link, navigate } from "../router";

// Fields the form shows an error next to; any other detail goes to the banner.
const FORM_FIELDS = ["provider", "url", "display_name", "description", "access", "repositories", "tls", "tls.mode",
  "tls.ca_pem", "force_plain_http", "mirrors", "usage", "usage.default", "usage.chart_repositories", "credentials",
  "credentials.kind", "credentials.username", "credentials.password", "credentials.access_key_id",
  "credentials.secret_access_key", "credentials.session_token", "credentials.fips", "credentials.json_key"];

function shown(fields: string[]): string[] {
  return fields.filter((field) => FORM_FIELDS.includes(field) || field.startsWith("mirrors"));
}

export function RegistryWizardStep1({ onCreated }: { onCreated: (registry: Registry) => void }) {
  const [form, setForm] = useState<RegistryFormState>(() => initialForm("generic"));
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<ConnectionTestReport | null>(null);
  const [testing, setTesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const update = (change: Partial<RegistryFormState>) => setForm((previous) => ({ ...previous, ...change }));
  const errors = fieldErrors(error);

  async function testConnection() {
    setTesting(true);
    setError(null);
    setReport(null);
    try {
      setReport(await api.post<ConnectionTestReport>("/api/v1/connection-tests", createInput(form)));
    } catch (caught) {
      setError(caught);
    } finally {
      setTesting(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const registry = await api.post<Registry>("/api/v1/registries", createInput(form));
      // The secrets leave the page's memory as soon as they are saved.
      setForm((previous) => ({ ...previous, credentials: { ...previous.credentials, password: "", secret_access_key: "", session_token: "", json_key: "" } }));
      onCreated(registry);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  const banner = error ? bannerMessage(error, shown(Object.keys(errors))) : null;
  return (
    <form onSubmit={submit} noValidate aria-label="New registry" className="wizard-form">
      {banner && <Banner tone="error">{banner}</Banner>}
      <Card title="Registry">
        <div className="grid-2">
          <ProviderAndUrl form={form} update={update} errors={errors} />
        </div>
        <AccessFields form={form} update={update} errors={errors} />
        {form.access === "private" && (
          <CredentialsFields provider={form.provider} credentials={form.credentials} errors={errors}
                             onChange={(credentials) => update({ credentials })} />
        )}
        <TlsFields form={form} update={update} errors={errors} />
      </Card>
      <Card title="Name and usage">
        <NameFields form={form} update={update} errors={errors} />
        <UsageFields form={form} update={update} errors={errors} />
        <MirrorsFields form={form} update={update} errors={errors} />
      </Card>
      {report && <Card title="Connection test"><TestReport report={report} /></Card>}
      <div className="actions">
        <Link to="/registries" className="button button--ghost">Cancel</Link>
        <button type="button" className="button" disabled={testing} onClick={() => void testConnection()}>
          {testing ? "Testing…" : "Test connection"}
        </button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? "Saving…" : "Save and continue"}
        </button>
      </div>
    </form>
  );
}

export function NewRegistryPage() {
  const [created, setCreated] = useState<Registry | null>(null);
  return (
    <div>
      <PageHeader title="New registry" subtitle={created ? `Step 2 of 2 — who may use ${created.display_name || created.url}` : "Step 1 of 2 — connection and credentials"} />
      <ol className="stepper" aria-label="Steps">
        <li className={created ? "stepper__done" : "stepper__current"} aria-current={created ? undefined : "step"}>Registry</li>
        <li className={created ? "stepper__current" : ""} aria-current={created ? "step" : undefined}>Roles</li>
      </ol>
      {!created ? (
        <RegistryWizardStep1 onCreated={setCreated} />
      ) : (
        <Card title="Roles">
          <p className="hint">
            Registry <strong>{created.url}</strong> is saved (revision {created.revision}). Until the deadline you administer it
            and can decide who else may; afterwards a registry without roles of its own is administered by hub administrators only.
          </p>
          <RolesEditor registryId={created.id} />
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => navigate(`/registries/${created.id}`)}>
              Done — open the registry
            </button>
          </div>
        </Card>
      )}
    </div>
  );
}
