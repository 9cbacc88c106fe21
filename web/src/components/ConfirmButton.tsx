import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18n.js';

/**
 * A button for a step that cannot be undone: the first press asks ("Confirm: …"), the second
 * acts; leaving it (blur) or five seconds without an answer cancels the question.
 */
export function ConfirmButton({
  label,
  name,
  onConfirm,
  disabled,
}: {
  label: string;
  /** What the button acts on, for its accessible name ("Disable alice"). */
  name: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (!asking) return;
    const timer = setTimeout(() => setAsking(false), 5000);
    return () => clearTimeout(timer);
  }, [asking]);
  return (
    <button
      type="button"
      className={asking ? 'danger' : 'secondary'}
      disabled={disabled}
      aria-label={asking ? t('admin.confirmOne', { action: label, name }) : `${label} ${name}`}
      onBlur={() => setAsking(false)}
      onClick={() => {
        if (!asking) return setAsking(true);
        setAsking(false);
        onConfirm();
      }}
    >
      {asking ? t('admin.confirm', { action: label }) : label}
    </button>
  );
}
