import { useEffect, useState } from 'react';
import { dayField, dayPattern, parseDayField } from './format';

/**
 * A calendar day typed as the app's language writes it (07.12.2026 in Polish, 12/07/2026 in English), not as
 * the browser's own date picker would show it: the browser's locale is often not the language chosen in the
 * app. `value` and `onChange` are ISO days (YYYY-MM-DD, '' for none); what cannot be read as a day, or lies
 * outside `min`–`max`, is marked invalid and not passed on.
 */
export function DayInput(props: {
  value: string;
  onChange: (iso: string) => void;
  min?: string | undefined;
  max?: string | undefined;
  id?: string;
  'aria-label'?: string;
}) {
  const [text, setText] = useState(dayField(props.value));
  const [bad, setBad] = useState(false);
  const shown = dayField(props.value);
  // A new value from outside (a cleared filter, another language) replaces what was typed.
  useEffect(() => {
    setText(shown);
    setBad(false);
  }, [shown]);
  const take = (typed: string) => {
    setText(typed);
    if (typed.trim() === '') {
      setBad(false);
      if (props.value !== '') props.onChange('');
      return;
    }
    const iso = parseDayField(typed);
    const outside = iso !== null && ((props.min && iso < props.min) || (props.max && iso > props.max));
    setBad(iso === null || Boolean(outside));
    if (iso !== null && !outside && iso !== props.value) props.onChange(iso);
  };
  return (
    <input
      type="text"
      inputMode="numeric"
      className="day-input"
      placeholder={dayPattern()}
      id={props.id}
      aria-label={props['aria-label']}
      aria-invalid={bad || undefined}
      title={dayPattern()}
      value={text}
      size={10}
      onChange={(e) => take(e.target.value)}
    />
  );
}
