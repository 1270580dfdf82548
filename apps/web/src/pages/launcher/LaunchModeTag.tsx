/** How a tile opens its system: 一般連結, 單一登入 or 轉登. */
import { LAUNCH_MODE_LABELS, type LaunchMode } from '@menhu/contracts';
import { SolidTag, TAG_COLORS } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';

const COLOR: Record<LaunchMode, keyof typeof TAG_COLORS> = { link: 'grey', oidc: 'blue', transfer: 'purple' };

export function LaunchModeTag({ mode }: { mode: LaunchMode }) {
  const { label } = useI18n();
  return <SolidTag color={COLOR[mode]}>{label(LAUNCH_MODE_LABELS[mode])}</SolidTag>;
}
