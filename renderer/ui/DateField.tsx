import { useEffect, useState } from 'react';
import { isoToTyped, parseTypedDate } from '../../shared/domain/dates';

/**
 * A date typed as officers write it, dd/mm/yyyy (6/12/2026, 06.12.26 work too), whatever the browser's locale: the
 * browser's own date input follows the machine's locale (mm/dd/yyyy in many). Saved when the field is left or Enter
 * is pressed; text that is not a real date is named, not saved.
 */
export function DateField({
  id,
  label,
  hiddenLabel,
  value,
  disabled,
  onCommit,
  hint,
  small,
}: {
  id: string;
  label: string;
  hiddenLabel?: string;
  value: string;
  disabled?: boolean;
  hint?: string;
  /** A label as small as its neighbours' in a row of small fields (a measure's). */
  small?: boolean;
  onCommit(iso: string | null): Promise<unknown> | void;
}) {
  const [text, setText] = useState(isoToTyped(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setText(isoToTyped(value));
    setProblem(null);
  }, [value]);
  const commit = () => {
    const trimmed = text.trim();
    if (trimmed === isoToTyped(value)) {
      setProblem(null);
      return;
    }
    const iso = trimmed === '' ? null : parseTypedDate(trimmed);
    if (trimmed !== '' && iso === null) {
      setProblem('Enter a real date as day/month/year, for example 27/03/2026');
      return;
    }
    setProblem(null);
    void onCommit(iso);
  };
  const describedBy = [`${id}-hint`, problem ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <>
      <label className={small ? 'label label--small' : 'label'} htmlFor={id}>
        {label}
        {hiddenLabel && <span className="visually-hidden">{hiddenLabel}</span>}
      </label>
      <p className="hint" id={`${id}-hint`}>
        {hint ?? 'For example, 27/03/2026'}
      </p>
      {problem && (
        <p className="error-message" id={`${id}-error`}>
          {problem}
        </p>
      )}
      <input
        id={id}
        className="input input--date"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </>
  );
}
