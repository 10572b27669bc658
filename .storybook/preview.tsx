import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { withTrainviz } from '../packages/react/src/stories/withTrainviz';

const preview: Preview = {
  // Requests no story mocks (fonts, Storybook's own assets) go to the network without a warning.
  loaders: [
    mswLoader(async () => {
      const { setupWorker } = await import('msw/browser');
      const worker = setupWorker();
      // The worker script sits next to the iframe: at the root of a Storybook of its own, under
      // `/storybook/` in the demo app. MSW's default (`/mockServiceWorker.js`) only fits the first.
      await worker.start({
        quiet: true,
        onUnhandledRequest: 'bypass',
        serviceWorker: { url: new URL('mockServiceWorker.js', window.location.href).pathname },
      });
      return worker;
    }),
  ],
  decorators: [withTrainviz],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  tags: ['autodocs'],
};

export default preview;
