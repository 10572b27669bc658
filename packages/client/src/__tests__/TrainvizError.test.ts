import { describe, expect, it } from 'vitest';
import { isTrainvizError, TrainvizError } from '../TrainvizError';

describe('TrainvizError', () => {
  it('carries the kind and the details of an http error', () => {
    const error = new TrainvizError({
      kind: 'http',
      message: 'step_min must be an integer',
      status: 400,
      code: 'invalid_parameter',
      parameter: 'step_min',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TrainvizError');
    expect(error).toMatchObject({ kind: 'http', status: 400, parameter: 'step_min' });
  });

  it('keeps the underlying cause', () => {
    const cause = new TypeError('fetch failed');
    expect(new TrainvizError({ kind: 'network', message: 'down', cause }).cause).toBe(cause);
  });
});

describe('isTrainvizError', () => {
  it('recognises its errors', () => {
    expect(isTrainvizError(new TrainvizError({ kind: 'timeout', message: 'slow' }))).toBe(true);
  });

  it('recognises an error from another copy of the package by its brand, not instanceof', () => {
    const foreign = Object.assign(new Error('x'), {
      kind: 'aborted',
      [Symbol.for('@trainviz/client.TrainvizError')]: true,
    });
    expect(isTrainvizError(foreign)).toBe(true);
  });

  it('rejects look-alikes and other values', () => {
    expect(isTrainvizError(Object.assign(new Error('x'), { kind: 'http' }))).toBe(false);
    expect(isTrainvizError(new Error('x'))).toBe(false);
    expect(isTrainvizError(null)).toBe(false);
    expect(isTrainvizError('http')).toBe(false);
  });
});
