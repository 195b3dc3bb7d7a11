import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTillT } from '../i18n';

/** A modal: Esc closes it; keys typed inside do not reach the selling screen's hotkeys. */
export function Dialog(props: { title: ReactNode; onClose: () => void; children: ReactNode; footer?: ReactNode; className?: string; testId?: string }) {
  const overlay = useRef<HTMLDivElement>(null);
  // Keys go to the dialog even when nothing inside it has focus (Esc closes a help overlay).
  useEffect(() => {
    if (overlay.current && !overlay.current.contains(document.activeElement)) overlay.current.focus();
  }, []);
  return (
    <div
      ref={overlay}
      tabIndex={-1}
      className="overlay"
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') props.onClose();
      }}
    >
      <div className={`dialog ${props.className ?? ''}`} role="dialog" aria-modal="true" data-testid={props.testId}>
        <header>{props.title}</header>
        <div className="body">{props.children}</div>
        {props.footer && <footer>{props.footer}</footer>}
      </div>
    </div>
  );
}

/** One field, Enter confirms: quantity, weight, price, discount, member. `parse` returns null for bad input. */
export function PromptDialog<V>(props: { title: string; label: string; initial?: string; hint?: string; parse: (text: string) => V | null; onDone: (value: V | null) => void; testId?: string }) {
  const t = useTillT();
  const [text, setText] = useState(props.initial ?? '');
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const submit = () => {
    const v = props.parse(text);
    if (v === null) setError(t('dialog.badNumber'));
    else props.onDone(v);
  };
  return (
    <Dialog
      title={props.title}
      onClose={() => props.onDone(null)}
      testId={props.testId ?? 'prompt'}
      footer={
        <>
          <button className="btn" onClick={() => props.onDone(null)}>{t('dialog.cancel')}</button>
          <button className="btn primary" onClick={submit}>{t('dialog.ok')}</button>
        </>
      }
    >
      <label>{props.label}</label>
      <input ref={input} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && submit()} />
      {props.hint && <div className="hint">{props.hint}</div>}
      {error && <div className="err">{error}</div>}
    </Dialog>
  );
}
