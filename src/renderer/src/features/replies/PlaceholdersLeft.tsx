// The note under a reply or warning box while it still holds a {placeholder}: sent as it is, the member
// would read "{rule_link}", so the moderator is told before sending, and where the links are set once.
import { useTranslation } from 'react-i18next';
import { placeholdersLeft } from './draftText';

export function PlaceholdersLeft({ text }: { text: string }) {
  const { t } = useTranslation();
  const names = placeholdersLeft(text);
  if (names.length === 0) return null;
  return <p className="notice placeholders-left">{t('act.reply.placeholdersLeft', { names: names.join(', ') })}</p>;
}
