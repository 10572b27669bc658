import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const config: StorybookConfig = {
  stories: ['../packages/react/src/**/*.stories.@(ts|tsx)', '../packages/react/src/**/*.mdx'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  staticDirs: ['./public'],
  typescript: { reactDocgen: 'react-docgen-typescript' },
  async viteFinal(viteConfig) {
    // Stories import the workspace packages from source, so Storybook needs no prior build.
    viteConfig.resolve ??= {};
    viteConfig.resolve.alias = [
      ...(Array.isArray(viteConfig.resolve.alias) ? viteConfig.resolve.alias : []),
      { find: '@trainviz/parser', replacement: resolve(root, 'packages/parser/src/index.ts') },
      {
        find: '@trainviz/client/series',
        replacement: resolve(root, 'packages/client/src/series/index.ts'),
      },
      { find: '@trainviz/client', replacement: resolve(root, 'packages/client/src/index.ts') },
    ];
    return viteConfig;
  },
};

export default config;
