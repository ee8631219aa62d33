"use client";

/** A departure reason as the forms offer it: its code and its text in the reader's language. */
export type ReasonOption = { code: string; label: string };

/** The reason dropdown of the departure forms; `placeholder` is the empty first choice. */
export function ReasonSelect({
  label,
  placeholder,
  options,
  value,
  onChange,
  required,
  testId,
}: {
  label: string;
  placeholder: string;
  options: ReasonOption[];
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  testId: string;
}) {
  return (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      <select
        required={required}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:w-72"
        data-testid={testId}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
