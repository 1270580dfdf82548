import { Avatar } from 'antd';
import { useAvatarUrl, useMe } from '../api/me.ts';

/** The signed-in person's picture, or the first character of their name. Decorative: the name is shown beside it. */
export function UserAvatar({ size = 32 }: { size?: number }) {
  const { data: me } = useMe();
  const url = useAvatarUrl();
  if (!me) return null;
  return (
    <Avatar size={size} src={url ?? undefined} alt="" aria-hidden className="user-avatar">
      {me.name.slice(0, 1)}
    </Avatar>
  );
}
