// Small pieces the table and the sheet both show.
import { countryName } from '../../format/phone';
import type { Sharing } from '../../platform';
import { flagOf, SHARING_LABELS } from './labels';

/** 🇳🇿 NZ, read out as the country's name. */
export function CountryFlag({ country }: { country: string }) {
  const name = countryName(country);
  return (
    <span className="numbers-country" title={name}>
      <span role="img" aria-label={name} className="numbers-flag">
        {flagOf(country)}
      </span>
      <span aria-hidden="true">{country.toUpperCase()}</span>
    </span>
  );
}

export function SharingBadge({ sharing }: { sharing: Sharing }) {
  return <span className={`badge numbers-badge-${sharing}`}>{SHARING_LABELS[sharing]}</span>;
}
