import type { CredentialKind, Provider, TlsMode } from "../api/types";
import { errorFor } from "../lib/errors";
import { basicLabels, compactJsonKey, KIND_LABELS, PROVIDERS, providerInfo } from "../lib/providers";
import { emptyCredentials, type CredentialsState, type RegistryFormState } from "../lib/registryForm";
import { Checkbox, Field, SelectField, TextField } from "./Field";

type Errors = Record<string, string>;
type Update = (change: Partial<RegistryFormState>) => void;

export function ProviderAndUrl({ form, update, errors }: { form: RegistryFormState; update: Update; errors: Errors }) {
  const info = providerInfo(form.provider);
  return (
    <>
      <SelectField<Provider>
        label="Provider"
        name="provider"
        value={form.provider}
        options={PROVIDERS.map((provider) => ({ value: provider.id, label: provider.label }))}
        error={errors.provider}
        onChange={(provider) => {
          const next = providerInfo(provider);
          update({
            provider,
            url: provider === "docker-hub" ? "docker.io" : form.url === "docker.io" ? "" : form.url,
            credentials: emptyCredentials(next.kinds[0]),
            access: next.kinds.includes("none") ? form.access : "private",
          });
        }}
      />
      <TextField label="Registry URL" name="url" value={form.url} placeholder={info.urlPlaceholder}
                 hint={info.urlHint} error={errorFor(errors, "url")} onChange={(url) => update({ url })} required />
    </>
  );
}

export function AccessFields({ form, update, errors }: { form: RegistryFormState; update: Update; errors: Errors }) {
  const info = providerInfo(form.provider);
  const canBePublic = info.kinds.includes("none");
  return (
    <>
      <fieldset className="radio-group">
        <legend>Access</legend>
        <label><input type="radio" name="access" value="private" checked={form.access === "private"}
                      onChange={() => update({ access: "private" })} /> Private — pulls need credentials</label>
        <label><input type="radio" name="access" value="public" checked={form.access === "public"} disabled={!canBePublic}
                      onChange={() => update({ access: "public", credentials: emptyCredentials("none") })} /> Public — anonymous pulls</label>
        {errors.access && <div className="field-error" role="alert">{errors.access}</div>}
      </fieldset>
      {form.access === "public" && (
        <TextField label="Repositories" name="repositories" multiline rows={3} value={form.repositories}
                   hint="The public repositories you use, one per line (e.g. library/nginx)."
                   error={errorFor(errors, "repositories")} onChange={(repositories) => update({ repositories })} />
      )}
    </>
  );
}

export function CredentialsFields({ provider, credentials, onChange, errors, prefix = "credentials" }: {
  provider: Provider;
  credentials: CredentialsState;
  onChange: (credentials: CredentialsState) => void;
  errors: Errors;
  prefix?: string;
}) {
  const info = providerInfo(provider);
  const set = (change: Partial<CredentialsState>) => onChange({ ...credentials, ...change });
  const err = (name: string) => errorFor(errors, `${prefix}.${name}`);
  const labels = basicLabels(provider);
  return (
    <div className="subsection">
      <SelectField<CredentialKind>
        label="Credentials"
        name="credentials.kind"
        value={credentials.kind}
        options={info.kinds.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
        error={err("kind") ?? errors[prefix]}
        onChange={(kind) => onChange(emptyCredentials(kind))}
      />
      {credentials.kind === "basic" && (
        <div className="grid-2">
          <TextField label={labels.username} name="credentials.username" value={credentials.username}
                     error={err("username")} onChange={(username) => set({ username })} />
          <TextField label={labels.password} name="credentials.password" type="password" autoComplete="new-password"
                     value={credentials.password} error={err("password")} hint={labels.hint || undefined}
                     onChange={(password) => set({ password })} />
        </div>
      )}
      {credentials.kind === "ecr-access-key" && (
        <>
          <div className="grid-2">
            <TextField label="Access key ID" name="credentials.access_key_id" value={credentials.access_key_id}
                       placeholder="AKIA…" hint="20 characters: AKIA… for a user, ASIA… for temporary credentials."
                       error={err("access_key_id")} onChange={(access_key_id) => set({ access_key_id })} />
            <TextField label="Secret access key" name="credentials.secret_access_key" type="password" autoComplete="new-password"
                       value={credentials.secret_access_key} error={err("secret_access_key")}
                       onChange={(secret_access_key) => set({ secret_access_key })} />
          </div>
          {credentials.access_key_id.startsWith("ASIA") && (
            <TextField label="Session token" name="credentials.session_token" type="password" autoComplete="new-password"
                       value={credentials.session_token} error={err("session_token")}
                       hint="Required with temporary (ASIA…) keys." onChange={(session_token) => set({ session_token })} />
          )}
        </>
      )}
      {(credentials.kind === "ecr-access-key" || credentials.kind === "ecr-instance-role") && (
        <Checkbox label="FIPS mode" name="credentials.fips" checked={credentials.fips} error={err("fips")}
                  hint="Fetch tokens from the FIPS endpoint (ecr-fips.<region>.amazonaws.com). A -fips URL turns this on."
                  onChange={(fips) => set({ fips })} />
      )}
      {credentials.kind === "ecr-instance-role" && (
        <p className="hint">The hub uses the AWS role of the machine it runs on; no secret is stored.</p>
      )}
      {credentials.kind === "gcp-service-account" && (
        <TextField label="Service-account JSON key" name="credentials.json_key" multiline rows={6}
                   value={credentials.json_key} error={err("json_key")}
                   onBlur={() => set({ json_key: compactJsonKey(credentials.json_key) })}
                   hint="Paste the whole key file; whitespace is stripped. It needs type, client_email and private_key."
                   onChange={(json_key) => set({ json_key })} />
      )}
      {credentials.kind !== "none" && credentials.kind !== "ecr-instance-role" && (
        <div className="notice" role="note">
          <strong>Credentials cannot be viewed after saving.</strong> The hub stores them encrypted and shows only their
          kind and fingerprint; to change them you replace them.
        </div>
      )}
    </div>
  );
}

export function TlsFields({ form, update, errors }: { form: RegistryFormState; update: Update; errors: Errors }) {
  const cloud = form.provider !== "generic" && form.provider !== "quay";
  if (cloud) return null;
  return (
    <div className="subsection">
      <SelectField<TlsMode>
        label="TLS"
        name="tls.mode"
        value={form.tls_mode}
        error={errorFor(errors, "tls.mode") ?? errors.tls ?? errors.force_plain_http}
        options={[
          { value: "verify", label: "Secure — verify with the system CAs" },
          { value: "verify-with-ca", label: "Secure — verify with a custom CA" },
          { value: "insecure", label: "Insecure — TLS without verification" },
          { value: "plain-http", label: "Plain HTTP — no TLS" },
        ]}
        onChange={(tls_mode) => update({ tls_mode })}
      />
      {form.tls_mode === "verify-with-ca" && (
        <Field label="Custom CA certificate (PEM)" error={errorFor(errors, "tls.ca_pem")}
               hint="Paste the PEM bundle or upload the file.">
          {(id, describedBy, invalid) => (
            <>
              <textarea id={id} name="tls.ca_pem" rows={5} value={form.ca_pem} spellCheck={false}
                        placeholder="-----BEGIN CERTIFICATE-----" aria-describedby={describedBy} aria-invalid={invalid || undefined}
                        onChange={(event) => update({ ca_pem: event.target.value })} />
              <input type="file" accept=".pem,.crt,.cer" aria-label="Upload CA certificate file"
                     onChange={async (event) => {
                       const file = event.target.files?.[0];
                       if (file) update({ ca_pem: await file.text() });
                     }} />
            </>
          )}
        </Field>
      )}
      {form.tls_mode === "insecure" && <p className="hint warning-text">Certificates are not checked: anyone on the path can impersonate this registry.</p>}
      {form.tls_mode === "plain-http" && (
        <Checkbox label="Allow plain HTTP to a non-loopback host" checked={form.force_plain_http}
                  error={errors.force_plain_http} hint="Credentials then cross the network unencrypted."
                  onChange={(force_plain_http) => update({ force_plain_http })} />
      )}
    </div>
  );
}

export function MirrorsFields({ form, update, errors }: { form: RegistryFormState; update: Update; errors: Errors }) {
  const mirrors = form.mirrors;
  return (
    <fieldset className="subsection">
      <legend>Mirrors</legend>
      <p className="hint">Registries this one mirrors (a pull-through cache), each with an optional path prefix here.</p>
      {mirrors.map((mirror, index) => (
        <div className="mirror-row" key={index}>
          <TextField label={`Upstream ${index + 1}`} value={mirror.upstream} placeholder="docker.io"
                     error={errorFor(errors, `mirrors[${index}].upstream`) ?? errorFor(errors, `mirrors.${index}.upstream`)}
                     onChange={(upstream) => update({ mirrors: mirrors.map((item, i) => (i === index ? { ...item, upstream } : item)) })} />
          <TextField label={`Path prefix ${index + 1}`} value={mirror.path_prefix ?? ""} placeholder="dockerhub"
                     error={errorFor(errors, `mirrors[${index}].path_prefix`)}
                     onChange={(path_prefix) => update({ mirrors: mirrors.map((item, i) => (i === index ? { ...item, path_prefix } : item)) })} />
          <button type="button" className="button button--ghost" aria-label={`Remove mirror ${index + 1}`}
                  onClick={() => update({ mirrors: mirrors.filter((_, i) => i !== index) })}>Remove</button>
        </div>
      ))}
      {errors.mirrors && <div className="field-error" role="alert">{errors.mirrors}</div>}
      <button type="button" className="button" onClick={() => update({ mirrors: [...mirrors, { upstream: "", path_prefix: "" }] })}>
        Add mirror
      </button>
    </fieldset>
  );
}

export function UsageFields({ form, update, errors }: { form: RegistryFormState; update: Update; errors: Errors }) {
  const usage = form.usage;
  const set = (change: Partial<typeof usage>) => update({ usage: { ...usage, ...change } });
  return (
    <fieldset className="subsection">
      <legend>Usage</legend>
      <Checkbox label="Push images" checked={usage.push_images} onChange={(push_images) => set({ push_images })} />
      <Checkbox label="Push Helm charts" checked={usage.push_charts} onChange={(push_charts) => set({ push_charts })} />
      <Checkbox label="Chart repository" checked={usage.chart_repository} onChange={(chart_repository) => set({ chart_repository })}
                hint="Offer this registry's chart repositories in the chart store." />
      {usage.chart_repository && (
        <TextField label="Chart repositories" multiline rows={2} value={form.chart_repositories}
                   hint="Repository paths that hold charts, one per line (e.g. charts/nginx)."
                   error={errorFor(errors, "usage.chart_repositories")}
                   onChange={(chart_repositories) => update({ chart_repositories })} />
      )}
      <Checkbox label="Default registry" checked={usage.default} error={errorFor(errors, "usage.default")}
                hint="At most one registry is the default." onChange={(value) => set({ default: value })} />
      {errors.usage && <div className="field-error" role="alert">{errors.usage}</div>}
    </fieldset>
  );
}

export function NameFields({ form, update, errors }: { form: RegistryFormState; update: Update; errors: Errors }) {
  return (
    <>
      <TextField label="Display name" name="display_name" value={form.display_name} error={errors.display_name}
                 placeholder="Production images" onChange={(display_name) => update({ display_name })} />
      <TextField label="Description" name="description" multiline rows={2} value={form.description}
                 error={errors.description} onChange={(description) => update({ description })} />
    </>
  );
}
