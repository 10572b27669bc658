import { connect } from 'node:net';

/** A response as it came off the socket. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `request` byte for byte over a fresh TCP connection and reads the answer until the server
 * closes it: no client library normalises the path, the method or the Host header on the way.
 */
export function rawRequest(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const text = raw.subarray(0, Math.max(0, split)).toString('latin1');
      if (split < 0) {
        reject(new Error(`no HTTP response: ${JSON.stringify(raw.toString('latin1', 0, 200))}`));
        return;
      }
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const rest = raw.subarray(split + 4);
      const body = (headers['transfer-encoding'] === 'chunked' ? dechunk(rest) : rest).toString(
        'utf8',
      );
      resolve({ status: Number(statusLine?.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) return Buffer.concat(parts);
    const size = Number.parseInt(raw.toString('latin1', at, eol), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** `GET {target}` with `Connection: close` and the given extra header lines. */
export function get(target: string, headerLines: string[] = ['Host: localhost']): string {
  return `GET ${target} HTTP/1.1\r\n${[...headerLines, 'Connection: close'].join('\r\n')}\r\n\r\n`;
}
