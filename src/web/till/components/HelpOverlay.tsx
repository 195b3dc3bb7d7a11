// Every key of the selling screen (F1 or ?), from the one hotkey table.
import { useTillT } from '../i18n';
import { HOTKEYS } from '../lib/hotkeys';
import { Dialog } from './Dialog';

export function HelpOverlay(props: { onClose: () => void }) {
  const t = useTillT();
  return (
    <Dialog title={t('help.title')} onClose={props.onClose} className="help" testId="help" footer={<span className="hint">{t('help.close')}</span>}>
      <div className="keys">
        {HOTKEYS.map((h) => (
          <div key={h.key}>
            <kbd>{h.cap ?? h.key}</kbd>
            <span>{t(h.label)}</span>
          </div>
        ))}
      </div>
      <p className="hint">{t('help.pay')}</p>
    </Dialog>
  );
}
