// "2 invites are still sending…" — shown when the user closes the window while work is under way. The app
// has held the close; this says what is still going and updates as it goes, and the app closes by itself
// when it is done. "Quit anyway" quits now (invites on their way stay queued on disk and go next launch;
// a photo upload stops), "Keep open" stays.
import { LoaderCircle } from 'lucide-react';
import { AlertDialog } from 'radix-ui';
import { useEffect, useState } from 'react';

import { usePlatform, type BusyWork, type QuitRequest } from '../platform';
import './QuitDialog.css';

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** What the dialog says about `work`: a title, what is under way, and what quitting now does to it. */
export function busyWords(work: BusyWork): { title: string; going: string[]; ifQuit: string[] } {
  const going: string[] = [];
  const ifQuit: string[] = [];
  if (work.sending > 0) {
    going.push(`${count(work.sending, 'invite is', 'invites are')} still sending…`);
    ifQuit.push(
      work.sending === 1
        ? 'If you quit now, it stays queued and is sent the next time you open Switchboard.'
        : 'If you quit now, they stay queued and are sent the next time you open Switchboard.',
    );
  }
  if (work.uploading > 0) {
    going.push(work.uploading === 1 ? 'Your photo is still uploading…' : `${work.uploading} photos are still uploading…`);
    ifQuit.push(work.uploading === 1 ? 'Quitting now stops the upload: the photo isn’t saved.' : 'Quitting now stops the uploads: the photos aren’t saved.');
  }
  if (work.waiting > 0) {
    going.push(
      `${count(work.waiting, 'queued invite can’t', 'queued invites can’t')} be sent right now; ${
        work.waiting === 1 ? 'it stays' : 'they stay'
      } queued and ${work.waiting === 1 ? 'goes' : 'go'} the next time you open Switchboard.`,
    );
  }
  const title = work.sending > 0 && work.uploading === 0 ? 'Still sending invites' : work.sending === 0 ? 'Still uploading' : 'Still working';
  return { title, going, ifQuit };
}

export function QuitDialog() {
  const platform = usePlatform();
  const [asked, setAsked] = useState<QuitRequest | null>(null);
  /** The request the user answered: what still arrives for it (counts already on their way) is stale. */
  const [answered, setAnswered] = useState<number | null>(null);

  useEffect(
    () =>
      platform.watchQuit((request) => {
        setAsked(request);
      }),
    [platform],
  );

  const open = asked !== null && asked.request !== answered;
  const answer = (choice: 'now' | 'stay') => {
    if (asked === null) return;
    setAnswered(asked.request);
    platform.answerQuit(asked.request, choice).catch((reason: unknown) => {
      console.warn('Could not answer the request to quit:', reason);
    });
  };
  const words = asked === null ? null : busyWords(asked.work);

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(value) => {
        if (!value) answer('stay');
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="quit-dialog">
          <AlertDialog.Title className="dialog-title">{words?.title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="dialog-description quit-dialog-body">
              {words?.going.map((line) => <p key={line}>{line}</p>)}
              <p className="quit-closing" role="status">
                <LoaderCircle size={14} className="spin" aria-hidden="true" />
                Switchboard will close by itself when {words !== null && words.ifQuit.length > 0 ? 'that’s done' : 'done'}.
              </p>
              {words?.ifQuit.map((line) => <p key={line}>{line}</p>)}
            </div>
          </AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn btn-secondary" data-testid="quit-stay">
                Keep open
              </button>
            </AlertDialog.Cancel>
            <button type="button" className="btn btn-danger" data-testid="quit-now" onClick={() => answer('now')}>
              Quit anyway
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
