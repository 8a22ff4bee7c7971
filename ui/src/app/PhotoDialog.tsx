// "Profile photo": a member's photo in two steps. First a drop zone (drag a file onto it, or click to
// choose one) that opens the photo on this computer; then framing it in a circle (drag, wheel, pinch,
// arrow keys, + and −, the Zoom slider) and saving it, which crops and uploads it with its progress. A
// failed save keeps the framing for another try. Tauri takes file drops before the webview sees them, so
// the zone lights up from the positions it reports, and a drop anywhere while the dialog is open is taken.
import { AlertCircle, ImageUp, LoaderCircle, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import Cropper from 'react-easy-crop';
import 'react-easy-crop/react-easy-crop.css';

import { useReloadMember } from '../data/members';
import { useFileDrops, usePhotoFiles, useRemovePhoto, useSavePhoto } from '../data/photos';
import { hasCode, toPlatformError, type Member, type OpenedPhoto, type PlatformError, type SaveProgress } from '../platform';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { centredSquare, cropToPixels, maxZoom, type AreaPercentages } from './photoFrame';
import { useToast } from '../components/Toast';
import './PhotoDialog.css';

export const FRAMING_LABEL = 'Photo framing: drag or use the arrow keys to move, + and − to zoom';
/** How much + and − zoom by. */
const ZOOM_STEP = 0.25;
/** How far an arrow key moves the photo, in screen pixels (a fifth of it with Shift). */
const KEYBOARD_STEP = 8;

interface Framing {
  crop: { x: number; y: number };
  zoom: number;
  /** Where the frame is on the photo, as the cropper last reported it. */
  area: AreaPercentages;
}

function firstFraming(photo: OpenedPhoto): Framing {
  return { crop: { x: 0, y: 0 }, zoom: 1, area: centredSquare(photo) };
}

function isArea(area: AreaPercentages): boolean {
  return [area.x, area.y, area.width, area.height].every(Number.isFinite) && area.width > 0 && area.height > 0;
}

function inside(element: HTMLElement | null, x: number, y: number): boolean {
  if (element === null) return false;
  const rect = element.getBoundingClientRect();
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

function SaveStatus({ progress }: { progress: SaveProgress | null }) {
  if (progress?.stage !== 'uploading') {
    return (
      <p className="photo-status">
        <LoaderCircle size={14} className="spin" aria-hidden="true" />
        Preparing photo…
      </p>
    );
  }
  const percent = progress.total === 0 ? 0 : Math.round((progress.sent / progress.total) * 100);
  return (
    <div className="photo-status">
      <span>Uploading… {percent} %</span>
      <progress className="photo-progress" max={100} value={percent} aria-label="Upload progress" />
    </div>
  );
}

function ErrorAlert({ error }: { error: Error }) {
  return (
    <div className="alert alert-danger dialog-alert" role="alert">
      <AlertCircle size={16} aria-hidden="true" />
      <p>{error.message}</p>
    </div>
  );
}

function CancelButton({ disabled }: { disabled: boolean }) {
  return (
    <Dialog.Close asChild>
      <button type="button" className="btn btn-secondary" disabled={disabled}>
        Cancel
      </button>
    </Dialog.Close>
  );
}

type Subject = Pick<Member, 'id' | 'name' | 'avatar_url'>;

function PhotoDialogBody({
  member,
  etag,
  self,
  onClose,
}: {
  member: Subject;
  etag: string;
  self: boolean;
  onClose: () => void;
}) {
  const files = usePhotoFiles();
  const save = useSavePhoto();
  const remove = useRemovePhoto();
  const reload = useReloadMember();
  const toast = useToast();
  const [photo, setPhoto] = useState<OpenedPhoto | null>(null);
  const [framing, setFraming] = useState<Framing | null>(null);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<PlatformError | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const [progress, setProgress] = useState<SaveProgress | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const zone = useRef<HTMLDivElement>(null);
  const mounted = useRef(true);
  const busy = opening || save.isPending || remove.isPending;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // A photo is let go of when another replaces it, when the user goes back, and when the dialog closes.
  const photoId = photo?.id;
  useEffect(() => {
    if (photoId === undefined) return;
    return () => files.close(photoId);
  }, [photoId, files]);

  const openWith = async (opener: () => Promise<OpenedPhoto | null>) => {
    setOpening(true);
    setOpenError(null);
    save.reset();
    try {
      const opened = await opener();
      if (!mounted.current) {
        // The dialog closed while the photo was opening.
        if (opened !== null) files.close(opened.id);
        return;
      }
      if (opened !== null) {
        setPhoto(opened);
        setFraming(firstFraming(opened));
      }
    } catch (error) {
      if (mounted.current) setOpenError(toPlatformError(error));
    } finally {
      if (mounted.current) setOpening(false);
    }
  };

  useFileDrops((event) => {
    if (busy || confirmRemove) return;
    if (event.type === 'over') setDragOver(photo === null && inside(zone.current, event.x, event.y));
    else if (event.type === 'leave') setDragOver(false);
    else {
      setDragOver(false);
      void openWith(files.openDropped);
    }
  });

  const chooseAnother = () => {
    save.reset();
    setPhoto(null);
    setFraming(null);
  };

  const submit = () => {
    if (photo === null || framing === null || busy || etag === '') return;
    setProgress(null);
    save.mutate(
      { photoId: photo.id, crop: cropToPixels(framing.area, photo), memberId: member.id, etag, onProgress: setProgress },
      {
        onSuccess: () => {
          toast({ title: 'Photo saved', tone: 'success' });
          onClose();
        },
        onError: (error) => {
          if (hasCode(error, 'precondition_failed')) reload();
        },
      },
    );
  };

  const reframe = (change: Partial<Framing>) =>
    setFraming((current) => (current === null ? current : { ...current, ...change }));
  const zoomTo = (zoom: number) => {
    if (photo !== null) reframe({ zoom: Math.min(Math.max(zoom, 1), maxZoom(photo)) });
  };

  const zoomKeys = (event: KeyboardEvent) => {
    if (framing === null || save.isPending) return;
    if (event.key === '+' || event.key === '=') zoomTo(framing.zoom + ZOOM_STEP);
    else if (event.key === '-' || event.key === '_' || event.key === '−') zoomTo(framing.zoom - ZOOM_STEP);
    else return;
    event.preventDefault();
  };

  const saveError =
    save.error === null
      ? null
      : hasCode(save.error, 'precondition_failed')
        ? new Error(
            `Someone else changed ${self ? 'your profile' : member.name} while you were framing this photo. Their change is loaded now; save again to use this photo.`,
          )
        : save.error;

  return (
    <Dialog.Portal>
      <Dialog.Overlay className="dialog-overlay" />
      <Dialog.Content
        className="dialog photo-dialog"
        data-testid="photo-dialog"
        onEscapeKeyDown={(event) => {
          if (busy) event.preventDefault();
        }}
        onInteractOutside={(event) => {
          if (busy) event.preventDefault();
        }}
      >
        <div className="dialog-header">
          <Dialog.Title className="dialog-title">{self ? 'Profile photo' : `Photo for ${member.name}`}</Dialog.Title>
          <Dialog.Close className="btn btn-ghost icon-btn" aria-label="Close" disabled={busy}>
            <X size={16} aria-hidden="true" />
          </Dialog.Close>
        </div>
        <Dialog.Description className="dialog-description">
          {photo === null
            ? `The photo shows next to ${self ? 'your' : `${member.name}’s`} name across Switchboard.`
            : 'Drag the photo and zoom until the circle shows it as it should look.'}
        </Dialog.Description>

        {photo === null || framing === null ? (
          <>
            <div
              ref={zone}
              className="photo-drop"
              data-over={dragOver ? '' : undefined}
              data-testid="photo-drop"
              aria-busy={opening}
              onClick={() => {
                if (!busy) void openWith(files.pick);
              }}
            >
              {opening ? (
                <p className="photo-drop-title" role="status">
                  <LoaderCircle size={16} className="spin" aria-hidden="true" />
                  Opening photo…
                </p>
              ) : (
                <>
                  <ImageUp size={28} strokeWidth={1.5} className="photo-drop-icon" aria-hidden="true" />
                  <p className="photo-drop-title">{dragOver ? 'Drop to use this photo' : 'Drag a photo here'}</p>
                  <button type="button" className="btn btn-secondary" disabled={busy}>
                    Choose a photo…
                  </button>
                  <p className="photo-drop-hint">JPEG, PNG or WebP, up to 30 MB</p>
                </>
              )}
            </div>
            {openError !== null && <ErrorAlert error={openError} />}
            <div className="dialog-actions">
              {member.avatar_url !== null && (
                <button
                  type="button"
                  className="btn btn-danger photo-remove"
                  disabled={busy || etag === ''}
                  onClick={() => {
                    remove.reset();
                    setConfirmRemove(true);
                  }}
                >
                  Remove photo
                </button>
              )}
              <CancelButton disabled={busy} />
            </div>
          </>
        ) : (
          <>
            <div className="photo-frame" onKeyDown={zoomKeys} data-saving={save.isPending ? '' : undefined}>
              <Cropper
                image={files.previewSrc(photo.id)}
                crop={framing.crop}
                zoom={framing.zoom}
                minZoom={1}
                maxZoom={maxZoom(photo)}
                aspect={1}
                cropShape="round"
                showGrid={false}
                objectFit="cover"
                keyboardStep={KEYBOARD_STEP}
                onCropChange={(crop) => {
                  if (!save.isPending) reframe({ crop });
                }}
                onZoomChange={(zoom) => {
                  if (!save.isPending) zoomTo(zoom);
                }}
                onCropComplete={(area) => {
                  // Before the preview has loaded, the cropper has no sizes to report.
                  if (isArea(area)) reframe({ area });
                }}
                classes={{ mediaClassName: 'photo-frame-image' }}
                cropperProps={{ 'aria-label': FRAMING_LABEL, role: 'group' }}
                // Its styles come with the bundle (imported above), not as a <style> added at run time.
                disableAutomaticStylesInjection
              />
            </div>
            <label className="photo-zoom">
              <span>Zoom</span>
              <input
                type="range"
                min={1}
                max={maxZoom(photo)}
                step={0.01}
                value={framing.zoom}
                disabled={save.isPending}
                onChange={(event) => zoomTo(Number(event.target.value))}
              />
            </label>
            <div aria-live="polite">
              {save.isPending && <SaveStatus progress={progress} />}
              {/* A photo dropped on this step replaces the one being framed. */}
              {opening && (
                <p className="photo-status">
                  <LoaderCircle size={14} className="spin" aria-hidden="true" />
                  Opening photo…
                </p>
              )}
            </div>
            {openError !== null && <ErrorAlert error={openError} />}
            {saveError !== null && <ErrorAlert error={saveError} />}
            <div className="dialog-actions">
              <button type="button" className="btn btn-ghost photo-another" disabled={busy} onClick={chooseAnother}>
                Choose another photo
              </button>
              <CancelButton disabled={busy} />
              <button type="button" className="btn btn-primary" disabled={busy || etag === ''} onClick={submit}>
                {save.isPending ? (
                  <>
                    <LoaderCircle size={14} className="spin" aria-hidden="true" />
                    Saving…
                  </>
                ) : (
                  'Save photo'
                )}
              </button>
            </div>
          </>
        )}
        <ConfirmDialog
          open={confirmRemove}
          onOpenChange={setConfirmRemove}
          title="Remove photo?"
          confirmLabel="Remove photo"
          pendingLabel="Removing…"
          destructive
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() =>
            remove.mutate(
              { memberId: member.id, etag },
              {
                onSuccess: () => {
                  toast({ title: 'Photo removed', tone: 'success' });
                  onClose();
                },
                onError: (error) => {
                  if (hasCode(error, 'precondition_failed')) reload();
                },
              },
            )
          }
        >
          <p>
            {self ? 'Your initials' : `${member.name}’s initials`} will show instead of the photo, everywhere in
            Switchboard.
          </p>
        </ConfirmDialog>
      </Dialog.Content>
    </Dialog.Portal>
  );
}

/**
 * The photo dialog for `member`: `self` when it is the signed-in user's own. `etag` is the member's
 * current one (empty while unknown: nothing can be saved yet).
 */
export function PhotoDialog({
  open,
  onOpenChange,
  member,
  etag,
  self,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  member: Subject;
  etag: string;
  self: boolean;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {open && <PhotoDialogBody member={member} etag={etag} self={self} onClose={() => onOpenChange(false)} />}
    </Dialog.Root>
  );
}
