import { useEffect, useId, useRef, type ReactNode } from "react";

// A labelled control with its hint and, next to it, the API's message for it.
export function Field(props: {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (id: string, describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy, Boolean(props.error))}
      {props.hint && <div className="hint" id={hintId}>{props.hint}</div>}
      {props.error && (
        <div className="field-error" id={errorId} role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  type?: string;
  placeholder?: string;
  autoComplete?: string;
  name?: string;
  required?: boolean;
  disabled?: boolean;
  multiline?: boolean;
  rows?: number;
  onBlur?: () => void;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(id, describedBy, invalid) =>
        props.multiline ? (
          <textarea
            id={id}
            name={props.name}
            value={props.value}
            rows={props.rows ?? 4}
            placeholder={props.placeholder}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            required={props.required}
            disabled={props.disabled}
            spellCheck={false}
            onBlur={props.onBlur}
            onChange={(event) => props.onChange(event.target.value)}
          />
        ) : props.type === "password" ? (
          <SecretInput id={id} name={props.name} value={props.value} placeholder={props.placeholder}
                       autoComplete={props.autoComplete} describedBy={describedBy} invalid={invalid}
                       disabled={props.disabled} onChange={props.onChange} />
        ) : (
          <input
            id={id}
            name={props.name}
            type={props.type ?? "text"}
            value={props.value}
            placeholder={props.placeholder}
            autoComplete={props.autoComplete ?? "off"}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            required={props.required}
            disabled={props.disabled}
            onChange={(event) => props.onChange(event.target.value)}
          />
        )
      }
    </Field>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string;
  name?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(id, describedBy, invalid) => (
        <select
          id={id}
          name={props.name}
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => props.onChange(event.target.value as T)}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: string;
  name?: string;
}) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        checked={props.checked}
        aria-describedby={props.hint || props.error ? `${id}-hint` : undefined}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {(props.hint || props.error) && (
        <div className={props.error ? "field-error" : "hint"} id={`${id}-hint`}>
          {props.error ?? props.hint}
        </div>
      )}
    </div>
  );
}

// A password input that React does not control: a controlled input mirrors
// its value into the DOM's value attribute, and a secret must never sit in
// the page's markup. The parent still learns every change; when it resets
// the value to "" (after a save) the field is emptied.
function SecretInput(props: {
  id: string;
  name?: string;
  value: string;
  placeholder?: string;
  autoComplete?: string;
  describedBy?: string;
  invalid: boolean;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current && props.value === "" && ref.current.value !== "") ref.current.value = "";
  }, [props.value]);
  return (
    <input
      ref={ref}
      id={props.id}
      name={props.name}
      type="password"
      placeholder={props.placeholder}
      autoComplete={props.autoComplete ?? "new-password"}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
      disabled={props.disabled}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}
