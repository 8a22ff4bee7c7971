// Profile photos: opening a photo (file dialog or drop), saving a framed one as a member's avatar,
// removing it, and the avatar's image source at the size a place shows it. Opened photos live in Rust
// under an id until closed; a saved or removed photo changes the member, so it is written back like any
// member change, which reads `me` again too (the header and Settings show the user's own avatar).
import { useEffect, useEffectEvent, useMemo } from 'react';

import {
  usePlatform,
  type CropRect,
  type FileDrop,
  type Member,
  type OpenedPhoto,
  type Platform,
  type SaveProgress,
} from '../platform';
import { useMemberWrite } from './members';

/** The avatar sizes the backend keeps. */
export type AvatarSize = 64 | 128 | 512;

/** The smallest kept size that stays sharp at `px` CSS pixels on a hi-dpi screen. */
export function avatarSize(px: number): AvatarSize {
  if (px <= 32) return 64;
  if (px <= 64) return 128;
  return 512;
}

/** The member's avatar as an image source for `px` CSS pixels; null without a photo. */
export function avatarSource(
  platform: Pick<Platform, 'avatarSrc'>,
  member: Pick<Member, 'id' | 'avatar_url'>,
  px: number,
): string | null {
  return member.avatar_url === null ? null : platform.avatarSrc(member.id, member.avatar_url, avatarSize(px));
}

/** `avatarSource` with the app's platform; null while there is no member or no photo. */
export function useAvatarSource(member: Pick<Member, 'id' | 'avatar_url'> | undefined, px: number): string | null {
  const platform = usePlatform();
  return member === undefined ? null : avatarSource(platform, member, px);
}

/**
 * What the photo dialog does with files on this computer: the file dialog (null when cancelled), the
 * last dropped file, an opened photo's preview, and letting go of it.
 */
export function usePhotoFiles(): {
  pick: () => Promise<OpenedPhoto | null>;
  openDropped: () => Promise<OpenedPhoto>;
  previewSrc: (photoId: string) => string;
  close: (photoId: string) => void;
} {
  const platform = usePlatform();
  return useMemo(
    () => ({
      pick: () => platform.pickPhoto(),
      openDropped: () => platform.openDroppedPhoto(),
      previewSrc: (photoId: string) => platform.photoPreviewSrc(photoId),
      close: (photoId: string) => {
        platform.closePhoto(photoId).catch((reason: unknown) => {
          // Nothing to tell the user: the photo is let go of when the app quits anyway.
          console.warn('Could not close the photo:', reason);
        });
      },
    }),
    [platform],
  );
}

/** Calls `listener` while files are dragged over the window or dropped, as long as the caller is mounted. */
export function useFileDrops(listener: (event: FileDrop) => void): void {
  const platform = usePlatform();
  const onEvent = useEffectEvent(listener);
  useEffect(() => platform.watchFileDrops((event) => onEvent(event)), [platform]);
}

export interface SavePhoto {
  photoId: string;
  crop: CropRect;
  memberId: string;
  etag: string;
  onProgress: (progress: SaveProgress) => void;
}

/** Crops the opened photo and uploads it as the member's avatar. */
export function useSavePhoto() {
  const platform = usePlatform();
  return useMemberWrite(({ photoId, crop, memberId, etag, onProgress }: SavePhoto) =>
    platform.savePhoto(photoId, crop, memberId, etag, onProgress),
  );
}

/** Removes the member's avatar; their initials show again. */
export function useRemovePhoto() {
  const platform = usePlatform();
  return useMemberWrite(({ memberId, etag }: { memberId: string; etag: string }) => platform.removePhoto(memberId, etag));
}
