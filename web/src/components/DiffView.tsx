import type { FieldChange } from "../api/types";

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value === "" ? '""' : value;
  return JSON.stringify(value);
}

// The changes between two revisions, one row per field: before, after and the summary.
export function DiffView({ changes, from, to }: { changes: FieldChange[]; from: number; to: number }) {
  if (changes.length === 0) {
    return <p className="empty">Revisions {from} and {to} are identical.</p>;
  }
  return (
    <table className="table diff" aria-label={`Changes from revision ${from} to revision ${to}`}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Revision {from}</th>
          <th scope="col">Revision {to}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change, index) => (
          <tr key={`${change.field}-${index}`}>
            <th scope="row"><code>{change.field}</code></th>
            <td className="diff__before"><span className="diff__mark" aria-hidden="true">−</span>{show(change.before)}</td>
            <td className="diff__after">
              <span className="diff__mark" aria-hidden="true">+</span>{show(change.after)}
              {change.summary && <div className="hint">{change.summary}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
