import { initials } from '../app/session';

/** A person shown by their initials (photos come with the photo pipeline). */
export function Avatar({ name, size = 24 }: { name: string; size?: number }) {
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: size >= 40 ? 15 : undefined }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
