// Clients that fetch one run in full, over and over, each on its own connection; in their own
// process so their reading does not share an event loop with the pollers being measured.
// Usage: node fullFetcher.mjs URL CLIENTS SECONDS   -> prints JSON { times: [ms...], bytes }
const [url, clients, seconds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const until = performance.now() + seconds * 1000;
const times = [];
let bytes = 0;
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const response = await fetch(url);
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      times.push(performance.now() - started);
      bytes = body.byteLength;
    }
  }),
);
process.stdout.write(`${JSON.stringify({ times, bytes })}\n`);
