import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from './csv.ts';

describe('CSV cells', () => {
  it('neutralises every formula start OWASP lists', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
  });
  it('keeps ordinary text as it is', () => {
    expect(neutralizeFormula('Cổng thông tin = điện tử')).toBe('Cổng thông tin = điện tử');
  });
});
