import { ApiError } from "../api/client";

// Field messages of an API error by field ("credentials.password" -> "…").
// Several messages for one field are joined.
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const detail of error.details) {
    if (!detail.field) continue;
    out[detail.field] = out[detail.field] ? `${out[detail.field]}; ${detail.message}` : detail.message;
  }
  return out;
}

// The message for the page-level banner: the error's message unless every
// detail is shown next to a field the form has.
export function bannerMessage(error: unknown, shownFields: string[] = []): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const unshown = error.details.filter((detail) => !shownFields.includes(detail.field));
  if (error.details.length > 0 && unshown.length === 0) return "Fix the fields marked below.";
  if (unshown.length > 0 && error.details.length > 0) {
    return unshown.map((detail) => `${detail.field}: ${detail.message}`).join("; ");
  }
  return error.message;
}

// The error for a field, also matching nested details ("mirrors[0].upstream"
// is shown under "mirrors" when the form has no such field).
export function errorFor(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const nested = Object.keys(errors).filter((key) => key.startsWith(`${field}.`) || key.startsWith(`${field}[`));
  return nested.length ? nested.map((key) => `${key}: ${errors[key]}`).join("; ") : undefined;
}
