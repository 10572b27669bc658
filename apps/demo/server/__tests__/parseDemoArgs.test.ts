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

  it('keeps every --log file, in order, relative paths resolved against the working directory', () => {
    const args = parseDemoArgs(
      ['--log', 'a.log', '--log', 'runs/b.log', '--log', '/var/log/c.log', '--no-simulate'],
      {},
      '/home/me/project',
    );
    expect(args.logs).toEqual([
      '/home/me/project/a.log',
      '/home/me/project/runs/b.log',
      '/var/log/c.log',
    ]);
    expect(args.simulate).toBe(false);
  });

  it('resolves --log against INIT_CWD, where the user typed `npm run demo`, not where npm runs it', () => {
    const env = { INIT_CWD: '/home/me/experiments' };
    expect(parseDemoArgs(['--log', '../train.log'], env, '/repo/apps/demo').logs).toEqual([
      '/home/me/train.log',
    ]);
    // An empty or relative INIT_CWD is not a directory to trust.
    expect(parseDemoArgs(['--log', 'x.log'], { INIT_CWD: '' }, '/repo').logs).toEqual([
      '/repo/x.log',
    ]);
    expect(parseDemoArgs(['--log', 'x.log'], { INIT_CWD: 'rel' }, '/repo').logs).toEqual([
      '/repo/x.log',
    ]);
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
