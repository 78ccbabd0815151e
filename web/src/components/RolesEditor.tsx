import { useEffect, useState } from "react";
import { api } from "../api/client";
import { ROLES, type Grant, type RegistryGrants, type Role, type Team, type User } from "../api/types";
import { bannerMessage, fieldErrors } from "../lib/errors";
import { Countdown } from "./Countdown";
import { Badge, Banner, EmptyState, Spinner } from "./ui";

interface Row {
  kind: "user" | "team";
  name: string;
  role: Role;
}

const ROLE_HINTS: Record<Role, string> = {
  administrator: "edit, replace credentials, manage roles, delete",
  assigner: "attach the registry to environments",
  consumer: "receive its pull credentials",
  viewer: "see it",
};

// A registry's own grants (editable) and the inherited global grants, with
// the live countdown while the creator's permissions window is open.
export function RolesEditor({ registryId, onSaved }: { registryId: string; onSaved?: () => void }) {
  const [grants, setGrants] = useState<RegistryGrants | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [users, setUsers] = useState<string[]>([]);
  const [teams, setTeams] = useState<string[]>([]);
  const path = `/api/v1/registries/${encodeURIComponent(registryId)}/grants`;

  useEffect(() => {
    api.get<RegistryGrants>(path).then((value) => {
      setGrants(value);
      setRows(value.grants.filter((grant) => !grant.inherited).map((grant) => ({
        kind: grant.subject.kind, name: grant.subject.name, role: grant.role as Role,
      })));
    }, setLoadError);
    api.get<{ users: User[] }>("/api/v1/users").then((value) => setUsers(value.users.map((user) => user.username)), () => {});
    api.get<{ teams: Team[] }>("/api/v1/teams").then((value) => setTeams(value.teams.map((team) => team.name)), () => {});
  }, [path]);

  if (loadError) return <Banner tone="error">{bannerMessage(loadError)}</Banner>;
  if (!grants) return <Spinner />;
  const inherited = grants.grants.filter((grant) => grant.inherited);
  const errors = fieldErrors(saveError);

  async function save() {
    setBusy(true);
    setSaveError(null);
    setSaved(false);
    try {
      const body = { grants: rows.filter((row) => row.name.trim()).map((row) => ({ subject: { kind: row.kind, name: row.name.trim() }, role: row.role })) };
      const value = await api.put<RegistryGrants>(path, body);
      setGrants(value);
      setSaved(true);
      onSaved?.();
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="roles">
      {grants.pending && <Countdown deadline={grants.permissions_deadline} onExpired={() => setGrants({ ...grants, pending: false })} />}
      {saveError ? <Banner tone="error">{bannerMessage(saveError, Object.keys(errors))}</Banner> : null}
      {saved && <Banner tone="success">Roles saved.</Banner>}
      <table className="table" aria-label="Roles on this registry">
        <thead><tr><th scope="col">Kind</th><th scope="col">User or team</th><th scope="col">Role</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {rows.map((row, index) => {
            const error = errors[`grants[${index}].subject`] ?? errors[`grants[${index}].subject.name`] ?? errors[`grants[${index}].role`] ?? errors[`grants[${index}]`];
            return (
              <tr key={index}>
                <td>
                  <select aria-label={`Kind of grant ${index + 1}`} value={row.kind}
                          onChange={(event) => setRows(rows.map((item, i) => (i === index ? { ...item, kind: event.target.value as Row["kind"] } : item)))}>
                    <option value="user">User</option>
                    <option value="team">Team</option>
                  </select>
                </td>
                <td>
                  <input aria-label={`User or team of grant ${index + 1}`} list={`subjects-${row.kind}`} value={row.name}
                         aria-invalid={error ? true : undefined} placeholder={row.kind === "user" ? "username" : "team name"}
                         onChange={(event) => setRows(rows.map((item, i) => (i === index ? { ...item, name: event.target.value } : item)))} />
                  {error && <div className="field-error" role="alert">{error}</div>}
                </td>
                <td>
                  <select aria-label={`Role of grant ${index + 1}`} value={row.role}
                          onChange={(event) => setRows(rows.map((item, i) => (i === index ? { ...item, role: event.target.value as Role } : item)))}>
                    {ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
                  </select>
                  <div className="hint">{ROLE_HINTS[row.role]}</div>
                </td>
                <td>
                  <button type="button" className="button button--ghost" aria-label={`Remove grant ${index + 1}`}
                          onClick={() => setRows(rows.filter((_, i) => i !== index))}>Remove</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <EmptyState>No role of its own yet. {grants.pending ? "Add who may use this registry before the window closes." : ""}</EmptyState>}
      <datalist id="subjects-user">{users.map((name) => <option key={name} value={name} />)}</datalist>
      <datalist id="subjects-team">{teams.map((name) => <option key={name} value={name} />)}</datalist>
      <div className="actions">
        <button type="button" className="button" onClick={() => setRows([...rows, { kind: "team", name: "", role: "consumer" }])}>Add role</button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()}>{busy ? "Saving…" : "Save roles"}</button>
      </div>
      <h3 className="section-title">Inherited from global roles</h3>
      {inherited.length === 0 ? (
        <p className="hint">No global grant applies to registries.</p>
      ) : (
        <ul className="inherited">
          {inherited.map((grant: Grant, index) => (
            <li key={index}><Badge tone="neutral">inherited</Badge> {grant.subject.kind} <strong>{grant.subject.name}</strong> — {grant.role}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
