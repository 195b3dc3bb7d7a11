import { useTillT } from '../i18n';
import { Dialog } from './Dialog';

/** Every key of the selling screen, in one place (F1 or ?). */
export const HOTKEYS: [string, string][] = [
  ['F1 / ?', 'keys.help'],
  ['Enter', 'keys.payEnter'],
  ['End', 'keys.pay'],
  ['F2', 'keys.qty'],
  ['F3', 'keys.lineDiscount'],
  ['F4', 'keys.orderDiscount'],
  ['F6', 'keys.price'],
  ['F7', 'keys.member'],
  ['F8', 'keys.hold'],
  ['F9', 'keys.reprint'],
  ['F10', 'keys.drawer'],
  ['F11', 'keys.return'],
  ['Shift+F11', 'keys.exchange'],
  ['F5', 'keys.voidSale'],
  ['Shift+F10', 'keys.training'],
  ['Delete', 'keys.void'],
  ['↑ ↓', 'keys.move'],
  ['+ / −', 'keys.plusMinus'],
  ['3*', 'keys.qtyPrefix'],
  ['Esc', 'keys.clear'],
];

export function HelpOverlay(props: { onClose: () => void }) {
  const t = useTillT();
  return (
    <Dialog title={t('help.title')} onClose={props.onClose} className="help" testId="help" footer={<span className="hint">{t('help.close')}</span>}>
      <div className="keys">
        {HOTKEYS.map(([key, label]) => (
          <div key={key}>
            <kbd>{key}</kbd>
            <span>{t(label)}</span>
          </div>
        ))}
      </div>
      <p className="hint">{t('help.pay')}</p>
    </Dialog>
  );
}
