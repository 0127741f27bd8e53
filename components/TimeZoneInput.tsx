import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n/t';

export interface TimeZoneInputProps {
  label: string;
  value: string;
  onChange(zone: string): void;
  /** Extra first entries, e.g. "auto" or "" (none), with their labels. */
  special?: { value: string; label: string }[];
  /** A message from the caller (e.g. the settings validation). */
  error?: string;
  /** Shown when the typed text names no zone and no special entry; nothing is passed to `onChange` then. */
  invalidMessage?: string;
  /** Class of the label wrapper (the compose picker uses its own `os-field`). */
  class?: string;
}

/** The IANA zones this browser knows. */
export function allTimeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

/**
 * A searchable time zone field: a text input with a datalist of every IANA zone. Typing filters the list
 * natively; a value is accepted only when it names a real zone (or one of the special entries). Anything
 * else stays in the field with a message beside it, and is not passed on.
 */
export function TimeZoneInput({
  label,
  value,
  onChange,
  special = [],
  error,
  invalidMessage = t('timeZoneInvalid'),
  class: className = 'os-field',
}: TimeZoneInputProps) {
  const id = useId();
  const zones = useMemo(allTimeZones, []);
  const shown = special.find((s) => s.value === value)?.label ?? value;
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  // What the person is typing: set by their input while the field has focus, cleared on commit and on blur.
  const typing = useRef(false);
  // A new value from outside (saved, or chosen elsewhere) replaces the field's text, but never what a person
  // is typing: data that arrives after they started (settings loading late, another tab saving) waits
  // until they commit or leave the field.
  useEffect(() => {
    if (typing.current) return;
    setDraft(null);
    setInvalid(false);
  }, [value]);

  const message = invalid ? invalidMessage : error;
  return (
    <label class={className}>
      <span>{label}</span>
      <input
        type="text"
        list={`${id}-zones`}
        value={draft ?? shown}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        // Selecting everything on focus lets the list show every zone as soon as one types.
        onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
        onInput={(e) => {
          typing.current = true;
          setDraft((e.currentTarget as HTMLInputElement).value);
        }}
        onBlur={() => {
          typing.current = false;
        }}
        onChange={(e) => {
          typing.current = false;
          const typed = (e.currentTarget as HTMLInputElement).value.trim();
          const sp = special.find((s) => s.label === typed || s.value === typed);
          const zone = sp ? sp.value : zones.find((z) => z.toLowerCase() === typed.toLowerCase());
          if (zone === undefined) {
            setInvalid(true);
            return;
          }
          setInvalid(false);
          setDraft(null);
          if (zone !== value) onChange(zone);
        }}
      />
      <datalist id={`${id}-zones`}>
        {special.map((s) => (
          <option key={s.value} value={s.label} />
        ))}
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {message && (
        <span id={`${id}-error`} class="os-error field-error">
          {message}
        </span>
      )}
    </label>
  );
}
