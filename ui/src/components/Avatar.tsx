import { initials } from '../app/session';

/** A person shown by their initials (photos come with the photo pipeline). */
export function Avatar({ name, size = 24 }: { name: string; size?: number }) {
  return (
    <span
      className="avatar"
      // Two initials must fit the circle: larger letters for a large avatar, smaller for a small one.
      style={{ width: size, height: size, fontSize: size >= 40 ? 15 : size < 24 ? 9 : undefined }}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}
