// Where Settings → Connections says how a form went: beside the form that was sent, one notice at a
// time. (All of them once sat above the Discord form: a Telegram login's "code sent" or a refused
// WhatsApp link was said a screen away from the button the moderator had just pressed.)
import { createContext, useContext } from 'react';

export type Notice = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | undefined;

/** The places a notice is said: the source rows (remove, link again) and each add form. */
export type NoticePlace = 'sources' | 'discord' | 'telegramBot' | 'telegramLogin' | 'whatsapp';

export const PlacedNotice = createContext<{ place: NoticePlace; notice: Notice } | undefined>(undefined);

/** The live region of one place; it shows the notice when the last one came from there. */
export function NoticeSlot({ place }: { place: NoticePlace }) {
  const placed = useContext(PlacedNotice);
  const notice = placed?.place === place ? placed.notice : undefined;
  return (
    <div aria-live="polite" className="notice-slot">
      {notice && (
        <p className={notice.kind === 'ok' ? 'notice ok' : 'notice failed'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
    </div>
  );
}
