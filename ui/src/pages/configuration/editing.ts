// The Configuration page's editing state as a reducer: where the user started (the configuration and its
// ETag), what they changed, which problems may show, and a conflict waiting for their decision. Until
// the first edit there is no draft and the page simply shows what the server holds.
import type { Configuration, Versioned } from '../../platform';
import { readDraft, rebase, toDraft, type Draft, type FieldKey } from './draft';

export interface EditState {
  /** The configuration the edits started from; its ETag goes with the save. */
  base: Versioned<Configuration> | null;
  draft: Draft | null;
  /** Fields the user has left: their problems show from then on. */
  touched: ReadonlySet<FieldKey>;
  /** The user pressed Save: every problem shows. */
  attempted: boolean;
  /** What the server said about fields in the last refused save; an edit to a field clears its own. */
  serverProblems: Partial<Record<FieldKey, string>>;
  /** Why the last save failed, when it wasn't about one field. */
  saveProblem: string | null;
  /** The newer configuration someone else saved (a 412), while the user chooses Reload or Keep editing. */
  conflict: Versioned<Configuration> | null;
}

export type EditAction =
  | { type: 'edit'; server: Versioned<Configuration>; change: Partial<Draft>; fields: readonly FieldKey[] }
  | { type: 'touch'; field: FieldKey }
  | { type: 'attempt' }
  | { type: 'discard' }
  | { type: 'saved'; saved: Versioned<Configuration> }
  | { type: 'refused'; serverProblems: Partial<Record<FieldKey, string>>; saveProblem: string | null }
  | { type: 'conflict'; fresh: Versioned<Configuration> }
  | { type: 'reload' }
  | { type: 'keep-editing' };

export const INITIAL_EDIT_STATE: EditState = {
  base: null,
  draft: null,
  touched: new Set(),
  attempted: false,
  serverProblems: {},
  saveProblem: null,
  conflict: null,
};

function without<T extends string, V>(record: Partial<Record<T, V>>, keys: readonly T[]): Partial<Record<T, V>> {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => !(keys as readonly string[]).includes(key)),
  ) as Partial<Record<T, V>>;
}

/** Edits that no longer change anything go away, and with them the save bar. */
function settle(state: EditState): EditState {
  if (state.base === null || state.draft === null) return INITIAL_EDIT_STATE;
  const { changed } = readDraft(state.draft, state.base.value);
  return changed.size === 0 && state.conflict === null ? INITIAL_EDIT_STATE : state;
}

export function editReducer(state: EditState, action: EditAction): EditState {
  switch (action.type) {
    case 'edit': {
      const base = state.base ?? action.server;
      const draft = { ...(state.draft ?? toDraft(base.value)), ...action.change };
      return settle({
        ...state,
        base,
        draft,
        serverProblems: without(state.serverProblems, action.fields),
        saveProblem: null,
      });
    }
    case 'touch':
      return state.touched.has(action.field) ? state : { ...state, touched: new Set([...state.touched, action.field]) };
    case 'attempt':
      return { ...state, attempted: true };
    case 'discard':
      return INITIAL_EDIT_STATE;
    case 'saved':
      // Whatever was typed while saving stays, measured against what was saved.
      return settle({ ...INITIAL_EDIT_STATE, base: action.saved, draft: state.draft });
    case 'refused':
      return { ...state, serverProblems: action.serverProblems, saveProblem: action.saveProblem, attempted: true };
    case 'conflict':
      return { ...state, conflict: action.fresh, saveProblem: null };
    case 'reload':
      return state.conflict === null ? state : INITIAL_EDIT_STATE;
    case 'keep-editing': {
      // The dialog also reports closing after Reload; by then there is nothing to keep.
      if (state.conflict === null || state.base === null || state.draft === null) return { ...state, conflict: null };
      return settle({
        ...state,
        base: state.conflict,
        draft: rebase(state.draft, state.base.value, state.conflict.value),
        serverProblems: {},
        saveProblem: null,
        conflict: null,
      });
    }
  }
}
