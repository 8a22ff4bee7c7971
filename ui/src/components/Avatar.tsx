import { useState } from 'react';

import { initials } from '../app/session';
import './Avatar.css';

/**
 * A person shown by their photo (`src`) or, without one, by their initials. The initials stay until the
 * photo has loaded and come back if it fails, so there is neither an empty circle nor a broken image, and
 * the photo covers the same circle (no shift). The name is always shown beside it, so both are hidden
 * from assistive technology.
 */
export function Avatar({ name, size = 24, src = null }: { name: string; size?: number; src?: string | null | undefined }) {
  // Which source loaded or failed: a new source starts over without an effect.
  const [shown, setShown] = useState<{ src: string; state: 'loaded' | 'failed' } | null>(null);
  const state = shown !== null && shown.src === src ? shown.state : 'loading';
  return (
    <span
      className={src === null ? 'avatar' : 'avatar avatar--photo'}
      // Two initials must fit the circle: larger letters for a large avatar, smaller for a small one.
      style={{ width: size, height: size, fontSize: size >= 40 ? 15 : size < 24 ? 9 : undefined }}
      aria-hidden="true"
    >
      {initials(name)}
      {src !== null && state !== 'failed' && (
        <img
          className="avatar__photo"
          src={src}
          alt=""
          width={size}
          height={size}
          draggable={false}
          data-loaded={state === 'loaded' ? '' : undefined}
          onLoad={() => setShown({ src, state: 'loaded' })}
          onError={() => setShown({ src, state: 'failed' })}
        />
      )}
    </span>
  );
}
