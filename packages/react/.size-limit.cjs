// What a host's bundle gains, peers external (react, react-dom, recharts, @tanstack/react-query).
// @trainviz/client is counted: users install it through this package. The endpoint check keeps
// the lazy imports external, as a bundler splits them into chunks: the log chart (loaded when a
// chart is given log text), the export module (first export), and the features of
// data/lazyFeatures.ts (run groups, the epoch and time axes, zoomed views, non-finite markers),
// loaded when a chart first uses them, and the poll merge (pollMerge.ts, loaded before a run's
// first poll). A static import of any of them, or of the parser, lands in the count and fails it.
const peers = ['react', 'react-dom', 'recharts', '@tanstack/react-query'];

const lazyModules = [
  'log/LogMetricsChart',
  'dom/exportMetricsChart',
  'groupRows',
  'createEpochInterpolator',
  'timeTicks',
  'buildSeriesView',
  'runStretches',
  'nonFiniteMarkers',
  'ChartTooltip',
  'pollMerge',
];

const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve(
      { filter: new RegExp(`(?:^|/)(${lazyModules.join('|')})(\\.c?js)?$`) },
      (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined),
    );
  },
};

module.exports = [
  {
    name: '@trainviz/react: TrainvizProvider + TrainingMetricsChart (endpoint, no parser)',
    path: 'dist/index.js',
    import: '{ TrainvizProvider, TrainingMetricsChart }',
    // Issue 11 asks for 15 kB and this misses it (issue 11 stays open). 23.2 kB before the lazy
    // features; 20.9 kB with them; 19.5 kB with the tooltip loaded on first hover, the poll merge
    // as a chunk and the client's one-walk wire reader. What is left draws a default chart: the
    // client's fetch and validation (about 3 kB), the plot, its M4 view, axes and ticks, the
    // stylesheet (1.1 kB), toolbar, legend and selector. The limit keeps it from growing unnoticed.
    limit: '20 kB',
    gzip: true,
    ignore: peers,
    modifyEsbuildConfig(config) {
      config.plugins = [...(config.plugins ?? []), lazyChunks];
      return config;
    },
  },
  {
    name: '@trainviz/react/log: LogMetricsChart with the parser',
    path: 'dist/log/index.js',
    import: '{ LogMetricsChart }',
    // The parser grows with the log formats it reads: 44.1 kB before the round that added four
    // sets of real logs (CJK text, collector and logger prefixes, phase tables, Caffe, Marian,
    // GAN and BasicSR lines, ...), 49.5 kB after; 57.1 kB after the round that added seven more
    // (older frameworks, RL, help-forum pastes, voice and LoRA trainers, other languages,
    // scientific ML, hyperparameter searches) and the stores logs are kept in (Docker and cloud
    // logging JSON, notebooks, CSV exports). The limit keeps it from growing unnoticed.
    // 60.9 kB after the round that added four more (outside Python, speech, vision repos, LLM
    // post-training) and the framework-wrapped values, nested records and step spellings.
    limit: '63 kB',
    gzip: true,
    ignore: peers,
  },
];
