// A small badge naming the platform in words (colour is decoration, never the only signal).
import { useTranslation } from 'react-i18next';
import type { Platform } from '@shared/domain/model';

export function PlatformBadge({ platform }: { platform: Platform }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${platform}`}>{t(`platform.${platform}`)}</span>;
}
