// Profile photos as the app handles them: the file dialog and dropped files give photos that stay open
// (here, only their size) until closed; saving crops one to a square, checked as the core checks it, and
// makes it the member's avatar with a new version and ETag, as the server does. Tests choose what the
// dialog and a drop give, emit file drags over the window, and make saves fail.
import type { ErrorCode } from '../error';
import type { CropRect, FileDrop, Member, OpenedPhoto, SaveProgress, Versioned } from '../platform';
import type { Account, Caller } from './account';
import { fail } from './validate';

/** What opening a file gives: a photo of this upright size, or the core's refusal. */
export type PhotoOutcome = { width: number; height: number } | ErrorCode;

export interface FakePhotoWorld {
  /** What the file dialog gives; `null` is a cancelled dialog. Default: a 4000×3000 photo. */
  picked?: PhotoOutcome | null;
  /** What the last dropped file opens as. Default: a 3000×4000 photo. */
  dropped?: PhotoOutcome;
}

/** The core's words for each refusal of a file (error.rs). */
const REFUSALS: Partial<Record<ErrorCode, string>> = {
  photo_file_too_large: 'The photo file is larger than 30 MB. Choose a smaller photo, or export this one at a smaller size from your photo app.',
  photo_too_many_pixels:
    'The photo is 20000×20000 pixels, more than Switchboard opens (at most 16384 pixels a side and 100 megapixels). Choose a smaller photo, or export this one at a smaller size from your photo app.',
  photo_unsupported_format: 'This file is a GIF; choose a JPEG, PNG or WebP photo.',
  photo_not_an_image: 'This isn’t an image. Choose a JPEG, PNG or WebP photo.',
  photo_damaged: 'The photo file is damaged or incomplete. Choose another photo, or copy this one again from where it came from.',
  photo_unreadable: 'Switchboard couldn’t read that file. Check that it’s still there and that you may open it.',
  photo_not_open: 'That photo is no longer open. Choose it again.',
  offline: 'Couldn’t reach the server. Check your connection; your framing is kept, so save again when you’re back online.',
};

export function refusal(code: ErrorCode): never {
  return fail(code, REFUSALS[code] ?? `The fake refused with ${code}.`);
}

/** The core's tolerance: a crop may overshoot the photo, or miss being square, by this many pixels. */
const TOLERANCE = 1;

function checkCrop(crop: CropRect, photo: OpenedPhoto): void {
  const invalid = (reason: string) => fail('photo_invalid_crop', `The crop frame ${reason}. Frame the photo again and save.`);
  const { x, y, width, height } = crop;
  if (![x, y, width, height].every(Number.isFinite)) invalid('has no size or position');
  if (width <= 0 || height <= 0) invalid('is empty');
  if (Math.abs(width - height) > TOLERANCE) invalid('isn’t square');
  if (Math.min(width, height) > Math.min(photo.width, photo.height) + TOLERANCE) invalid('is larger than the photo');
  if (x < -TOLERANCE || y < -TOLERANCE || x + width > photo.width + TOLERANCE || y + height > photo.height + TOLERANCE) {
    invalid('lies outside the photo');
  }
}

/** A tiny SVG as an image source, so tests can find the image by its `src`. */
export function svgSource(label: string, width: number, height: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}"><title>${label}</title><rect width="100%" height="100%" fill="#8b8bd6"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** How big the fake's avatar JPEG is, and the chunks its upload reports. */
const AVATAR_BYTES = 48_000;
const UPLOAD_CHUNKS = 3;

export class FakePhotos {
  picked: PhotoOutcome | null;
  dropped: PhotoOutcome;
  /** Refusals for the next saves, first one first (after the crop is checked, as an upload would fail). */
  readonly saveFailures: ErrorCode[] = [];
  private readonly opened = new Map<string, OpenedPhoto>();
  private readonly listeners = new Set<(event: FileDrop) => void>();
  private nextId = 1;

  constructor(world: FakePhotoWorld = {}) {
    this.picked = world.picked === undefined ? { width: 4000, height: 3000 } : world.picked;
    this.dropped = world.dropped ?? { width: 3000, height: 4000 };
  }

  pick(): OpenedPhoto | null {
    return this.picked === null ? null : this.open(this.picked);
  }

  openDropped(): OpenedPhoto {
    return this.open(this.dropped);
  }

  private open(outcome: PhotoOutcome): OpenedPhoto {
    if (typeof outcome === 'string') refusal(outcome);
    const photo = { id: `photo-${String(this.nextId++)}`, width: outcome.width, height: outcome.height };
    this.opened.set(photo.id, photo);
    return { ...photo };
  }

  /** The photos open now, by id. */
  openIds(): string[] {
    return [...this.opened.keys()];
  }

  close(photoId: string): void {
    this.opened.delete(photoId);
  }

  preview(photoId: string): string {
    const photo = this.opened.get(photoId);
    // A preview is about 1,600 px on its long side, in the photo's proportions.
    const scale = photo === undefined ? 1 : 1600 / Math.max(photo.width, photo.height, 1600);
    return svgSource(`preview ${photoId}`, Math.round((photo?.width ?? 1) * scale), Math.round((photo?.height ?? 1) * scale));
  }

  watch(listener: (event: FileDrop) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Files dragged over or dropped on the window, as Tauri reports them to whoever watches. */
  emit(event: FileDrop): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** Crops and uploads as `save_photo` does: the photo must be open and the crop a square inside it. */
  save(
    account: Account,
    caller: Caller,
    photoId: string,
    crop: CropRect,
    memberId: string,
    etag: string,
    onProgress: (progress: SaveProgress) => void,
  ): Versioned<Member> {
    const photo = this.opened.get(photoId) ?? refusal('photo_not_open');
    checkCrop(crop, photo);
    onProgress({ stage: 'cropping' });
    const failure = this.saveFailures.shift();
    if (failure !== undefined) refusal(failure);
    for (let chunk = 0; chunk <= UPLOAD_CHUNKS; chunk += 1) {
      onProgress({ stage: 'uploading', sent: (AVATAR_BYTES * chunk) / UPLOAD_CHUNKS, total: AVATAR_BYTES });
    }
    const member = writableMember(account, caller, memberId, etag);
    member.avatar_url = `/v1/members/${memberId}/avatar?v=${String(account.clock.revision())}`;
    account.touch(memberId);
    account.record(caller, 'member.avatar_set', ['member', memberId], {});
    return account.versionedMember(member);
  }
}

/** The member whose photo `caller` may change (their own, or anyone's for an owner or admin), at `etag`. */
function writableMember(account: Account, caller: Caller, memberId: string, etag: string): Member {
  if (caller.id !== memberId) account.requireAdmin(caller);
  const member = account.member(memberId) ?? fail('not_found', 'This member is no longer in the team.');
  account.expect(etag, account.memberVersion(memberId), member.name);
  return member;
}

export function removePhoto(account: Account, caller: Caller, memberId: string, etag: string): Versioned<Member> {
  const member = writableMember(account, caller, memberId, etag);
  if (member.avatar_url === null) fail('not_found', `${member.name} has no photo.`);
  member.avatar_url = null;
  account.touch(memberId);
  account.record(caller, 'member.avatar_removed', ['member', memberId], {});
  return account.versionedMember(member);
}

/** A member's avatar as an image source: which member, which photo version and which size. */
export function avatarSource(memberId: string, avatarUrl: string, size: number): string {
  const version = new URL(avatarUrl, 'http://server').searchParams.get('v') ?? '';
  return svgSource(`avatar ${memberId} v${version} ${String(size)}px`, size, size);
}
