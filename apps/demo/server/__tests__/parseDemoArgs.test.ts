import { describe, expect, it } from 'vitest';
import { type DemoArgsError, parseDemoArgs } from '../parseDemoArgs';

describe('parseDemoArgs', () => {
  it('starts on 127.0.0.1:5173 with the simulated runs and no log files by default', () => {
    expect(parseDemoArgs([])).toEqual({
      port: 5173,
      host: '127.0.0.1',
      db: null,
      logs: [],
      intervalMs: 30,
      pollMs: 500,
      simulate: true,
      help: false,
    });
  });

  it('takes the port from PORT unless --port is given', () => {
    expect(parseDemoArgs([], { PORT: '8080' }).port).toBe(8080);
    expect(parseDemoArgs(['--port', '9000'], { PORT: '8080' }).port).toBe(9000);
  });

  it('keeps every --log file, in order', () => {
    const args = parseDemoArgs(['--log', 'a.log', '--log', 'runs/b.log', '--no-simulate']);
    expect(args.logs).toEqual(['a.log', 'runs/b.log']);
    expect(args.simulate).toBe(false);
  });

  it('rejects an unknown option or a bad number with a typed error', () => {
    const kindOf = (argv: string[]) => {
      try {
        parseDemoArgs(argv);
        return 'accepted';
      } catch (error) {
        return (error as DemoArgsError).kind;
      }
    };
    expect(kindOf(['--lgo', 'a.log'])).toBe('invalid_option');
    expect(kindOf(['--port', 'eighty'])).toBe('invalid_number');
    expect(kindOf(['--interval-ms=-5'])).toBe('invalid_number');
    expect(kindOf(['--interval-ms', '1.5'])).toBe('invalid_number');
    expect(kindOf(['--poll-ms', '0'])).toBe('invalid_number');
  });
});
