// Admin → Phone numbers: the account's numbers, who holds each, and the sheet that assigns, shares and
// labels them (./numbers/). Which numbers are listed and whose sheet is open are the route's
// (navigation.tsx), so the command palette can open a number or the numbers in reserve.
import { useNavigation, type RouteOf } from '../app/navigation';
import { NumbersList } from './numbers/NumbersList';

export function NumbersPage({ route }: { route: RouteOf<'numbers'> }) {
  const { navigate } = useNavigation();
  const { open = null, shown = 'all' } = route;
  return (
    <NumbersList
      opened={open}
      onOpenedChange={(id) => navigate({ page: 'numbers', shown, open: id ?? undefined })}
      shown={shown}
      onShownChange={(next) => navigate({ page: 'numbers', shown: next })}
    />
  );
}
