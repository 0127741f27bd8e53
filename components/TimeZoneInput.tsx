import { useId, useMemo } from 'preact/hooks';

export interface TimeZoneInputProps {
  label: string;
  value: string;
  onChange(zone: string): void;
  /** Extra first entries, e.g. "auto" or "" (none), with their labels. */
  special?: { value: string; label: string }[];
  error?: string;
}

/** The IANA zones this browser knows. */
export function allTimeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

/**
 * A searchable time zone field: a text input with a datalist of every IANA zone. Typing filters the list
 * natively; a value is accepted only when it names a real zone (or one of the special entries).
 */
export function TimeZoneInput({ label, value, onChange, special = [], error }: TimeZoneInputProps) {
  const id = useId();
  const zones = useMemo(allTimeZones, []);
  const shown = special.find((s) => s.value === value)?.label ?? value;
  return (
    <label class="os-field">
      <span>{label}</span>
      <input
        type="text"
        list={`${id}-zones`}
        value={shown}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          const typed = (e.currentTarget as HTMLInputElement).value.trim();
          const sp = special.find((s) => s.label === typed || s.value === typed);
          if (sp) onChange(sp.value);
          else if (zones.includes(typed)) onChange(typed);
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
      {error && <span class="os-error">{error}</span>}
    </label>
  );
}
