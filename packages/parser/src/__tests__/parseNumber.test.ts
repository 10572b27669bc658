import { describe, expect, it } from 'vitest';
import { parseNumber } from '../parseNumber';

describe('parseNumber', () => {
  it('reads plain, scientific and trailing-dot spellings', () => {
    expect(parseNumber('0.007')).toBe(0.007);
    expect(parseNumber('1e-05')).toBe(0.00001);
    expect(parseNumber('9.150E-06')).toBe(0.00000915);
    expect(parseNumber('1.04e-5')).toBe(0.0000104);
    expect(parseNumber('1.63e+6')).toBe(1630000);
    expect(parseNumber('517.')).toBe(517);
    expect(parseNumber('-0.000000')).toBe(-0);
  });

  it('reads thousands separators, unit suffixes and quoted numbers', () => {
    expect(parseNumber('13,448')).toBe(13448);
    expect(parseNumber('134,217,728')).toBe(134217728);
    expect(parseNumber('561.94ms')).toBe(561.94);
    expect(parseNumber('781us/step')).toBe(781);
    expect(parseNumber('0.868G')).toBe(0.868);
    expect(parseNumber('-100.00%')).toBe(-100);
    expect(parseNumber('22.80s/it')).toBe(22.8);
    expect(parseNumber("'3.4376'")).toBe(3.4376);
    expect(parseNumber('"0.00"')).toBe(0);
  });

  it('keeps non-finite values as numbers', () => {
    expect(parseNumber('nan')).toBeNaN();
    expect(parseNumber('nan (+nanz)')).toBeNaN();
    expect(parseNumber('nanms')).toBeNaN();
    expect(parseNumber('inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumber('-inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseNumber('Infinity')).toBe(Number.POSITIVE_INFINITY);
  });

  it('unwraps numpy and torch reprs', () => {
    expect(parseNumber('np.float64(44.35)')).toBe(44.35);
    expect(parseNumber("tensor(1.1639, device='cuda:0')")).toBe(1.1639);
  });

  it('refuses what is no number', () => {
    expect(parseNumber('0:01:54')).toBeUndefined();
    expect(parseNumber('N/A')).toBeUndefined();
    expect(parseNumber('None')).toBeUndefined();
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('{step}')).toBeUndefined();
  });
});

describe('parseNumber on a framework`s wrapper of one number', () => {
  it.each([
    ["tensor([2.5], device='cuda:0')", 2.5],
    ['tensor([[0.125]])', 0.125],
    ["tensor(0.5, device='cuda:0', dtype=torch.bfloat16)", 0.5],
    ["tensor(nan, device='cuda:0', grad_fn=<AddBackward0>)", Number.NaN],
    ['tf.Tensor(0.6925, shape=(), dtype=float32)', 0.6925],
    ['tf.Tensor([0.25], shape=(1,), dtype=float32)', 0.25],
    ['<tf.Tensor: shape=(), dtype=float32, numpy=0.6925>', 0.6925],
    ['Array(2.25, dtype=float32)', 2.25],
    ['Array(1e-05, dtype=float32, weak_type=True)', 1e-5],
    ['DeviceArray(3.5, dtype=float32)', 3.5],
    ['array(0.75, dtype=float32)', 0.75],
    ['numpy.float32(1.5)', 1.5],
    ['np.int64(12)', 12],
  ])('reads %s', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each([
    'tensor([1.0, 2.0])',
    'tf.Tensor([0.1 0.2], shape=(2,), dtype=float32)',
    'Array([1., 2.], dtype=float32)',
    "tensor('a')",
    'tensor(2.5',
    'array(2.5) extra',
    '<tf.Tensor: shape=(), dtype=string, numpy=b"x">',
    'tensor(tensor(2.5))',
  ])('refuses %s (several numbers, a string, a broken or nested wrapper)', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

describe('the nineteenth unseen set: numpy scalars', () => {
  it("reads numpy's scalar array(x, dtype=...) and no array of several values", () => {
    expect(parseNumber('array(0., dtype=float32)')).toBe(0);
    expect(parseNumber('array(-1.5e-3, dtype=float64)')).toBe(-0.0015);
    expect(parseNumber('array(nan, dtype=float32)')).toBeNaN();
    expect(parseNumber('array([0., 0.], dtype=float32)')).toBeUndefined();
    // One element, however deep in brackets, is that element (as `tensor([2.5])` is).
    expect(parseNumber('array([[1.0]])')).toBe(1);
    expect(parseNumber('arrays(1.0)')).toBeUndefined();
  });
});
