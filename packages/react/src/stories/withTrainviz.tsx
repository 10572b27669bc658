import type { Decorator } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { TrainvizProvider } from '../components/TrainvizProvider';
import { STORY_BASE_URL } from './mocks';

/**
 * Storybook decorator: every story gets a fresh `QueryClient` (retries off, so an error shows at
 * once) and a `TrainvizProvider` pointed at the MSW-mocked endpoint. With `parameters.dark`, the
 * canvas gets a dark page background so the dark theme is seen as a host would show it.
 *
 * @defaultValue applied to every story from `.storybook/preview.tsx`
 *
 * @example
 * ```ts
 * const preview: Preview = { decorators: [withTrainviz] };
 * ```
 */
export const withTrainviz: Decorator = (Story, context) => {
  const dark = context.parameters.dark === true;
  return (
    <StoryFrame dark={dark}>
      <Story />
    </StoryFrame>
  );
};

function StoryFrame(props: { dark: boolean; children: ReactNode }) {
  // One client per mounted story: nothing cached leaks from one story into the next.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <TrainvizProvider baseUrl={STORY_BASE_URL} queryClient={queryClient}>
      <div
        style={
          props.dark
            ? { background: '#0d1117', color: '#e6edf3', padding: 16, borderRadius: 8 }
            : { padding: 0 }
        }
      >
        {props.children}
      </div>
    </TrainvizProvider>
  );
}
