// Admin → Phone numbers: the account's numbers, who holds each, and the sheet that assigns, shares and
// labels them (./numbers/).
import { NumbersList } from './numbers/NumbersList';

export function NumbersPage() {
  return <NumbersList />;
}
