// Allowed email domains as chips: type a domain and press Enter (or paste a list), remove one with its ×.
// Each domain is checked as it is added, so the list only ever holds ones the server accepts.
import { Plus } from 'lucide-react';
import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';

import { Chip, ChipList } from '../../components/Chip';
import { Field } from '../../components/Field';
import { MAX_DOMAINS, readDomain } from './draft';

export function DomainsField({
  domains,
  onChange,
  onPendingProblem,
  error,
  readOnly,
}: {
  domains: readonly string[];
  onChange: (domains: string[]) => void;
  /** Text left in the box that isn't a domain: saving waits until it is fixed or cleared. */
  onPendingProblem: (problem: string | null) => void;
  /** The list's own problem (from the server, or too many domains). */
  error: string | undefined;
  readOnly: boolean;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const report = (next: string | null) => {
    setProblem(next);
    onPendingProblem(next);
  };

  /** Adds every domain in `raw` (separated by commas, semicolons or spaces); keeps the ones that aren't. */
  const add = (raw: string) => {
    const parts = raw.split(/[\s,;]+/u).filter((part) => part !== '');
    if (parts.length === 0) {
      setText('');
      report(null);
      return;
    }
    const next = [...domains];
    const refused: string[] = [];
    let firstProblem: string | null = null;
    for (const part of parts) {
      const read = readDomain(part);
      if (!read.ok) {
        refused.push(part);
        firstProblem ??= read.problem;
      } else if (!next.includes(read.value)) {
        if (next.length >= MAX_DOMAINS) {
          refused.push(part);
          firstProblem ??= `List at most ${String(MAX_DOMAINS)} domains.`;
        } else {
          next.push(read.value);
        }
      }
    }
    if (next.length !== domains.length) onChange(next);
    setText(refused.join(' '));
    report(firstProblem);
  };

  const remove = (domain: string) => {
    onChange(domains.filter((candidate) => candidate !== domain));
    // The × that had focus is gone; carry on from the box.
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      // Enter adds the domain here; it must not submit the page's form.
      event.preventDefault();
      add(text);
    } else if (event.key === 'Backspace' && text === '' && domains.length > 0) {
      onChange(domains.slice(0, -1));
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!/[\s,;]/u.test(pasted.trim())) return;
    event.preventDefault();
    add(`${text} ${pasted}`);
  };

  const hint =
    domains.length > 0
      ? 'Only addresses at these domains can be invited.'
      : readOnly
        ? 'Any email domain can be invited.'
        : 'Any email domain can be invited. Add a domain to allow only addresses there.';

  return (
    <Field label="Allowed email domains" hint={hint} error={problem ?? error} group={readOnly}>
      {(control) => (
        <div className="config-domains">
          {domains.length > 0 && (
            <ChipList label="Allowed email domains">
              {domains.map((domain) => (
                <Chip
                  key={domain}
                  onRemove={readOnly ? undefined : () => remove(domain)}
                  removeLabel={`Remove ${domain}`}
                >
                  {domain}
                </Chip>
              ))}
            </ChipList>
          )}
          {!readOnly && (
            <div className="config-domains-add">
              <input
                ref={input}
                {...control}
                className="input config-domains-input"
                type="text"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                placeholder="example.com"
                value={text}
                onChange={(event) => {
                  setText(event.target.value);
                  if (problem !== null) report(null);
                }}
                onKeyDown={onKeyDown}
                onPaste={onPaste}
                onBlur={() => {
                  if (text.trim() !== '') add(text);
                }}
              />
              <button
                type="button"
                className="btn btn-secondary"
                disabled={text.trim() === ''}
                onClick={() => add(text)}
              >
                <Plus size={14} aria-hidden="true" />
                Add
              </button>
            </div>
          )}
        </div>
      )}
    </Field>
  );
}
