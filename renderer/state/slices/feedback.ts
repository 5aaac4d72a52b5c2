import { messageOf } from '../errors';
import type { AppStore, Slice } from './types';

/** What the person is told: the polite live-region line, the page's error summary, and whether work is running. */
export interface FeedbackSlice {
  /** Polite live-region text, e.g. "Saved owner of JSNA". */
  announcement: string;
  /** The error summary at the top of the page. */
  error: string | null;
  busy: boolean;
  dismissError(): void;
  /** Runs work with the page busy; a refusal goes to the error summary. Answers whether it finished. */
  withErrors(work: () => Promise<void>): Promise<boolean>;
}

export const createFeedbackSlice: Slice<FeedbackSlice> = () => (set) => ({
  announcement: '',
  error: null,
  busy: false,

  dismissError() {
    set({ error: null });
  },

  async withErrors(work) {
    set({ busy: true, error: null } satisfies Partial<AppStore>);
    try {
      await work();
      return true;
    } catch (error) {
      set({ error: messageOf(error) });
      return false;
    } finally {
      set({ busy: false });
    }
  },
});
